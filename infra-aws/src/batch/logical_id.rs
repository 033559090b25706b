//! The logical ids of the batch section's resources.

use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `BatchComputeEnvironment<Name>`
pub(crate) fn compute_environment(name: &Name) -> LogicalId {
    LogicalId::new(["BatchComputeEnvironment", &name.pascal_case()])
}

/// `BatchJobsLogGroup`: the log group of the jobs submitted to the queues.
pub(crate) fn log_group() -> LogicalId {
    LogicalId::new(["BatchJobsLogGroup"])
}

/// `BatchJobsLogGroupName`: the output of its name.
pub(crate) fn log_group_output() -> LogicalId {
    LogicalId::new(["BatchJobsLogGroupName"])
}

/// `BatchJobQueue<Name>`
pub(crate) fn job_queue(name: &Name) -> LogicalId {
    LogicalId::new(["BatchJobQueue", &name.pascal_case()])
}

/// `BatchComputeEnvironment<Name>InstanceRole`: the EC2 instances' ECS role.
pub(crate) fn instance_role(name: &Name) -> LogicalId {
    LogicalId::new(["BatchComputeEnvironment", &name.pascal_case(), "InstanceRole"])
}

/// `BatchComputeEnvironment<Name>InstanceProfile`: the instance profile holding that role.
pub(crate) fn instance_profile(name: &Name) -> LogicalId {
    LogicalId::new(["BatchComputeEnvironment", &name.pascal_case(), "InstanceProfile"])
}

/// `BatchComputeEnvironment<Name>LaunchTemplate`: the instances' launch template (IMDSv2).
pub(crate) fn launch_template(name: &Name) -> LogicalId {
    LogicalId::new(["BatchComputeEnvironment", &name.pascal_case(), "LaunchTemplate"])
}
