//! The paths of the compute section's elements.

use super::model::Metric;
use crate::diag::ModelPath;

/// `compute`
pub fn compute() -> ModelPath {
    ModelPath::root("compute")
}

/// `compute.services.<name>`
pub fn service(name: &str) -> ModelPath {
    compute().field("services").field(name)
}

/// `compute.services.<name>.image`
pub fn service_image(name: &str) -> ModelPath {
    service(name).field("image")
}

/// `compute.services.<name>.cpu`
pub fn service_cpu(name: &str) -> ModelPath {
    service(name).field("cpu")
}

/// `compute.services.<name>.memory`
pub fn service_memory(name: &str) -> ModelPath {
    service(name).field("memory")
}

/// `compute.services.<name>.port`
pub fn service_port(name: &str) -> ModelPath {
    service(name).field("port")
}

/// `compute.services.<name>.environment.<variable>`
pub fn service_variable(name: &str, variable: &str) -> ModelPath {
    service(name).field("environment").field(variable)
}

/// `compute.services.<name>.secrets.<variable>`
pub fn service_secret(name: &str, variable: &str) -> ModelPath {
    service(name).field("secrets").field(variable)
}

/// `compute.services.<name>.secrets.<variable>.secret`: the secret's name.
pub fn service_secret_reference(name: &str, variable: &str) -> ModelPath {
    service_secret(name, variable).field("secret")
}

/// `compute.services.<name>.log_retention`
pub fn service_log_retention(name: &str) -> ModelPath {
    service(name).field("log_retention")
}

/// `compute.services.<name>.tier`
pub fn service_tier(name: &str) -> ModelPath {
    service(name).field("tier")
}

/// `compute.services.<name>.security_groups[<idx>]`
pub fn service_security_group(name: &str, idx: usize) -> ModelPath {
    service(name).field("security_groups").index(idx)
}

/// `compute.services.<name>.capacity`
pub fn service_capacity(name: &str) -> ModelPath {
    service(name).field("capacity")
}

/// `compute.services.<name>.read_only_root`
pub fn service_read_only_root(name: &str) -> ModelPath {
    service(name).field("read_only_root")
}

/// `compute.services.<name>.scaling.<cpu|memory>`
pub fn target_tracking(name: &str, metric: Metric) -> ModelPath {
    service(name).field("scaling").field(metric.keyword())
}

/// `compute.services.<name>.scaling.<cpu|memory>.target`
pub fn target_tracking_target(name: &str, metric: Metric) -> ModelPath {
    target_tracking(name, metric).field("target")
}

/// `compute.services.<name>.scaling.<cpu|memory>.scale_in_cooldown`
pub fn target_tracking_scale_in(name: &str, metric: Metric) -> ModelPath {
    target_tracking(name, metric).field("scale_in_cooldown")
}

/// `compute.services.<name>.scaling.<cpu|memory>.scale_out_cooldown`
pub fn target_tracking_scale_out(name: &str, metric: Metric) -> ModelPath {
    target_tracking(name, metric).field("scale_out_cooldown")
}

/// `compute.services.<name>.scaling.schedules.<schedule>`
pub fn schedule(name: &str, schedule: &str) -> ModelPath {
    service(name).field("scaling").field("schedules").field(schedule)
}

/// `compute.services.<name>.scaling.schedules.<schedule>.schedule`: the cron, rate or at
/// expression.
pub fn schedule_expression(name: &str, schedule: &str) -> ModelPath {
    self::schedule(name, schedule).field("schedule")
}

/// `compute.services.<name>.scaling.schedules.<schedule>.time_zone`
pub fn schedule_time_zone(name: &str, schedule: &str) -> ModelPath {
    self::schedule(name, schedule).field("time_zone")
}

/// `compute.services.<name>.scaling.schedules.<schedule>.min`
pub fn schedule_min(name: &str, schedule: &str) -> ModelPath {
    self::schedule(name, schedule).field("min")
}

/// `compute.services.<name>.scaling.schedules.<schedule>.max`
pub fn schedule_max(name: &str, schedule: &str) -> ModelPath {
    self::schedule(name, schedule).field("max")
}

/// `compute.services.<name>.scaling.schedules.<schedule>.desired`: never valid, reported by
/// `scheduled-desired-capacity`.
pub fn schedule_desired(name: &str, schedule: &str) -> ModelPath {
    self::schedule(name, schedule).field("desired")
}

/// `compute.services.<name>.consumes`
pub fn service_consumes(name: &str) -> ModelPath {
    service(name).field("consumes")
}

/// `compute.services.<name>.sends_to[<idx>]`
pub fn service_sends_to(name: &str, idx: usize) -> ModelPath {
    service(name).field("sends_to").index(idx)
}

/// `compute.services.<name>.role`
pub fn service_role(name: &str) -> ModelPath {
    service(name).field("role")
}

/// `compute.services.<name>.scaling.queue_depth`
pub fn queue_scaling(name: &str) -> ModelPath {
    service(name).field("scaling").field("queue_depth")
}

/// `compute.services.<name>.scaling.queue_depth.threshold`
pub fn queue_scaling_threshold(name: &str) -> ModelPath {
    queue_scaling(name).field("threshold")
}

/// `compute.services.<name>.scaling.queue_depth.cooldown`
pub fn queue_scaling_cooldown(name: &str) -> ModelPath {
    queue_scaling(name).field("cooldown")
}

/// `compute.queues.<name>`
pub fn queue(name: &str) -> ModelPath {
    compute().field("queues").field(name)
}

/// `compute.queues.<name>.visibility_timeout`
pub fn queue_visibility_timeout(name: &str) -> ModelPath {
    queue(name).field("visibility_timeout")
}

/// `compute.queues.<name>.retention`
pub fn queue_retention(name: &str) -> ModelPath {
    queue(name).field("retention")
}

/// `compute.queues.<name>.dead_letter`
pub fn dead_letter(name: &str) -> ModelPath {
    queue(name).field("dead_letter")
}

/// `compute.queues.<name>.dead_letter.max_receives`
pub fn dead_letter_max_receives(name: &str) -> ModelPath {
    dead_letter(name).field("max_receives")
}

/// `compute.queues.<name>.dead_letter.retention`
pub fn dead_letter_retention(name: &str) -> ModelPath {
    dead_letter(name).field("retention")
}

/// `compute.services.<name>.log_kms_key`
pub fn service_log_kms_key(name: &str) -> ModelPath {
    service(name).field("log_kms_key")
}

/// `compute.queues.<name>.kms_key`
pub fn queue_kms_key(name: &str) -> ModelPath {
    queue(name).field("kms_key")
}
