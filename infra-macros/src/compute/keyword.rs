//! The compute section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `compute { ... }`.
    pub enum ComputeKey: "compute item" {
        Service = "service",
    }

    /// The fields of a service.
    pub enum ServiceKey: "service field" {
        Image = "image",
        Cpu = "cpu",
        Memory = "memory",
        Port = "port",
        Environment = "environment",
        LogRetention = "log_retention",
        Tier = "tier",
        SecurityGroups = "security_groups",
        ReadOnlyRoot = "read_only_root",
        Capacity = "capacity",
        Scaling = "scaling",
    }

    /// The fields of a capacity.
    pub enum CapacityKey: "capacity field" {
        Min = "min",
        Desired = "desired",
        Max = "max",
    }

    /// The items of `scaling { ... }`.
    pub enum ScalingKey: "scaling item" {
        Cpu = "cpu",
        Memory = "memory",
        Schedule = "schedule",
    }

    /// The fields of a target tracking policy.
    pub enum TrackingKey: "target tracking field" {
        Target = "target",
        ScaleInCooldown = "scale_in_cooldown",
        ScaleOutCooldown = "scale_out_cooldown",
    }

    /// The fields of a scheduled capacity.
    pub enum ScheduleKey: "schedule field" {
        Schedule = "schedule",
        TimeZone = "time_zone",
        Min = "min",
        Max = "max",
        Desired = "desired",
    }
}
