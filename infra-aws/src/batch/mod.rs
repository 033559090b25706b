//! The lowering of the batch section: a managed AWS Batch compute environment for each compute
//! environment of the design (Fargate, or EC2 and Spot instances with their instance role,
//! instance profile and an IMDSv2 launch template), and a job queue for each queue.
//!
//! No compute environment names a `ServiceRole`: AWS Batch then uses its service-linked role
//! (`AWSServiceRoleForBatch`), which it creates in the account on first use and which AWS keeps
//! up to date, so the template needs no IAM role or `iam:PassRole` of its own.

mod logical_id;

use infra_core::model::{path, AllocationStrategy, Batch, ComputeEnvironment, JobQueue};
use infra_core::rules::{
    COMPUTE_ENVIRONMENT_IN_PUBLIC_TIER, COMPUTE_ENVIRONMENT_SECURITY_GROUP_COUNT,
    COMPUTE_ENVIRONMENT_WITHOUT_SUBNETS,
    INSTANCE_SETTING_ON_FARGATE, INVALID_ALLOCATION_STRATEGY, INVALID_JOB_QUEUE_PRIORITY,
    INVALID_MAX_VCPUS, JOB_QUEUE_COMPUTE_ENVIRONMENT_COUNT, JOB_QUEUE_MIXES_FARGATE_AND_INSTANCES,
    JOB_QUEUE_PRIORITY_INVERTED, MIN_VCPUS_ABOVE_MAX, UNKNOWN_COMPUTE_ENVIRONMENT,
    INVALID_LOG_RETENTION, UNKNOWN_KMS_KEY, UNKNOWN_SECURITY_GROUP, UNKNOWN_TIER,
};

use crate::context::State;
use crate::trust::service_trust;
use crate::intrinsic::{Expr, Pseudo};
use crate::kms::design_key_arn;
use crate::network::logical_id as network_id;
use crate::stack::Stack;
use crate::template::{Output, Policy, Resource, Section, Template};

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
    log_group(stack, template, batch);
    template.add_section(Section {
        summary: summary(batch),
        arch: arch(stack),
    });
}

/// The jobs' log group, when the design asks for one: its retention, the design's key, and its
/// name as an output for the job definitions' `awslogs-group` (the design defines no job
/// definitions; the jobs are submitted from outside the stack).
///
/// Source: AWS Batch User Guide, using_awslogs.html (the `awslogs` driver and its
/// `awslogs-group` option; without one, jobs log to `/aws/batch/job`).
fn log_group(stack: &Stack<'_>, template: &mut Template, batch: &Batch) {
    if !batch.has_log_group() {
        return;
    }
    let id = logical_id::log_group();
    let mut resource = Resource::new("AWS::Logs::LogGroup");
    let mut kept = "until they are deleted".to_owned();
    if let Some(days) = batch.log_retention {
        resource = resource.property("RetentionInDays", days.days());
        kept = format!("for {} days", days.days());
    }
    let mut encrypted = String::new();
    if let Some(key) = &batch.log_kms_key {
        resource = resource.property("KmsKeyId", design_key_arn(key));
        encrypted = format!(", encrypted with key `{key}`");
    }
    let at = match batch.log_retention {
        Some(_) => path::batch_log_retention(),
        None => path::batch_log_kms_key(),
    };
    template.add_resource(
        id.clone(),
        resource
            .property("Tags", stack.tags("batch-jobs-logs"))
            .keep_on(Policy::Retain)
            .context(
                stack
                    .context(
                        at,
                        format!("Keeps the batch jobs' logs {kept}{encrypted}: retained when the stack deletes or replaces it"),
                        State::Stateful,
                    )
                    .must([&INVALID_LOG_RETENTION, &UNKNOWN_KMS_KEY]),
            ),
    );
    let output = logical_id::log_group_output();
    template.add_output(
        output.clone(),
        Output::exported(
            "The name of the batch jobs' log group, for the awslogs-group option of the job definitions submitted to the queues",
            Expr::reference(&id),
            Expr::sub(format!("${{{}}}-{output}", Pseudo::StackName.name())),
        ),
    );
}

/// The AWS managed policy that lets an EC2 instance join an ECS cluster and pull images.
const EC2_CONTAINER_POLICY: &str =
    "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role";

/// The ECS-optimised AMI AWS Batch launches EC2 instances from: Amazon Linux 2023 (AWS Batch's
/// default, Amazon Linux 2, reaches its end of support).
const IMAGE_TYPE: &str = "ECS_AL2023";

/// The instance types of an EC2 or Spot environment that names none: `optimal`, with which AWS
/// Batch picks current-generation types that fit the queued jobs (AWS Batch API
/// `ComputeResource.instanceTypes`; the console's default).
const DEFAULT_INSTANCE_TYPES: &str = "optimal";

/// A managed compute environment. Fargate forbids the EC2 settings (minimum and desired vCPUs,
/// instance types and roles, allocation strategy, launch template, `ComputeResources` tags,
/// ...), so a Fargate one sets only the type, the vCPU limit, the subnets and the security
/// groups; an EC2 or Spot one adds its instance types, minimum vCPUs, allocation strategy,
/// instance profile and launch template.
fn compute_environment(stack: &Stack<'_>, template: &mut Template, environment: &ComputeEnvironment) {
    let subnets: Vec<Expr> = environment
        .subnets
        .iter()
        .flat_map(|tier| stack.subnet_ids(tier.as_str()))
        .collect();
    let groups = environment
        .security_groups
        .iter()
        .map(|group| Expr::get_att(&network_id::security_group(group), "GroupId"));
    let max_vcpus = stack.value(&environment.max_vcpus).get();
    let mut resources = vec![
        ("Type", Expr::from(environment.kind.aws_name())),
        ("MaxvCpus", Expr::Int(i64::from(max_vcpus))),
        ("Subnets", Expr::list(subnets)),
        ("SecurityGroupIds", Expr::list(groups)),
    ];
    if let Some(strategy) = environment
        .allocation_strategy
        .or(AllocationStrategy::default_for(environment.kind))
    {
        instances(stack, template, environment);
        let min_vcpus = environment.min_vcpus.as_ref().map_or(0, |min| *stack.value(min));
        let types: Vec<Expr> = if environment.instance_types.is_empty() {
            vec![Expr::from(DEFAULT_INSTANCE_TYPES)]
        } else {
            environment.instance_types.iter().map(|t| Expr::from(t.as_str())).collect()
        };
        let launch_template = logical_id::launch_template(&environment.name);
        resources.extend([
            ("AllocationStrategy", Expr::from(strategy.aws_name())),
            ("MinvCpus", Expr::Int(i64::from(min_vcpus))),
            ("InstanceTypes", Expr::list(types)),
            (
                "InstanceRole",
                Expr::get_att(&logical_id::instance_profile(&environment.name), "Arn"),
            ),
            (
                "LaunchTemplate",
                Expr::map([
                    ("LaunchTemplateId", Expr::reference(&launch_template)),
                    ("Version", Expr::get_att(&launch_template, "LatestVersionNumber")),
                ]),
            ),
            (
                "Ec2Configuration",
                Expr::list([Expr::map([("ImageType", Expr::from(IMAGE_TYPE))])]),
            ),
        ]);
    }
    let resources = Expr::map(resources);
    let kind_rules: &[&'static infra_core::rules::Rule] = if environment.kind.is_fargate() {
        &[&INSTANCE_SETTING_ON_FARGATE]
    } else {
        &[
            &MIN_VCPUS_ABOVE_MAX,
            &INVALID_ALLOCATION_STRATEGY,
        ]
    };
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
                    ])
                    .must(kind_rules.iter().copied()),
            ),
    );
}

/// What an EC2 or Spot compute environment's instances need: an instance role with AWS's
/// `AmazonEC2ContainerServiceforEC2Role` (to join the ECS cluster AWS Batch makes, pull images
/// and write logs), its instance profile, and a launch template that requires IMDSv2 (a hop limit
/// of 2 lets the containers reach the instance metadata).
fn instances(stack: &Stack<'_>, template: &mut Template, environment: &ComputeEnvironment) {
    let name = environment.name.as_str();
    let role = logical_id::instance_role(&environment.name);
    let trust = service_trust("ec2.amazonaws.com", None);
    let at = path::compute_environment(name);
    template.add_resource(
        role.clone(),
        Resource::new("AWS::IAM::Role")
            .property("AssumeRolePolicyDocument", trust)
            .property("ManagedPolicyArns", Expr::list([Expr::sub(EC2_CONTAINER_POLICY)]))
            .property("Tags", stack.tags(&format!("batch-{name}-instance")))
            .context(stack.context(
                at.clone(),
                format!("Lets compute environment `{name}`'s EC2 instances join AWS Batch's ECS cluster, pull images and write logs (AmazonEC2ContainerServiceforEC2Role)"),
                State::Stateless,
            )),
    );
    template.add_resource(
        logical_id::instance_profile(&environment.name),
        Resource::new("AWS::IAM::InstanceProfile")
            .property("Roles", Expr::list([Expr::reference(&role)]))
            .context(stack.context(
                at.clone(),
                format!("The instance profile compute environment `{name}` launches its instances with"),
                State::Stateless,
            )),
    );
    template.add_resource(
        logical_id::launch_template(&environment.name),
        Resource::new("AWS::EC2::LaunchTemplate")
            .property(
                "LaunchTemplateData",
                Expr::map([(
                    "MetadataOptions",
                    Expr::map([
                        ("HttpEndpoint", Expr::from("enabled")),
                        ("HttpTokens", Expr::from("required")),
                        ("HttpPutResponseHopLimit", Expr::Int(2)),
                    ]),
                )]),
            )
            .context(stack.context(
                at,
                format!("Compute environment `{name}`'s instances require IMDSv2 (session tokens) for their instance metadata"),
                State::Stateless,
            )),
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
                        &JOB_QUEUE_MIXES_FARGATE_AND_INSTANCES,
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
    let logs = match (batch.has_log_group(), batch.log_retention) {
        (false, _) => String::new(),
        (true, Some(days)) => format!(" Jobs log to the stack's log group, kept {} days.", days.days()),
        (true, None) => " Jobs log to the stack's log group.".to_owned(),
    };
    format!("Batch: {environments}; {queues}.{logs}")
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;
    use infra_core::model::{Batch, ComputeEnvironment, ComputeKind, JobQueue};
    use infra_core::value::{JobQueuePriority, MaxVcpus, Name};

    use crate::intrinsic::Expr;
    use crate::testing::synth_reference as synth;

    #[test]
    fn the_jobs_log_group_is_kept_encrypted_and_named_in_an_output() {
        let template = synth("production");
        let group = template.resource("BatchJobsLogGroup").expect("the jobs' log group");
        assert_eq!(group.get("RetentionInDays"), Some(&Expr::Int(30)));
        assert_eq!(group.get("KmsKeyId"), Some(&Expr::get_att(&crate::security::logical_id::kms_key(&Name::new_assert("logs")), "Arn")));
        let output = &template.outputs()["BatchJobsLogGroupName"];
        assert_eq!(output.value(), &Expr::Ref("BatchJobsLogGroup".into()));
        // Without retention or key, the jobs log to AWS Batch's default group.
        let mut platform = reference_network();
        platform.batch.log_retention = None;
        platform.batch.log_kms_key = None;
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        assert!(template.resource("BatchJobsLogGroup").is_none());
        assert!(!template.outputs().contains_key("BatchJobsLogGroupName"));
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
    fn ec2_and_spot_get_their_instances_settings_and_fargate_none() {
        use infra_core::model::AllocationStrategy;
        let mut platform = reference_network();
        let instances = |name: &'static str, kind| {
            ComputeEnvironment::new(Name::new_assert(name), kind, MaxVcpus::new_assert(64))
                .subnets(Name::new_assert("private"))
                .security_group(Name::new_assert("application"))
                .instance_type("m6i")
                .instance_type("c6i.2xlarge")
        };
        let ec2 = instances("instances", ComputeKind::Ec2).min_vcpus(4);
        let spot = instances("spare", ComputeKind::Spot)
            .allocation_strategy(AllocationStrategy::SpotCapacityOptimized);
        let queue = JobQueue::new(Name::new_assert("heavy"), JobQueuePriority::new_assert(9))
            .compute_environment(Name::new_assert("spare"))
            .compute_environment(Name::new_assert("instances"));
        platform.batch = std::mem::take(&mut platform.batch)
            .compute_environment(ec2)
            .compute_environment(spot)
            .job_queue(queue);
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        let resources = |id: &str| {
            template
                .resource(id)
                .and_then(|resource| resource.get("ComputeResources"))
                .cloned()
                .expect("the compute environment's resources")
        };
        let ec2 = resources("BatchComputeEnvironmentInstances");
        assert_eq!(ec2.get("Type"), Some(&Expr::from("EC2")));
        assert_eq!(ec2.get("MinvCpus"), Some(&Expr::Int(4)));
        assert_eq!(ec2.get("AllocationStrategy"), Some(&Expr::from("BEST_FIT_PROGRESSIVE")));
        assert_eq!(
            ec2.get("InstanceTypes"),
            Some(&Expr::list([Expr::from("m6i"), Expr::from("c6i.2xlarge")]))
        );
        assert_eq!(
            ec2.get("InstanceRole"),
            Some(&Expr::GetAtt(
                "BatchComputeEnvironmentInstancesInstanceProfile".into(),
                "Arn".into()
            ))
        );
        let spot = resources("BatchComputeEnvironmentSpare");
        assert_eq!(spot.get("Type"), Some(&Expr::from("SPOT")));
        assert_eq!(spot.get("MinvCpus"), Some(&Expr::Int(0)));
        assert_eq!(spot.get("AllocationStrategy"), Some(&Expr::from("SPOT_CAPACITY_OPTIMIZED")));
        let role = template
            .resource("BatchComputeEnvironmentInstancesInstanceRole")
            .expect("the instance role");
        assert_eq!(
            role.get("ManagedPolicyArns"),
            Some(&Expr::list([Expr::sub(super::EC2_CONTAINER_POLICY)]))
        );
        let launch = template
            .resource("BatchComputeEnvironmentSpareLaunchTemplate")
            .and_then(|lt| lt.get("LaunchTemplateData"))
            .and_then(|data| data.get("MetadataOptions"))
            .and_then(|options| options.get("HttpTokens"))
            .cloned();
        assert_eq!(launch, Some(Expr::from("required")));
        // The Fargate environment keeps only what Fargate allows.
        let Expr::Map(fargate) = resources("BatchComputeEnvironmentFargate") else {
            panic!("compute resources as a map");
        };
        assert_eq!(
            fargate.keys().map(String::as_str).collect::<Vec<_>>(),
            ["MaxvCpus", "SecurityGroupIds", "Subnets", "Type"]
        );
        assert_eq!(template.resources_of_type("AWS::EC2::LaunchTemplate").count(), 2);
    }

    #[test]
    fn ec2_without_instance_types_leaves_the_choice_to_aws_batch() {
        let mut platform = reference_network();
        let ec2 = ComputeEnvironment::new(
            Name::new_assert("instances"),
            ComputeKind::Ec2,
            MaxVcpus::new_assert(16),
        )
        .subnets(Name::new_assert("private"))
        .security_group(Name::new_assert("application"));
        platform.batch = std::mem::take(&mut platform.batch).compute_environment(ec2);
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        let types = template
            .resource("BatchComputeEnvironmentInstances")
            .and_then(|resource| resource.get("ComputeResources"))
            .and_then(|resources| resources.get("InstanceTypes"))
            .cloned();
        assert_eq!(types, Some(Expr::list([Expr::from("optimal")])));
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
