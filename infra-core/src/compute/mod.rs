//! The compute section: ECS services on Fargate, their capacity per environment and their
//! Application Auto Scaling.

pub mod model;
pub mod path;
pub mod queue;
pub mod queue_value;
pub mod rules;
pub mod value;

pub use model::*;

use crate::model::Platform;
use crate::section::Section;
use crate::ModelPath;

/// The compute section, as registered in the crate root.
pub const SECTION: Section = Section {
    name: "compute",
    rules: rules::RULES,
    check: rules::check,
    paths,
};

/// Every element of the compute section that a front end must be able to point at.
fn paths(platform: &Platform) -> Vec<ModelPath> {
    let compute = &platform.compute;
    if compute.is_empty() {
        return Vec::new();
    }
    let mut paths = vec![path::compute()];
    for queue in &compute.queues {
        let name = queue.name.as_str();
        paths.extend([
            path::queue(name),
            path::queue_visibility_timeout(name),
            path::queue_retention(name),
            path::dead_letter(name),
            path::dead_letter_max_receives(name),
            path::dead_letter_retention(name),
        ]);
        if queue.kms_key.is_some() {
            paths.push(path::queue_kms_key(name));
        }
    }
    for service in &compute.services {
        let name = service.name.as_str();
        paths.extend([
            path::service(name),
            path::service_image(name),
            path::service_cpu(name),
            path::service_memory(name),
            path::service_log_retention(name),
            path::service_tier(name),
            path::service_capacity(name),
        ]);
        paths.extend(
            service
                .environment
                .iter()
                .map(|variable| path::service_variable(name, &variable.name)),
        );
        for variable in &service.secrets {
            paths.extend([
                path::service_secret(name, &variable.name),
                path::service_secret_reference(name, &variable.name),
            ]);
        }
        paths.extend(
            (0..service.security_groups.len()).map(|idx| path::service_security_group(name, idx)),
        );
        if service.port.is_some() {
            paths.push(path::service_port(name));
        }
        if service.consumes.is_some() {
            paths.push(path::service_consumes(name));
        }
        if service.log_kms_key.is_some() {
            paths.push(path::service_log_kms_key(name));
        }
        paths.extend((0..service.sends_to.len()).map(|idx| path::service_sends_to(name, idx)));
        if service.role.is_some() {
            paths.push(path::service_role(name));
        }
        if !service.read_only_root {
            paths.push(path::service_read_only_root(name));
        }
        let scaling = &service.scaling;
        for (metric, tracking) in [
            (Metric::Cpu, &scaling.cpu),
            (Metric::Memory, &scaling.memory),
        ] {
            if tracking.is_some() {
                paths.extend([
                    path::target_tracking(name, metric),
                    path::target_tracking_target(name, metric),
                    path::target_tracking_scale_in(name, metric),
                    path::target_tracking_scale_out(name, metric),
                ]);
            }
        }
        if scaling.queue_depth.is_some() {
            paths.extend([
                path::queue_scaling(name),
                path::queue_scaling_threshold(name),
                path::queue_scaling_cooldown(name),
            ]);
        }
        for schedule in &scaling.schedules {
            let at = schedule.name.as_str();
            paths.extend([
                path::schedule(name, at),
                path::schedule_expression(name, at),
                path::schedule_time_zone(name, at),
                path::schedule_min(name, at),
                path::schedule_max(name, at),
            ]);
            if schedule.desired.is_some() {
                paths.push(path::schedule_desired(name, at));
            }
        }
    }
    paths
}
