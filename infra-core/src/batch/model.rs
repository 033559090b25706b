//! The batch section's model: AWS Batch compute environments and the job queues that feed them.

use crate::model::PerEnv;
use crate::value::{JobQueuePriority, MaxVcpus, Name};

/// The batch section: managed compute environments and job queues.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Batch {
    /// The compute environments.
    pub compute_environments: Vec<ComputeEnvironment>,
    /// The job queues.
    pub job_queues: Vec<JobQueue>,
}

impl Batch {
    /// No compute environments and no job queues.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Whether the section holds nothing (a platform without batch).
    pub fn is_empty(&self) -> bool {
        self.compute_environments.is_empty() && self.job_queues.is_empty()
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
/// Only Fargate is modelled. AWS Batch rejects a job queue that mixes Fargate and EC2 compute
/// environments (`CreateJobQueue.computeEnvironmentOrder`: a queue's environments are all
/// EC2/SPOT or all FARGATE/FARGATE_SPOT; aws-rules.md §8). With Fargate kinds only, every queue is
/// all Fargate, so that rule cannot fire yet and is not in the catalogue; adding EC2 or Spot here
/// must add it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ComputeKind {
    /// On-demand Fargate capacity.
    Fargate,
    /// Fargate Spot: spare capacity at a discount, which AWS may reclaim with two minutes' notice.
    FargateSpot,
}

impl ComputeKind {
    /// The DSL keyword: `fargate` or `fargate_spot`.
    pub const fn keyword(&self) -> &'static str {
        match self {
            Self::Fargate => "fargate",
            Self::FargateSpot => "fargate_spot",
        }
    }

    /// AWS Batch's name for it (`ComputeResources.Type`): `FARGATE` or `FARGATE_SPOT`.
    pub const fn aws_name(&self) -> &'static str {
        match self {
            Self::Fargate => "FARGATE",
            Self::FargateSpot => "FARGATE_SPOT",
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
    /// Fargate or Fargate Spot.
    pub kind: ComputeKind,
    /// The most vCPUs it runs at once, per environment.
    pub max_vcpus: PerEnv<MaxVcpus>,
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
            subnets: Vec::new(),
            security_groups: Vec::new(),
        }
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
