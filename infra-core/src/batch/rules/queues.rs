//! Rules on job queues: unique names, the compute environments they use, and their priorities.

use crate::diag::Diagnostic;
use crate::model::{path, JobQueue, Platform};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::suggest::help_for;

declare_rules! {
    /// A job queue names a compute environment the design does not define.
    UNKNOWN_COMPUTE_ENVIRONMENT = "unknown-compute-environment", Error,
        "a job queue's compute environments exist",
        "AWS Batch API CreateJobQueue.computeEnvironmentOrder (the compute environments must exist and be VALID); aws-rules.md §8";
    /// A job queue lists no compute environment, or more than three.
    JOB_QUEUE_COMPUTE_ENVIRONMENT_COUNT = "job-queue-compute-environment-count", Error,
        "a job queue orders 1 to 3 compute environments",
        "AWS Batch API CreateJobQueue.computeEnvironmentOrder (required; up to three compute environments); aws-rules.md §8";
    /// A queue named as the high-priority one does not outrank a low-priority one it shares a
    /// compute environment with.
    JOB_QUEUE_PRIORITY_INVERTED = "job-queue-priority-inverted", Warning,
        "a queue named `high` has a higher priority number than a queue named `low` that shares a compute environment",
        "AWS Batch API CreateJobQueue.priority (a higher integer is scheduled first, between queues sharing a compute environment); aws-rules.md §8";
    /// A job queue orders Fargate and EC2 compute environments together.
    JOB_QUEUE_MIXES_FARGATE_AND_INSTANCES = "job-queue-mixes-fargate-and-instances", Error,
        "a job queue's compute environments are all EC2 and Spot, or all Fargate and Fargate Spot",
        "AWS Batch API CreateJobQueue.computeEnvironmentOrder (\"All of the compute environments must be either EC2 (EC2 or SPOT) or Fargate (FARGATE or FARGATE_SPOT); EC2 and Fargate compute environments can't be mixed\"); Batch User Guide, fargate-job-queues.md; aws-rules.md §8";
}

/// The most compute environments a job queue may order.
pub const MAX_COMPUTE_ENVIRONMENTS_PER_QUEUE: usize = 3;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let queues = &platform.batch.job_queues;
    check_unique(
        cx,
        "job queue",
        queues.iter().map(|queue| {
            (
                queue.name.as_str(),
                queue.name.pascal_case(),
                path::job_queue(queue.name.as_str()),
            )
        }),
    );
    for queue in queues {
        check_count(cx, queue);
        check_references(cx, platform, queue);
        check_mixing(cx, platform, queue);
    }
    check_inversion(cx, queues);
}

/// A queue orders 1 to 3 compute environments.
///
/// Source: AWS Batch API `CreateJobQueue.computeEnvironmentOrder`: required, with at most three
/// compute environments per queue (aws-rules.md §8).
fn check_count(cx: &mut Vec<Diagnostic>, queue: &JobQueue) {
    let name = queue.name.as_str();
    let count = queue.compute_environments.len();
    let message = match count {
        0 => format!("job queue `{name}` lists no compute environment; its jobs could never run"),
        n if n > MAX_COMPUTE_ENVIRONMENTS_PER_QUEUE => format!(
            "job queue `{name}` lists {n} compute environments; AWS Batch allows at most {MAX_COMPUTE_ENVIRONMENTS_PER_QUEUE}"
        ),
        _ => return,
    };
    let at = match count {
        0 => path::job_queue_compute_environments(name),
        _ => path::job_queue_compute_environment(name, MAX_COMPUTE_ENVIRONMENTS_PER_QUEUE),
    };
    cx.push(
        JOB_QUEUE_COMPUTE_ENVIRONMENT_COUNT
            .at(at, message)
            .with_help("list one to three compute environments, in the order the queue tries them"),
    );
}

/// Each compute environment a queue names is one of the design.
///
/// Source: AWS Batch API `CreateJobQueue.computeEnvironmentOrder`: each entry names an existing
/// compute environment in the VALID state (aws-rules.md §8).
fn check_references(cx: &mut Vec<Diagnostic>, platform: &Platform, queue: &JobQueue) {
    let batch = &platform.batch;
    let name = queue.name.as_str();
    for (idx, environment) in queue.compute_environments.iter().enumerate() {
        if batch.find_compute_environment(environment.as_str()).is_some() {
            continue;
        }
        let known = batch.compute_environments.iter().map(|e| e.name.as_str());
        cx.push(
            UNKNOWN_COMPUTE_ENVIRONMENT
                .at(
                    path::job_queue_compute_environment(name, idx),
                    format!("job queue `{name}` sends jobs to compute environment `{environment}`, but no compute environment `{environment}` exists"),
                )
                .with_help(help_for("compute environments", environment.as_str(), known)),
        );
    }
}

/// A queue's compute environments are all of one family: EC2 and Spot, or Fargate and Fargate
/// Spot. The first environment sets the family; each one of the other family is reported.
///
/// Source: AWS Batch API `CreateJobQueue.computeEnvironmentOrder`: "All of the compute
/// environments must be either EC2 (EC2 or SPOT) or Fargate (FARGATE or FARGATE_SPOT); EC2 and
/// Fargate compute environments can't be mixed"; Batch User Guide, "Job queues on Fargate"
/// (aws-rules.md §8).
fn check_mixing(cx: &mut Vec<Diagnostic>, platform: &Platform, queue: &JobQueue) {
    let name = queue.name.as_str();
    let known: Vec<(usize, &crate::model::ComputeEnvironment)> = queue
        .compute_environments
        .iter()
        .enumerate()
        .filter_map(|(idx, environment)| {
            platform
                .batch
                .find_compute_environment(environment.as_str())
                .map(|found| (idx, found))
        })
        .collect();
    let Some(&(first_idx, first)) = known.first() else {
        return;
    };
    let family = |fargate: bool| if fargate { "Fargate" } else { "EC2" };
    for &(idx, environment) in &known[1..] {
        if environment.kind.is_fargate() == first.kind.is_fargate() {
            continue;
        }
        cx.push(
            JOB_QUEUE_MIXES_FARGATE_AND_INSTANCES
                .at(
                    path::job_queue_compute_environment(name, idx),
                    format!(
                        "job queue `{name}` sends jobs to `{}` compute environment `{}` after `{}` compute environment `{}`; AWS Batch does not mix {} and {} in one queue",
                        environment.kind.keyword(),
                        environment.name,
                        first.kind.keyword(),
                        first.name,
                        family(first.kind.is_fargate()),
                        family(environment.kind.is_fargate()),
                    ),
                )
                .with_related(
                    path::job_queue_compute_environment(name, first_idx),
                    format!("`{}` ({}) sets the queue's family", first.name, first.kind.keyword()),
                )
                .with_help(format!(
                    "give `{}` its own job queue, or use only {} compute environments in `{name}`",
                    environment.name,
                    family(first.kind.is_fargate())
                )),
        );
    }
}

/// How a queue's name ranks it, if it says: `high_priority` is high, `low-priority` is low.
/// A word of the name (between `-` and `_`) must be `high`, `higher` or `highest` (`low`,
/// `lower`, `lowest`), so that `highway` or `workflow` says nothing.
fn named_rank(queue: &JobQueue) -> Option<Rank> {
    let mut rank = None;
    for word in queue.name.as_str().split(['-', '_']) {
        let found = match word {
            "high" | "higher" | "highest" => Rank::High,
            "low" | "lower" | "lowest" => Rank::Low,
            _ => continue,
        };
        if rank.is_some_and(|known| known != found) {
            return None; // `high-low`: the name says both, so it says nothing.
        }
        rank = Some(found);
    }
    rank
}

/// What a queue's name says of its priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    High,
    Low,
}

/// A queue named high outranks a queue named low wherever they share a compute environment:
/// its number is strictly higher (with equal numbers, `high` does not go first either).
///
/// Source: AWS Batch API `CreateJobQueue.priority`: "a job queue with a priority value of 10 is
/// given scheduling preference over a job queue with a priority value of 1", and priority only
/// matters between queues that share a compute environment (aws-rules.md §8). Schedulers that
/// rank 1 first (the seed's `high` = 1, `low` = 3) invert it. AWS accepts any order, and a name
/// is only a hint, so this is a warning.
fn check_inversion(cx: &mut Vec<Diagnostic>, queues: &[JobQueue]) {
    for high in queues.iter().filter(|q| named_rank(q) == Some(Rank::High)) {
        for low in queues.iter().filter(|q| named_rank(q) == Some(Rank::Low)) {
            if high.priority > low.priority {
                continue;
            }
            let Some(shared) = high
                .compute_environments
                .iter()
                .find(|environment| low.compute_environments.contains(environment))
            else {
                continue;
            };
            cx.push(
                JOB_QUEUE_PRIORITY_INVERTED
                    .at(
                        path::job_queue_priority(high.name.as_str()),
                        format!(
                            "job queue `{}` has priority {}, not above `{}`'s {}: AWS Batch schedules the higher number first, so `{}` does not go first in compute environment `{shared}`",
                            high.name, high.priority, low.name, low.priority, high.name
                        ),
                    )
                    .with_related(
                        path::job_queue_priority(low.name.as_str()),
                        format!("`{}` has priority {}", low.name, low.priority),
                    )
                    .with_help(format!(
                        "give `{}` the higher number (0 to 1000), or acknowledge this warning with a reason if the names do not describe the order",
                        high.name
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Batch, ComputeEnvironment, ComputeKind, JobQueue, Platform};
    use crate::testing::{codes, design};
    use crate::value::{JobQueuePriority, MaxVcpus, Name};

    fn environment(name: &'static str) -> ComputeEnvironment {
        ComputeEnvironment::new(Name::new_assert(name), ComputeKind::Fargate, MaxVcpus::new_assert(16))
            .subnets(Name::new_assert("private"))
            .security_group(Name::new_assert("application"))
    }

    fn queue(name: &'static str, priority: u32, environments: &[&'static str]) -> JobQueue {
        environments.iter().fold(
            JobQueue::new(Name::new_assert(name), JobQueuePriority::new_assert(priority)),
            |queue, environment| queue.compute_environment(Name::new_assert(environment)),
        )
    }

    fn with(queues: impl IntoIterator<Item = JobQueue>) -> Platform {
        let mut platform = design();
        let batch = ["fargate", "spot", "more", "most"]
            .into_iter()
            .fold(Batch::new(), |batch, name| batch.compute_environment(environment(name)));
        platform.batch = queues.into_iter().fold(batch, Batch::job_queue);
        platform
    }

    #[test]
    fn fargate_and_ec2_are_not_mixed_in_one_queue() {
        let mut platform = with([
            queue("mixed", 5, &["fargate", "instances", "spot"]),
            queue("ec2_only", 4, &["instances"]),
        ]);
        platform.batch.compute_environments.push(
            ComputeEnvironment::new(Name::new_assert("instances"), ComputeKind::Ec2, MaxVcpus::new_assert(16))
                .subnets(Name::new_assert("private"))
                .security_group(Name::new_assert("application"))
                .instance_type("optimal"),
        );
        let findings = crate::rules::check(&platform);
        assert_eq!(
            findings.iter().map(|d| (d.code, d.path.as_str())).collect::<Vec<_>>(),
            [("job-queue-mixes-fargate-and-instances", "batch.job_queues.mixed.compute_environments[1]")]
        );
        assert!(findings[0].message.contains("after `fargate` compute environment `fargate`"), "{}", findings[0].message);
        // Fargate and Fargate Spot are one family.
        platform.batch.job_queues[0].compute_environments.remove(1);
        platform.batch.compute_environments[1].kind = ComputeKind::FargateSpot;
        assert_eq!(codes(&platform), Vec::<&str>::new());
    }

    #[test]
    fn the_seeds_dangling_names_are_caught_with_a_suggestion() {
        let platform = with([
            queue("high_priority", 10, &["high-performance"]),
            queue("default", 5, &["standard"]),
            queue("low_priority", 1, &["cost-optimized", "fargat"]),
        ]);
        let findings = crate::rules::check(&platform);
        assert_eq!(
            findings.iter().map(|d| d.code).collect::<Vec<_>>(),
            ["unknown-compute-environment"; 4]
        );
        assert_eq!(
            findings[0].path.as_str(),
            "batch.job_queues.default.compute_environments[0]"
        );
        let last = findings.last().expect("a finding");
        assert_eq!(last.help.as_deref(), Some("did you mean `fargate`?"));
    }

    #[test]
    fn one_to_three_compute_environments() {
        assert_eq!(codes(&with([queue("jobs", 1, &["fargate", "spot", "more"])])), Vec::<&str>::new());
        let four = with([queue("jobs", 1, &["fargate", "spot", "more", "most"])]);
        let findings = crate::rules::check(&four);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "job-queue-compute-environment-count");
        assert_eq!(
            findings[0].path.as_str(),
            "batch.job_queues.jobs.compute_environments[3]"
        );
        assert_eq!(codes(&with([queue("jobs", 1, &[])])), ["job-queue-compute-environment-count"]);
    }

    #[test]
    fn high_outranks_low_where_they_share_an_environment() {
        let seed = with([
            queue("high_priority", 1, &["fargate"]),
            queue("low_priority", 3, &["fargate"]),
        ]);
        let findings = crate::rules::check(&seed);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].code, findings[0].severity),
            ("job-queue-priority-inverted", crate::Severity::Warning)
        );
        assert_eq!(findings[0].path.as_str(), "batch.job_queues.high_priority.priority");
        assert_eq!(
            findings[0].related[0].path.as_str(),
            "batch.job_queues.low_priority.priority"
        );
        assert!(seed.validate().is_ok());
        // Equal numbers do not put `high` first either.
        let equal = with([queue("high", 2, &["fargate"]), queue("low-jobs", 2, &["fargate"])]);
        assert_eq!(codes(&equal), ["job-queue-priority-inverted"]);
        // Corrected, or in separate environments, or named otherwise: nothing to say.
        for queues in [
            [queue("high_priority", 3, &["fargate"]), queue("low_priority", 1, &["fargate"])],
            [queue("high_priority", 1, &["fargate"]), queue("low_priority", 3, &["spot"])],
            [queue("highway", 1, &["fargate"]), queue("workflow", 3, &["fargate"])],
            [queue("high-low", 1, &["fargate"]), queue("low_priority", 3, &["fargate"])],
        ] {
            assert_eq!(codes(&with(queues)), Vec::<&str>::new());
        }
    }

    #[test]
    fn queue_names_are_unique() {
        let platform = with([queue("jobs", 1, &["fargate"]), queue("jobs", 2, &["fargate"])]);
        assert_eq!(codes(&platform), ["duplicate-name"]);
    }
}
