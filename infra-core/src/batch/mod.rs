//! The batch section: AWS Batch managed compute environments (Fargate, Fargate Spot, EC2 or Spot)
//! and the job queues that feed them.

pub mod model;
pub mod path;
pub mod rules;
pub mod value;

pub use model::*;

use crate::model::Platform;
use crate::section::Section;
use crate::ModelPath;

/// The batch section, as registered in the crate root.
pub const SECTION: Section = Section {
    name: "batch",
    rules: rules::RULES,
    check: rules::check,
    paths,
};

/// Every element of the batch section that a front end must be able to point at.
fn paths(platform: &Platform) -> Vec<ModelPath> {
    let batch = &platform.batch;
    if batch.is_empty() {
        return Vec::new();
    }
    let mut paths = vec![path::batch()];
    if batch.log_retention.is_some() {
        paths.push(path::batch_log_retention());
    }
    if batch.log_kms_key.is_some() {
        paths.push(path::batch_log_kms_key());
    }
    for environment in &batch.compute_environments {
        let name = environment.name.as_str();
        paths.extend([
            path::compute_environment(name),
            path::compute_environment_kind(name),
            path::compute_environment_max_vcpus(name),
        ]);
        paths.extend((0..environment.subnets.len()).map(|idx| path::compute_environment_subnets(name, idx)));
        if environment.min_vcpus.is_some() {
            paths.push(path::compute_environment_min_vcpus(name));
        }
        if !environment.instance_types.is_empty() {
            paths.push(path::compute_environment_instance_types(name));
            paths.extend(
                (0..environment.instance_types.len())
                    .map(|idx| path::compute_environment_instance_type(name, idx)),
            );
        }
        if environment.allocation_strategy.is_some() {
            paths.push(path::compute_environment_allocation_strategy(name));
        }
        paths.extend(
            (0..environment.security_groups.len())
                .map(|idx| path::compute_environment_security_group(name, idx)),
        );
    }
    for queue in &batch.job_queues {
        let name = queue.name.as_str();
        paths.extend([
            path::job_queue(name),
            path::job_queue_priority(name),
            path::job_queue_compute_environments(name),
        ]);
        paths.extend(
            (0..queue.compute_environments.len())
                .map(|idx| path::job_queue_compute_environment(name, idx)),
        );
    }
    paths
}
