//! The paths of the batch section's elements.

use crate::diag::ModelPath;

/// `batch`
pub fn batch() -> ModelPath {
    ModelPath::root("batch")
}

/// `batch.log_retention`
pub fn batch_log_retention() -> ModelPath {
    batch().field("log_retention")
}

/// `batch.log_kms_key`
pub fn batch_log_kms_key() -> ModelPath {
    batch().field("log_kms_key")
}

/// `batch.compute_environments.<name>`
pub fn compute_environment(name: &str) -> ModelPath {
    batch().field("compute_environments").field(name)
}

/// `batch.compute_environments.<name>.kind`
pub fn compute_environment_kind(name: &str) -> ModelPath {
    compute_environment(name).field("kind")
}

/// `batch.compute_environments.<name>.max_vcpus`
pub fn compute_environment_max_vcpus(name: &str) -> ModelPath {
    compute_environment(name).field("max_vcpus")
}

/// `batch.compute_environments.<name>.min_vcpus`
pub fn compute_environment_min_vcpus(name: &str) -> ModelPath {
    compute_environment(name).field("min_vcpus")
}

/// `batch.compute_environments.<name>.instance_types`: the list.
pub fn compute_environment_instance_types(name: &str) -> ModelPath {
    compute_environment(name).field("instance_types")
}

/// `batch.compute_environments.<name>.instance_types[<idx>]`
pub fn compute_environment_instance_type(name: &str, idx: usize) -> ModelPath {
    compute_environment_instance_types(name).index(idx)
}

/// `batch.compute_environments.<name>.allocation_strategy`
pub fn compute_environment_allocation_strategy(name: &str) -> ModelPath {
    compute_environment(name).field("allocation_strategy")
}

/// `batch.compute_environments.<name>.subnets[<idx>]`: a tier of its subnets.
pub fn compute_environment_subnets(name: &str, idx: usize) -> ModelPath {
    compute_environment(name).field("subnets").index(idx)
}

/// `batch.compute_environments.<name>.security_groups[<idx>]`
pub fn compute_environment_security_group(name: &str, idx: usize) -> ModelPath {
    compute_environment(name).field("security_groups").index(idx)
}

/// `batch.job_queues.<name>`
pub fn job_queue(name: &str) -> ModelPath {
    batch().field("job_queues").field(name)
}

/// `batch.job_queues.<name>.priority`
pub fn job_queue_priority(name: &str) -> ModelPath {
    job_queue(name).field("priority")
}

/// `batch.job_queues.<name>.compute_environments`: the list of the queue's environments.
pub fn job_queue_compute_environments(name: &str) -> ModelPath {
    job_queue(name).field("compute_environments")
}

/// `batch.job_queues.<name>.compute_environments[<idx>]`
pub fn job_queue_compute_environment(name: &str, idx: usize) -> ModelPath {
    job_queue_compute_environments(name).index(idx)
}
