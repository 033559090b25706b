//! The logical ids of the compute section's resources.

use infra_core::model::Metric;
use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `EcsCluster`
pub(crate) fn cluster() -> LogicalId {
    LogicalId::new(["EcsCluster"])
}

/// `EcsLogKey`: the KMS key of the services' log groups.
pub(crate) fn log_key() -> LogicalId {
    LogicalId::new(["EcsLogKey"])
}

/// `Service<Name>LogGroup`
pub(crate) fn log_group(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "LogGroup"])
}

/// `Service<Name>ExecutionRole`
pub(crate) fn execution_role(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "ExecutionRole"])
}

/// `Service<Name>TaskPolicy`: the service's grants on the security section's role it assumes.
pub(crate) fn task_policy(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "TaskPolicy"])
}

/// `Service<Name>TaskRole`
pub(crate) fn task_role(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "TaskRole"])
}

/// `Service<Name>TaskDefinition`
pub(crate) fn task_definition(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "TaskDefinition"])
}

/// `Service<Name>`
pub(crate) fn service(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case()])
}

/// `Service<Name>ScalableTarget`
pub(crate) fn scalable_target(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "ScalableTarget"])
}

/// `Service<Name><Cpu|Memory>Scaling`
pub(crate) fn scaling_policy(name: &Name, metric: Metric) -> LogicalId {
    let metric = match metric {
        Metric::Cpu => "Cpu",
        Metric::Memory => "Memory",
    };
    LogicalId::new(["Service", &name.pascal_case(), metric, "Scaling"])
}

/// `Service<Name>ImageTag`: the parameter of a service's image tag.
pub(crate) fn image_tag(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "ImageTag"])
}

/// `Service<Name>QueueScaleOut` or `Service<Name>QueueScaleIn`: a step scaling policy on the
/// service's queue depth.
pub(crate) fn queue_scaling_policy(name: &Name, out: bool) -> LogicalId {
    let direction = if out { "ScaleOut" } else { "ScaleIn" };
    LogicalId::new(["Service", &name.pascal_case(), "Queue", direction])
}

/// `Service<Name>QueueBacklogAlarm` or `Service<Name>QueueDrainedAlarm`: the alarm that runs a
/// queue scaling policy.
pub(crate) fn queue_alarm(name: &Name, out: bool) -> LogicalId {
    let which = if out { "Backlog" } else { "Drained" };
    LogicalId::new(["Service", &name.pascal_case(), "Queue", which, "Alarm"])
}

/// `Queue<Name>`
pub(crate) fn queue(name: &Name) -> LogicalId {
    LogicalId::new(["Queue", &name.pascal_case()])
}

/// `Queue<Name>DeadLetter`
pub(crate) fn dead_letter(name: &Name) -> LogicalId {
    LogicalId::new(["Queue", &name.pascal_case(), "DeadLetter"])
}

/// `Queue<Name>Key`: the KMS key of a queue and its dead-letter queue.
pub(crate) fn queue_key(name: &Name) -> LogicalId {
    LogicalId::new(["Queue", &name.pascal_case(), "Key"])
}

/// `Queue<Name>Url`: the output of a queue's URL.
pub(crate) fn queue_url(name: &Name) -> LogicalId {
    LogicalId::new(["Queue", &name.pascal_case(), "Url"])
}
