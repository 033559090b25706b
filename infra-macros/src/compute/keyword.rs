//! The compute section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `compute { ... }`.
    pub enum ComputeKey: "compute item" {
        Service = "service",
        Queue = "queue",
    }

    /// The fields of a queue.
    pub enum QueueKey: "queue field" {
        VisibilityTimeout = "visibility_timeout",
        Retention = "retention",
        DeadLetter = "dead_letter",
        KmsKey = "kms_key",
    }

    /// The fields of a dead-letter queue.
    pub enum DeadLetterKey: "dead-letter queue field" {
        MaxReceives = "max_receives",
        Retention = "retention",
    }

    /// The fields of an image written as a block.
    pub enum ImageKey: "image field" {
        Repository = "repository",
        Tag = "tag",
    }

    /// What an image's `tag` may name instead of a string.
    pub enum TagWord: "image tag source" {
        Parameter = "parameter",
    }

    /// The fields of queue-depth scaling.
    pub enum QueueScalingKey: "queue depth scaling field" {
        Threshold = "threshold",
        Cooldown = "cooldown",
    }

    /// The fields of a service.
    pub enum ServiceKey: "service field" {
        Image = "image",
        Cpu = "cpu",
        Memory = "memory",
        Port = "port",
        Environment = "environment",
        Secrets = "secrets",
        LogRetention = "log_retention",
        LogKmsKey = "log_kms_key",
        Tier = "tier",
        Consumes = "consumes",
        SendsTo = "sends_to",
        Role = "role",
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
        QueueDepth = "queue_depth",
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
