//! The batch section's model: AWS Batch compute environments and the job queues that feed them.

use crate::model::PerEnv;
use crate::value::{JobQueuePriority, MaxVcpus, Name, RetentionDays};

/// The batch section: managed compute environments and job queues.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Batch {
    /// The compute environments.
    pub compute_environments: Vec<ComputeEnvironment>,
    /// The job queues.
    pub job_queues: Vec<JobQueue>,
    /// How long the log group of the batch jobs keeps events. With this or [`log_kms_key`], the
    /// stack creates a log group whose name is an output, for the `awslogs-group` of the job
    /// definitions submitted to the queues; without either, jobs log to AWS Batch's default
    /// `/aws/batch/job`, which the stack does not own.
    ///
    /// [`log_kms_key`]: Batch::log_kms_key
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_retention: Option<RetentionDays>,
    /// The design's KMS key that encrypts that log group, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_kms_key: Option<Name>,
}

impl Batch {
    /// No compute environments and no job queues.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Whether the section holds nothing (a platform without batch).
    pub fn is_empty(&self) -> bool {
        self.compute_environments.is_empty()
            && self.job_queues.is_empty()
            && !self.has_log_group()
    }

    /// Whether the stack creates a log group for the jobs.
    pub fn has_log_group(&self) -> bool {
        self.log_retention.is_some() || self.log_kms_key.is_some()
    }

    /// Keeps the jobs' log events `days`, in a log group of the stack.
    pub fn log_retention(mut self, days: RetentionDays) -> Batch {
        self.log_retention = Some(days);
        self
    }

    /// Encrypts the jobs' log group with the design's KMS key `name`.
    pub fn log_kms_key(mut self, name: Name) -> Batch {
        self.log_kms_key = Some(name);
        self
    }

    /// Adds a compute environment.
    pub fn compute_environment(mut self, environment: ComputeEnvironment) -> Batch {
        self.compute_environments.push(environment);
        self
    }

    /// Adds a job queue.
    pub fn job_queue(mut self, queue: JobQueue) -> Batch {
        self.job_queues.push(queue);
        self
    }

    /// Looks a compute environment up by name.
    pub fn find_compute_environment(&self, name: &str) -> Option<&ComputeEnvironment> {
        self.compute_environments
            .iter()
            .find(|environment| environment.name.as_str() == name)
    }
}

/// The capacity a managed compute environment runs jobs on.
///
/// A job queue's compute environments are all of one family: EC2 and Spot, or Fargate and Fargate
/// Spot (`job-queue-mixes-fargate-and-instances`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ComputeKind {
    /// On-demand Fargate capacity.
    Fargate,
    /// Fargate Spot: spare capacity at a discount, which AWS may reclaim with two minutes' notice.
    FargateSpot,
    /// On-demand EC2 instances that AWS Batch launches and scales.
    Ec2,
    /// EC2 Spot instances: spare capacity at a discount, reclaimed with two minutes' notice.
    Spot,
}

impl ComputeKind {
    /// The DSL keyword: `fargate`, `fargate_spot`, `ec2` or `spot`.
    pub const fn keyword(&self) -> &'static str {
        match self {
            Self::Fargate => "fargate",
            Self::FargateSpot => "fargate_spot",
            Self::Ec2 => "ec2",
            Self::Spot => "spot",
        }
    }

    /// AWS Batch's name for it (`ComputeResources.Type`): `FARGATE`, `FARGATE_SPOT`, `EC2` or
    /// `SPOT`.
    pub const fn aws_name(&self) -> &'static str {
        match self {
            Self::Fargate => "FARGATE",
            Self::FargateSpot => "FARGATE_SPOT",
            Self::Ec2 => "EC2",
            Self::Spot => "SPOT",
        }
    }

    /// Whether it runs on Fargate (else on EC2 instances).
    pub const fn is_fargate(&self) -> bool {
        match self {
            Self::Fargate | Self::FargateSpot => true,
            Self::Ec2 | Self::Spot => false,
        }
    }
}

/// How AWS Batch picks EC2 instance types for an EC2 or Spot compute environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllocationStrategy {
    /// The cheapest type that fits; waits for it rather than choosing another.
    BestFit,
    /// Like best fit, then other listed types when the best one is unavailable.
    BestFitProgressive,
    /// Spot only: the types with the deepest spare capacity.
    SpotCapacityOptimized,
    /// Spot only: the lowest price among the types least likely to be interrupted.
    SpotPriceCapacityOptimized,
}

impl AllocationStrategy {
    /// The DSL keyword, such as `best_fit_progressive`.
    pub const fn keyword(&self) -> &'static str {
        match self {
            Self::BestFit => "best_fit",
            Self::BestFitProgressive => "best_fit_progressive",
            Self::SpotCapacityOptimized => "spot_capacity_optimized",
            Self::SpotPriceCapacityOptimized => "spot_price_capacity_optimized",
        }
    }

    /// AWS Batch's name for it (`ComputeResources.AllocationStrategy`).
    pub const fn aws_name(&self) -> &'static str {
        match self {
            Self::BestFit => "BEST_FIT",
            Self::BestFitProgressive => "BEST_FIT_PROGRESSIVE",
            Self::SpotCapacityOptimized => "SPOT_CAPACITY_OPTIMIZED",
            Self::SpotPriceCapacityOptimized => "SPOT_PRICE_CAPACITY_OPTIMIZED",
        }
    }

    /// The strategy used when the design names none: progressive best fit for EC2, price and
    /// capacity optimised for Spot (AWS's recommendation); `None` for Fargate, which takes none.
    pub const fn default_for(kind: ComputeKind) -> Option<AllocationStrategy> {
        match kind {
            ComputeKind::Ec2 => Some(Self::BestFitProgressive),
            ComputeKind::Spot => Some(Self::SpotPriceCapacityOptimized),
            ComputeKind::Fargate | ComputeKind::FargateSpot => None,
        }
    }
}

/// A managed compute environment: where the jobs of the queues that use it run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ComputeEnvironment {
    /// Its name.
    pub name: Name,
    /// Fargate, Fargate Spot, EC2 or Spot.
    pub kind: ComputeKind,
    /// The most vCPUs it runs at once, per environment.
    pub max_vcpus: PerEnv<MaxVcpus>,
    /// EC2 and Spot: the vCPUs it keeps running even without jobs, per environment (0 when
    /// `None`). Fargate takes none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_vcpus: Option<PerEnv<u32>>,
    /// EC2 and Spot: the instance types or families it may launch (`m6i.large`, `c6i`,
    /// `optimal`); none means `optimal`, AWS Batch's own choice, as its console defaults to.
    /// Fargate takes none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instance_types: Vec<String>,
    /// EC2 and Spot: how it picks instance types ([`AllocationStrategy::default_for`] when
    /// `None`). Fargate takes none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation_strategy: Option<AllocationStrategy>,
    /// The subnet tiers its jobs run in (the tiers' subnets in the stack's zones).
    pub subnets: Vec<Name>,
    /// The security groups of its jobs, by name.
    pub security_groups: Vec<Name>,
}

impl ComputeEnvironment {
    /// A compute environment with no subnets or security groups yet.
    pub fn new(name: Name, kind: ComputeKind, max_vcpus: impl Into<PerEnv<MaxVcpus>>) -> Self {
        ComputeEnvironment {
            name,
            kind,
            max_vcpus: max_vcpus.into(),
            min_vcpus: None,
            instance_types: Vec::new(),
            allocation_strategy: None,
            subnets: Vec::new(),
            security_groups: Vec::new(),
        }
    }

    /// EC2 and Spot: keeps at least `vcpus` running.
    pub fn min_vcpus(mut self, vcpus: impl Into<PerEnv<u32>>) -> Self {
        self.min_vcpus = Some(vcpus.into());
        self
    }

    /// EC2 and Spot: may launch instances of `instance_type` (a type, a family or `optimal`).
    pub fn instance_type(mut self, instance_type: impl Into<String>) -> Self {
        self.instance_types.push(instance_type.into());
        self
    }

    /// EC2 and Spot: picks instance types by `strategy`.
    pub fn allocation_strategy(mut self, strategy: AllocationStrategy) -> Self {
        self.allocation_strategy = Some(strategy);
        self
    }

    /// Runs its jobs in the subnets of `tier`.
    pub fn subnets(mut self, tier: Name) -> Self {
        self.subnets.push(tier);
        self
    }

    /// Gives its jobs the security group `group`.
    pub fn security_group(mut self, group: Name) -> Self {
        self.security_groups.push(group);
        self
    }
}

/// A job queue: jobs wait here until a compute environment of its list, tried in order, has room.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct JobQueue {
    /// Its name.
    pub name: Name,
    /// Its priority among the queues that share a compute environment: higher goes first.
    pub priority: JobQueuePriority,
    /// The compute environments, by name, in the order they are tried.
    pub compute_environments: Vec<Name>,
}

impl JobQueue {
    /// A queue with no compute environments yet.
    pub fn new(name: Name, priority: JobQueuePriority) -> JobQueue {
        JobQueue {
            name,
            priority,
            compute_environments: Vec::new(),
        }
    }

    /// Adds `environment` after those already listed.
    pub fn compute_environment(mut self, environment: Name) -> JobQueue {
        self.compute_environments.push(environment);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::reference_network;
    use crate::model::Platform;
    use crate::value::Name;

    #[test]
    fn ec2_settings_round_trip_as_data() {
        let mut platform = reference_network();
        platform.batch.compute_environments.push(
            ComputeEnvironment::new(Name::new_assert("instances"), ComputeKind::Spot, MaxVcpus::new_assert(64))
                .min_vcpus(PerEnv::new(2).with(Name::new_assert("staging"), 0))
                .instance_type("optimal")
                .allocation_strategy(AllocationStrategy::SpotPriceCapacityOptimized)
                .subnets(Name::new_assert("private"))
                .security_group(Name::new_assert("application")),
        );
        let json = platform.to_json();
        for fragment in [
            r#""kind":"spot""#,
            r#""min_vcpus":{"staging":0,"_":2}"#,
            r#""instance_types":["optimal"]"#,
            r#""allocation_strategy":"spot_price_capacity_optimized""#,
        ] {
            assert!(json.contains(fragment), "no {fragment} in {json}");
        }
        assert_eq!(Platform::from_json(&json).expect("it decodes"), platform);
        // A Fargate environment writes none of them.
        assert!(!reference_network().to_json().contains("instance_types"));
    }
}
