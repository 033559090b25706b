//! The logical ids of the batch section's resources.

use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `BatchComputeEnvironment<Name>`
pub(crate) fn compute_environment(name: &Name) -> LogicalId {
    LogicalId::new(["BatchComputeEnvironment", &name.pascal_case()])
}

/// `BatchJobQueue<Name>`
pub(crate) fn job_queue(name: &Name) -> LogicalId {
    LogicalId::new(["BatchJobQueue", &name.pascal_case()])
}
