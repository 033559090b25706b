//! The batch section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `batch { ... }`.
    pub enum BatchKey: "batch item" {
        ComputeEnvironment = "compute_environment",
        JobQueue = "job_queue",
        LogRetention = "log_retention",
        LogKmsKey = "log_kms_key",
    }

    /// The fields of a compute environment.
    pub enum ComputeEnvironmentKey: "compute environment field" {
        Type = "type",
        MaxVcpus = "max_vcpus",
        MinVcpus = "min_vcpus",
        InstanceTypes = "instance_types",
        AllocationStrategy = "allocation_strategy",
        Subnets = "subnets",
        SecurityGroups = "security_groups",
    }

    /// The capacity of a compute environment.
    pub enum ComputeKindWord: "compute environment type" {
        Fargate = "fargate",
        FargateSpot = "fargate_spot",
        Ec2 = "ec2",
        Spot = "spot",
    }

    /// How an EC2 or Spot compute environment picks instance types.
    pub enum AllocationWord: "allocation strategy" {
        BestFit = "best_fit",
        BestFitProgressive = "best_fit_progressive",
        SpotCapacityOptimized = "spot_capacity_optimized",
        SpotPriceCapacityOptimized = "spot_price_capacity_optimized",
    }

    /// The fields of a job queue.
    pub enum JobQueueKey: "job queue field" {
        Priority = "priority",
        ComputeEnvironments = "compute_environments",
    }
}
