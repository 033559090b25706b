//! The lowering of the batch section: a managed AWS Batch compute environment on Fargate for each
//! compute environment of the design, and a job queue for each queue.
//!
//! No compute environment names a `ServiceRole`: AWS Batch then uses its service-linked role
//! (`AWSServiceRoleForBatch`), which it creates in the account on first use and which AWS keeps
//! up to date, so the template needs no IAM role or `iam:PassRole` of its own.

mod logical_id;

use infra_core::model::{path, Batch, ComputeEnvironment, JobQueue};
use infra_core::rules::{
    COMPUTE_ENVIRONMENT_IN_PUBLIC_TIER, COMPUTE_ENVIRONMENT_SECURITY_GROUP_COUNT,
    COMPUTE_ENVIRONMENT_WITHOUT_SUBNETS, INVALID_JOB_QUEUE_PRIORITY, INVALID_MAX_VCPUS,
    JOB_QUEUE_COMPUTE_ENVIRONMENT_COUNT, JOB_QUEUE_PRIORITY_INVERTED, UNKNOWN_COMPUTE_ENVIRONMENT,
    UNKNOWN_SECURITY_GROUP, UNKNOWN_TIER,
};

use crate::context::State;
use crate::intrinsic::Expr;
use crate::network::logical_id as network_id;
use crate::stack::Stack;
use crate::template::{Resource, Section, Template};

impl<'a> Stack<'a> {
    /// The platform's batch section.
    pub(crate) fn batch(&self) -> &'a Batch {
        &self.platform().batch
    }
}

/// Adds the batch section of `stack`'s environment to `template`, and says what it added; a
/// design without batch adds nothing.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let batch = stack.batch();
    if batch.is_empty() {
        return;
    }
    for environment in &batch.compute_environments {
        compute_environment(stack, template, environment);
    }
    for queue in &batch.job_queues {
        job_queue(stack, template, queue);
    }
    template.add_section(Section {
        summary: summary(batch),
        arch: arch(stack),
    });
}

/// A managed Fargate compute environment. Fargate forbids the EC2 settings (minimum and desired
/// vCPUs, instance types and roles, allocation strategy, launch template, `ComputeResources`
/// tags, ...), so only the type, the vCPU limit, the subnets and the security groups are set.
fn compute_environment(stack: &Stack<'_>, template: &mut Template, environment: &ComputeEnvironment) {
    let network = stack.network();
    let subnets: Vec<Expr> = environment
        .subnets
        .iter()
        .filter_map(|tier| network.find_tier(tier.as_str()))
        .flat_map(|tier| {
            stack
                .subnets(tier)
                .map(|subnet| Expr::reference(&network_id::subnet(&tier.name, &subnet.zone)))
        })
        .collect();
    let groups = environment
        .security_groups
        .iter()
        .map(|group| Expr::get_att(&network_id::security_group(group), "GroupId"));
    let max_vcpus = stack.value(&environment.max_vcpus).get();
    let resources = Expr::map([
        ("Type", Expr::from(environment.kind.aws_name())),
        ("MaxvCpus", Expr::Int(i64::from(max_vcpus))),
        ("Subnets", Expr::list(subnets)),
        ("SecurityGroupIds", Expr::list(groups)),
    ]);
    let name = environment.name.as_str();
    let why = format!(
        "AWS Batch compute environment `{name}`: runs the jobs of its queues on {}, up to {max_vcpus} vCPUs, in the subnets of {}",
        environment.kind.aws_name(),
        names("tier", environment.subnets.iter().map(|tier| tier.as_str())),
    );
    template.add_resource(
        logical_id::compute_environment(&environment.name),
        Resource::new("AWS::Batch::ComputeEnvironment")
            .property("Type", "MANAGED")
            .property("State", "ENABLED")
            .property("ComputeResources", resources)
            .property("Tags", tags(stack, &format!("batch-{name}")))
            .context(
                stack
                    .context(path::compute_environment(name), why, State::Stateless)
                    .must([
                        &INVALID_MAX_VCPUS,
                        &COMPUTE_ENVIRONMENT_WITHOUT_SUBNETS,
                        &UNKNOWN_TIER,
                        &COMPUTE_ENVIRONMENT_IN_PUBLIC_TIER,
                        &COMPUTE_ENVIRONMENT_SECURITY_GROUP_COUNT,
                        &UNKNOWN_SECURITY_GROUP,
                    ]),
            ),
    );
}

/// A job queue, trying its compute environments in the design's order (`Order` 1, 2, 3).
fn job_queue(stack: &Stack<'_>, template: &mut Template, queue: &JobQueue) {
    let order = queue.compute_environments.iter().zip(1..).map(|(environment, order)| {
        Expr::map([
            (
                "ComputeEnvironment",
                Expr::reference(&logical_id::compute_environment(environment)),
            ),
            ("Order", Expr::Int(order)),
        ])
    });
    let name = queue.name.as_str();
    let why = format!(
        "AWS Batch job queue `{name}`: priority {} (higher is scheduled first where queues share a compute environment), sending jobs to {}",
        queue.priority,
        names(
            "compute environment",
            queue.compute_environments.iter().map(|e| e.as_str())
        ),
    );
    template.add_resource(
        logical_id::job_queue(&queue.name),
        Resource::new("AWS::Batch::JobQueue")
            .property("Priority", Expr::Int(i64::from(queue.priority.get())))
            .property("State", "ENABLED")
            .property("ComputeEnvironmentOrder", Expr::list(order))
            .property("Tags", tags(stack, &format!("queue-{name}")))
            .context(
                // Replacing a queue drops the jobs waiting in it.
                stack
                    .context(path::job_queue(name), why, State::Stateful)
                    .must([
                        &INVALID_JOB_QUEUE_PRIORITY,
                        &JOB_QUEUE_COMPUTE_ENVIRONMENT_COUNT,
                        &UNKNOWN_COMPUTE_ENVIRONMENT,
                        &JOB_QUEUE_PRIORITY_INVERTED,
                    ]),
            ),
    );
}

/// AWS Batch's tags are a map (`{"Name": ...}`), not the `[{Key, Value}]` list of EC2: the
/// stack's usual `Name`, `Environment` and `Platform`.
fn tags(stack: &Stack<'_>, what: &str) -> Expr {
    Expr::map([
        ("Name", Expr::from(stack.name(what))),
        ("Environment", Expr::from(stack.environment().name.as_str())),
        ("Platform", Expr::from(stack.platform().name.as_str())),
    ])
}

/// `kind `a`` or `kinds `a`, `b` and `c``.
fn names<'a>(kind: &str, names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    crate::network::named(kind, &names)
}

/// `batch (1 compute environment, 2 job queues)`.
fn summary(batch: &Batch) -> String {
    let count = |n: usize, thing: &str| match n {
        1 => format!("1 {thing}"),
        n => format!("{n} {thing}s"),
    };
    format!(
        "batch ({}, {})",
        count(batch.compute_environments.len(), "compute environment"),
        count(batch.job_queues.len(), "job queue")
    )
}

/// The batch section's shape: each compute environment's capacity and place, and each queue's
/// priority and environments, highest priority first.
fn arch(stack: &Stack<'_>) -> String {
    let batch = stack.batch();
    let environments: Vec<String> = batch
        .compute_environments
        .iter()
        .map(|environment| {
            format!(
                "`{}` ({}, up to {} vCPUs, {})",
                environment.name,
                environment.kind.aws_name(),
                stack.value(&environment.max_vcpus),
                names("tier", environment.subnets.iter().map(|tier| tier.as_str()))
            )
        })
        .collect();
    let mut queues: Vec<&JobQueue> = batch.job_queues.iter().collect();
    queues.sort_by_key(|queue| std::cmp::Reverse(queue.priority));
    let queues: Vec<String> = queues
        .iter()
        .map(|queue| {
            let order: Vec<&str> = queue.compute_environments.iter().map(|e| e.as_str()).collect();
            format!(
                "`{}` (priority {}) -> {}",
                queue.name,
                queue.priority,
                order.join(", ")
            )
        })
        .collect();
    let environments = match environments.len() {
        0 => "no compute environments".to_owned(),
        1 => format!("compute environment {}", environments.join("")),
        _ => format!("compute environments {}", environments.join(", ")),
    };
    let queues = match queues.len() {
        0 => "no job queues".to_owned(),
        _ => format!("job queues, highest priority first: {}", queues.join("; ")),
    };
    format!("Batch: {environments}; {queues}.")
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;
    use infra_core::model::{Batch, ComputeEnvironment, ComputeKind, JobQueue};
    use infra_core::value::{JobQueuePriority, MaxVcpus, Name};

    use crate::intrinsic::Expr;

    fn synth(environment: &str) -> crate::Template {
        let platform = reference_network().validate().expect("a valid design");
        crate::synth(&platform, environment).expect("a known environment")
    }

    #[test]
    fn each_environment_gets_its_own_vcpu_limit() {
        for (environment, vcpus) in [("production", 100), ("staging", 16)] {
            let template = synth(environment);
            let resources = template
                .resource("BatchComputeEnvironmentFargate")
                .and_then(|resource| resource.get("ComputeResources"))
                .expect("the compute environment's resources");
            assert_eq!(resources.get("MaxvCpus"), Some(&Expr::Int(vcpus)));
            assert_eq!(resources.get("Type"), Some(&Expr::from("FARGATE")));
        }
    }

    #[test]
    fn fargate_takes_only_what_it_allows() {
        let template = synth("production");
        let environment = template
            .resource("BatchComputeEnvironmentFargate")
            .expect("the compute environment");
        assert_eq!(environment.get("Type"), Some(&Expr::from("MANAGED")));
        assert!(environment.get("ServiceRole").is_none());
        let Some(Expr::Map(resources)) = environment.get("ComputeResources") else {
            panic!("compute resources as a map");
        };
        let keys: Vec<&str> = resources.keys().map(String::as_str).collect();
        assert_eq!(keys, ["MaxvCpus", "SecurityGroupIds", "Subnets", "Type"]);
        assert_eq!(
            resources["Subnets"],
            Expr::list([
                Expr::Ref("SubnetPrivateApNortheast1a".into()),
                Expr::Ref("SubnetPrivateApNortheast1c".into()),
            ])
        );
        assert_eq!(
            resources["SecurityGroupIds"],
            Expr::list([Expr::GetAtt(
                "SecurityGroupApplication".into(),
                "GroupId".into()
            )])
        );
    }

    #[test]
    fn queues_order_their_environments_from_1() {
        let mut platform = reference_network();
        let spot = ComputeEnvironment::new(
            Name::new_assert("spot"),
            ComputeKind::FargateSpot,
            MaxVcpus::new_assert(8),
        )
        .subnets(Name::new_assert("private"))
        .security_group(Name::new_assert("application"));
        let queue = JobQueue::new(Name::new_assert("nightly"), JobQueuePriority::new_assert(7))
            .compute_environment(Name::new_assert("spot"))
            .compute_environment(Name::new_assert("fargate"));
        let fargate = platform.batch.compute_environments[0].clone();
        platform.batch = Batch::new()
            .compute_environment(fargate)
            .compute_environment(spot)
            .job_queue(queue);
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        let queue = template.resource("BatchJobQueueNightly").expect("the queue");
        assert_eq!(queue.get("Priority"), Some(&Expr::Int(7)));
        assert_eq!(queue.get("State"), Some(&Expr::from("ENABLED")));
        let order = |environment: &str, order: i64| {
            Expr::map([
                ("ComputeEnvironment", Expr::Ref(environment.into())),
                ("Order", Expr::Int(order)),
            ])
        };
        assert_eq!(
            queue.get("ComputeEnvironmentOrder"),
            Some(&Expr::list([
                order("BatchComputeEnvironmentSpot", 1),
                order("BatchComputeEnvironmentFargate", 2),
            ]))
        );
        let spot = template
            .resource("BatchComputeEnvironmentSpot")
            .and_then(|resource| resource.get("ComputeResources"))
            .expect("the spot environment");
        assert_eq!(spot.get("Type"), Some(&Expr::from("FARGATE_SPOT")));
    }

    #[test]
    fn without_batch_nothing_is_added() {
        let mut platform = reference_network();
        platform.batch = Batch::new();
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        assert_eq!(template.resources_of_type("AWS::Batch::JobQueue").count(), 0);
        assert!(!template.description().contains("batch"));
    }
}
