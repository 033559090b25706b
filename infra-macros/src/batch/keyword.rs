//! The batch section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `batch { ... }`.
    pub enum BatchKey: "batch item" {
        ComputeEnvironment = "compute_environment",
        JobQueue = "job_queue",
    }

    /// The fields of a compute environment.
    pub enum ComputeEnvironmentKey: "compute environment field" {
        Type = "type",
        MaxVcpus = "max_vcpus",
        Subnets = "subnets",
        SecurityGroups = "security_groups",
    }

    /// The capacity of a compute environment.
    pub enum ComputeKindWord: "compute environment type" {
        Fargate = "fargate",
        FargateSpot = "fargate_spot",
    }

    /// The fields of a job queue.
    pub enum JobQueueKey: "job queue field" {
        Priority = "priority",
        ComputeEnvironments = "compute_environments",
    }
}
