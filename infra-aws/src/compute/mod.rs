//! The lowering of the compute section: an ECS cluster; for each queue an SQS queue, its
//! dead-letter queue and their KMS key (see [`queue`]); and for each service its log group, its
//! execution role (it may read the secrets its container takes) and its task role (the
//! security section's role it names, to which its grants are then attached as a policy, or one
//! of its own: it may consume the service's queue and send to the queues it names), its task
//! definition on Fargate (with its image tag as a template parameter
//! where the design asks), the ECS service and its Application Auto Scaling (a scalable target
//! with the scheduled actions, a target tracking policy per tracked metric, and step scaling on
//! its queue's depth).
//!
//! The services' log groups are encrypted with the KMS key of the design each service names
//! (`log_kms_key`), or else with one customer managed key of the section, which only CloudWatch
//! Logs of this account and region may use. The scalable targets name no
//! `RoleARN`: Application Auto Scaling then uses its service-linked role for ECS.

pub(crate) mod logical_id;
mod queue;

use infra_core::model::{path, Compute, Image, Metric, Queue, ScheduledCapacity, Service};
use infra_core::value::Name;
use infra_core::rules::{
    IMAGE_REPOSITORY_WITH_TAG, IMAGE_TAG_LATEST, INVALID_CAPACITY, INVALID_DURATION,
    INVALID_FARGATE_SIZE, INVALID_LOG_RETENTION, INVALID_PORT_RANGE, INVALID_SCALING_TARGET,
    INVALID_SCHEDULE, INVALID_TIME_ZONE, SCHEDULED_CAPACITY_REVERSED, SCHEDULED_DESIRED_CAPACITY,
    SECRET_VARIABLE_CONFLICT, SERVICE_IN_PUBLIC_TIER, SERVICE_SECURITY_GROUP_COUNT, UNKNOWN_KMS_KEY,
    UNKNOWN_QUEUE, UNKNOWN_ROLE, UNKNOWN_SECRET, UNKNOWN_SECURITY_GROUP, UNKNOWN_TIER,
    WRITABLE_ROOT_FILESYSTEM,
};

use crate::context::State;
use crate::trust::{service_trust, this_account};
use crate::kms::{account_administers, key_arn, logs_may_use};
use crate::intrinsic::{Expr, Pseudo};
use crate::logical_id::LogicalId;
use crate::network::logical_id as network_id;
use crate::security::logical_id as security_id;
use crate::security::secrets::key_arn as secrets_key_arn;
use crate::stack::Stack;
use crate::template::{Output, Parameter, Policy, Resource, Section, Template};

/// The AWS managed policy that lets ECS pull a task's image and write its logs.
const EXECUTION_POLICY: &str =
    "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

impl<'a> Stack<'a> {
    /// The platform's compute section.
    pub(crate) fn compute(&self) -> &'a Compute {
        &self.platform().compute
    }

    /// The queue `service` consumes, if it names one of the design.
    fn consumed_queue(&self, service: &Service) -> Option<&'a Queue> {
        let wanted = service.consumes.as_ref()?;
        self.compute().find_queue(wanted.as_str())
    }

    /// The container's variables read from secrets of the design, with each secret's name.
    fn secrets_read(&self, service: &'a Service) -> Vec<(&'a str, &'a Name)> {
        service
            .secrets
            .iter()
            .filter(|variable| self.platform().security.find_secret(variable.secret.as_str()).is_some())
            .map(|variable| (variable.name.as_str(), &variable.secret))
            .collect()
    }

    /// The queues of the design `service` sends to, each once, in the order it names them.
    fn queues_sent_to(&self, service: &Service) -> Vec<&'a Queue> {
        let mut queues: Vec<&'a Queue> = Vec::new();
        for wanted in &service.sends_to {
            let found = self.compute().find_queue(wanted.as_str());
            if let Some(queue) = found.filter(|queue| !queues.iter().any(|q| q.name == queue.name)) {
                queues.push(queue);
            }
        }
        queues
    }
}

/// An image tag as ECR and Docker take it (up to 128 letters, digits, `_`, `.` and `-`, not
/// starting with `.` or `-`), but not `latest`, which moves with every push.
const IMAGE_TAG_PATTERN: &str = "^(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";

/// The variable that tells a consumer its queue's URL.
const QUEUE_URL_VARIABLE: &str = "QUEUE_URL";

/// The variable that tells a producer the URL of a queue it sends to: `JOBS_QUEUE_URL` for
/// `jobs`, `-` becoming `_`. Distinct queues get distinct variables: names that differ only in
/// `-` and `_` share a logical id too, which `duplicate-name` refuses.
fn producer_url_variable(queue: &Queue) -> String {
    format!("{}_QUEUE_URL", queue.name.as_str().replace('-', "_").to_ascii_uppercase())
}

/// Adds the compute section of `stack`'s environment to `template`, and says what it added; a
/// design without services adds nothing.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let compute = stack.compute();
    if compute.is_empty() {
        return;
    }
    cluster(stack, template);
    if compute.services.iter().any(|service| service.log_kms_key.is_none()) {
        log_key(stack, template);
    }
    for queue in &compute.queues {
        queue::lower_queue(stack, template, queue);
    }
    for service in &compute.services {
        lower_service(stack, template, service);
    }
    template.add_section(Section {
        summary: summary(compute),
        arch: arch(stack),
    });
}

fn cluster(stack: &Stack<'_>, template: &mut Template) {
    let id = logical_id::cluster();
    template.add_resource(
        id.clone(),
        Resource::new("AWS::ECS::Cluster")
            .property(
                "ClusterSettings",
                Expr::list([Expr::map([
                    ("Name", Expr::from("containerInsights")),
                    ("Value", Expr::from("enabled")),
                ])]),
            )
            .property("Tags", stack.tags("cluster"))
            .context(stack.context(
                path::compute(),
                "The ECS cluster the services' Fargate tasks run in, with Container Insights for their metrics",
                State::Stateless,
            )),
    );
    let export = format!("${{{}}}-EcsClusterName", Pseudo::StackName.name());
    template.add_output(
        LogicalId::new(["EcsClusterName"]),
        Output::exported(
            "The name of the ECS cluster",
            Expr::reference(&id),
            Expr::sub(export),
        ),
    );
}

/// The key of the services' log groups: the account administers it; CloudWatch Logs of this
/// region may use it only for this account's log groups.
fn log_key(stack: &Stack<'_>, template: &mut Template) {
    let administer = account_administers();
    let logs = logs_may_use();
    template.add_resource(
        logical_id::log_key(),
        Resource::new("AWS::KMS::Key")
            .property("Description", "Encrypts the ECS services' log groups")
            .property("EnableKeyRotation", true)
            .property(
                "KeyPolicy",
                Expr::map([
                    ("Version", Expr::from("2012-10-17")),
                    ("Statement", Expr::list([administer, logs])),
                ]),
            )
            .property("Tags", stack.tags("ecs-logs-key"))
            .keep_on(Policy::Retain)
            .context(stack.context(
                path::compute(),
                "Encrypts the services' log groups; retained, since the retained groups stay readable only with it",
                State::Stateful,
            )),
    );
}

fn lower_service(stack: &Stack<'_>, template: &mut Template, service: &Service) {
    let name = service.name.as_str();
    template.add_resource(
        logical_id::log_group(&service.name),
        Resource::new("AWS::Logs::LogGroup")
            .property("RetentionInDays", service.log_retention.days())
            .property("KmsKeyId", key_arn(service.log_kms_key.as_ref(), &logical_id::log_key()))
            .property("Tags", stack.tags(&format!("service-{name}-logs")))
            .keep_on(Policy::Retain)
            .context(
                stack
                    .context(
                        path::service_log_retention(name),
                        format!(
                            "Keeps service `{name}`'s container logs for {} days, encrypted: retained when the stack deletes or replaces it",
                            service.log_retention.days()
                        ),
                        State::Stateful,
                    )
                    .must([&INVALID_LOG_RETENTION, &UNKNOWN_KMS_KEY]),
            ),
    );
    roles(stack, template, service);
    task_definition(stack, template, service);
    ecs_service(stack, template, service);
    scaling(stack, template, service);
    scaling_on_queue(stack, template, service);
}

/// Only ECS tasks of this account may assume the roles.
fn trust_policy() -> Expr {
    service_trust("ecs-tasks.amazonaws.com", Some(this_account()))
}

/// The role `service`'s tasks assume: the security section's role it names, or its own task
/// role.
pub(crate) fn task_role(service: &Service) -> LogicalId {
    match &service.role {
        Some(role) => security_id::role(role),
        None => logical_id::task_role(&service.name),
    }
}

/// The execution role (ECS pulls the image and writes the logs with it) and the task role (the
/// container's own identity: it may consume the service's queue and send to the queues it
/// names). A service that names a role of the security section assumes that role, and these
/// grants become a policy of the role; otherwise it gets a task role of its own with nothing else.
fn roles(stack: &Stack<'_>, template: &mut Template, service: &Service) {
    let name = service.name.as_str();
    let mut execution = Resource::new("AWS::IAM::Role")
        .property("AssumeRolePolicyDocument", trust_policy())
        .property("ManagedPolicyArns", Expr::list([Expr::sub(EXECUTION_POLICY)]));
    let mut why = format!("Lets ECS pull service `{name}`'s image and write its logs (AmazonECSTaskExecutionRolePolicy)");
    let reads = !service.secrets.is_empty();
    if let Some(policy) = read_secrets_policy(stack, service) {
        execution = execution.property("Policies", Expr::list([policy]));
        let secrets: Vec<String> = distinct_secrets(stack, service).iter().map(|secret| format!("`{secret}`")).collect();
        why = format!("{why}, and read secrets {} into its container when a task starts", secrets.join(", "));
    }
    template.add_resource(
        logical_id::execution_role(&service.name),
        execution
            .property("Tags", stack.tags(&format!("service-{name}-execution")))
            .context(stack.context(path::service(name), why, State::Stateless).must(reads.then_some(&UNKNOWN_SECRET))),
    );
    let consumed = stack.consumed_queue(service);
    let sent_to = stack.queues_sent_to(service);
    let mut may = Vec::new();
    if let Some(queue) = consumed {
        may.push(format!(
            "receive, delete and change the visibility of queue `{}`'s messages and decrypt them",
            queue.name
        ));
    }
    if !sent_to.is_empty() {
        may.push(format!("send encrypted messages to {}", queue_list(&sent_to)));
    }
    if let Some(role) = &service.role {
        let statements: Vec<Expr> = consumed
            .map(queue::consumer_statements)
            .into_iter()
            .chain(sent_to.iter().map(|queue| queue::producer_statements(queue)))
            .flatten()
            .collect();
        if statements.is_empty() {
            return;
        }
        template.add_resource(
            logical_id::task_policy(&service.name),
            Resource::new("AWS::IAM::Policy")
                // Unique among the role's inline policies, however many services share it.
                .property("PolicyName", format!("service-{name}"))
                .property(
                    "PolicyDocument",
                    Expr::map([
                        ("Version", Expr::from("2012-10-17")),
                        ("Statement", Expr::list(statements)),
                    ]),
                )
                .property("Roles", Expr::list([Expr::reference(&security_id::role(role))]))
                .context(
                    stack
                        .context(
                            path::service(name),
                            format!(
                                "Lets service `{name}`'s tasks, which assume workload role `{role}`, {}",
                                may.join(", and ")
                            ),
                            State::Stateless,
                        )
                        .must([&UNKNOWN_QUEUE, &UNKNOWN_ROLE]),
                ),
        );
        return;
    }
    let mut task_role = Resource::new("AWS::IAM::Role")
        .property("AssumeRolePolicyDocument", trust_policy())
        .property("Tags", stack.tags(&format!("service-{name}-task")));
    let policies: Vec<Expr> = consumed
        .map(queue::consumer_policy)
        .into_iter()
        .chain(sent_to.iter().map(|queue| queue::producer_policy(queue)))
        .collect();
    let why = if policies.is_empty() {
        format!("Service `{name}`'s containers' own identity, separate from the execution role; no permissions")
    } else {
        task_role = task_role.property("Policies", Expr::list(policies));
        format!(
            "Service `{name}`'s containers' own identity, separate from the execution role: it may {}, nothing else",
            may.join(", and ")
        )
    };
    template.add_resource(
        logical_id::task_role(&service.name),
        task_role.context(
            stack
                .context(path::service(name), why, State::Stateless)
                .must([&UNKNOWN_QUEUE]),
        ),
    );
}

/// The secrets of the design `service` reads, each once, in the order it names them.
fn distinct_secrets<'a>(stack: &Stack<'a>, service: &'a Service) -> Vec<&'a Name> {
    let mut secrets: Vec<&Name> = Vec::new();
    for (_, secret) in stack.secrets_read(service) {
        if !secrets.contains(&secret) {
            secrets.push(secret);
        }
    }
    secrets
}

/// The inline policy that lets ECS read the secrets `service`'s container takes when it starts a
/// task: `secretsmanager:GetSecretValue` on exactly those secrets, and `kms:Decrypt` on their keys
/// through Secrets Manager only; `None` without any.
///
/// Source: ECS Developer Guide, task_execution_IAM_role.html ("Secrets Manager or Systems
/// Manager permissions": `secretsmanager:GetSecretValue`, and `kms:Decrypt` for a customer
/// managed key); Secrets Manager User Guide, security-encryption.html (`kms:ViaService`).
fn read_secrets_policy(stack: &Stack<'_>, service: &Service) -> Option<Expr> {
    let secrets = distinct_secrets(stack, service);
    if secrets.is_empty() {
        return None;
    }
    let arns = secrets.iter().map(|secret| Expr::reference(&security_id::secret(secret)));
    // Each key once: a design key several secrets name, or the section's own.
    let mut keys: Vec<(Option<&Name>, Expr)> = Vec::new();
    for secret in secrets.iter().filter_map(|name| stack.platform().security.find_secret(name.as_str())) {
        if !keys.iter().any(|(key, _)| *key == secret.kms_key.as_ref()) {
            keys.push((secret.kms_key.as_ref(), secrets_key_arn(secret)));
        }
    }
    let document = Expr::map([
        ("Version", Expr::from("2012-10-17")),
        (
            "Statement",
            Expr::list([
                Expr::map([
                    ("Effect", Expr::from("Allow")),
                    ("Action", Expr::from("secretsmanager:GetSecretValue")),
                    ("Resource", Expr::list(arns)),
                ]),
                Expr::map([
                    ("Effect", Expr::from("Allow")),
                    ("Action", Expr::from("kms:Decrypt")),
                    ("Resource", Expr::list(keys.into_iter().map(|(_, arn)| arn))),
                    ("Condition", crate::kms::only_through("secretsmanager")),
                ]),
            ]),
        ),
    ]);
    Some(Expr::map([("PolicyName", Expr::from("read-secrets")), ("PolicyDocument", document)]))
}

fn task_definition(stack: &Stack<'_>, template: &mut Template, service: &Service) {
    let name = service.name.as_str();
    let variable = |name: &str, value: Expr| {
        Expr::map([("Name", Expr::from(name)), ("Value", value)])
    };
    let mut environment: Vec<Expr> = service
        .environment
        .iter()
        .map(|v| variable(v.name.as_str(), Expr::from(v.value.as_str())))
        .collect();
    // A variable the design writes, as a value or from a secret, wins over one the lowering adds.
    let written = |wanted: &str| {
        service.environment.iter().any(|v| v.name == wanted) || service.secrets.iter().any(|v| v.name == wanted)
    };
    if let (Some(queue), false) = (stack.consumed_queue(service), written(QUEUE_URL_VARIABLE)) {
        let url = Expr::reference(&logical_id::queue(&queue.name));
        environment.push(variable(QUEUE_URL_VARIABLE, url));
    }
    for queue in stack.queues_sent_to(service) {
        let wanted = producer_url_variable(queue);
        if !written(&wanted) {
            environment.push(variable(&wanted, Expr::reference(&logical_id::queue(&queue.name))));
        }
    }
    let secrets: Vec<Expr> = stack
        .secrets_read(service)
        .into_iter()
        .map(|(variable, secret)| {
            Expr::map([
                ("Name", Expr::from(variable)),
                ("ValueFrom", Expr::reference(&security_id::secret(secret))),
            ])
        })
        .collect();
    let ports = service.port.map(|port| {
        Expr::map([
            ("ContainerPort", Expr::from(port)),
            ("Protocol", Expr::from("tcp")),
        ])
    });
    let mut container = vec![
        ("Name", Expr::from(name)),
        ("Image", image(template, service)),
        ("Essential", Expr::from(true)),
        ("ReadonlyRootFilesystem", Expr::from(service.read_only_root)),
        ("PortMappings", Expr::list(ports)),
        ("Environment", Expr::list(environment)),
        (
            "LogConfiguration",
            Expr::map([
                ("LogDriver", Expr::from("awslogs")),
                (
                    "Options",
                    Expr::map([
                        (
                            "awslogs-group",
                            Expr::reference(&logical_id::log_group(&service.name)),
                        ),
                        ("awslogs-region", Expr::pseudo(Pseudo::Region)),
                        ("awslogs-stream-prefix", Expr::from(name)),
                    ]),
                ),
            ]),
        ),
    ];
    if !secrets.is_empty() {
        container.push(("Secrets", Expr::list(secrets)));
    }
    let container = Expr::map(container);
    template.add_resource(
        logical_id::task_definition(&service.name),
        Resource::new("AWS::ECS::TaskDefinition")
            .property("RequiresCompatibilities", Expr::list([Expr::from("FARGATE")]))
            .property("NetworkMode", "awsvpc")
            .property("Cpu", service.cpu.to_string())
            .property("Memory", service.memory.to_string())
            .property(
                "ExecutionRoleArn",
                Expr::get_att(&logical_id::execution_role(&service.name), "Arn"),
            )
            .property("TaskRoleArn", Expr::get_att(&task_role(service), "Arn"))
            .property("ContainerDefinitions", Expr::list([container]))
            .property("Tags", stack.tags(&format!("service-{name}")))
            .context(
                stack
                    .context(
                        path::service(name),
                        format!(
                            "Service `{name}`'s task: {} cpu units and {} MiB on Fargate, image `{}`{}",
                            service.cpu,
                            service.memory,
                            service.image,
                            port_text(service.port)
                        ),
                        State::Stateless,
                    )
                    .must([
                        &INVALID_FARGATE_SIZE,
                        &IMAGE_TAG_LATEST,
                        &IMAGE_REPOSITORY_WITH_TAG,
                        &INVALID_PORT_RANGE,
                        &WRITABLE_ROOT_FILESYSTEM,
                        &UNKNOWN_SECRET,
                        &SECRET_VARIABLE_CONFLICT,
                    ]),
            ),
    );
}

/// The container's image: the design's `repository:tag`, or the repository joined to the
/// service's image tag parameter, which this adds.
fn image(template: &mut Template, service: &Service) -> Expr {
    let repository = match &service.image {
        Image::Fixed(image) => return Expr::from(image.as_str()),
        Image::TagParameter(image) => image.repository.as_str(),
    };
    let name = service.name.as_str();
    let parameter = logical_id::image_tag(&service.name);
    template.add_parameter(
        parameter.clone(),
        Parameter::new(
            "String",
            format!("The tag of service `{name}`'s image in repository `{repository}`, passed by the deployment pipeline"),
        )
        .allowed_pattern(
            IMAGE_TAG_PATTERN,
            "an image tag: up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`, and not `latest`",
        ),
    );
    // `${` would start a variable; `${!` writes it literally (no repository name has one).
    let repository = repository.replace("${", "${!");
    Expr::sub(format!("{repository}:${{{parameter}}}"))
}

fn ecs_service(stack: &Stack<'_>, template: &mut Template, service: &Service) {
    let name = service.name.as_str();
    let subnets = stack.subnet_ids(service.tier.as_str());
    let groups = service
        .security_groups
        .iter()
        .map(|group| Expr::get_att(&network_id::security_group(group), "GroupId"));
    let capacity = stack.value(&service.capacity);
    let mut resource = Resource::new("AWS::ECS::Service");
    // On a role of the security section, the service's grants are a policy of their own, which
    // nothing else waits for: its tasks start once the role holds them.
    let task_policy = logical_id::task_policy(&service.name);
    if template.resource(task_policy.as_str()).is_some() {
        resource = resource.depends_on(task_policy);
    }
    // Likewise the policy that lets it read the AUTH token of each cache it reaches.
    for cluster in &stack.platform().cache.clusters {
        if crate::cache::clients(stack, cluster).iter().any(|client| client.name == service.name) {
            resource = resource.depends_on(crate::cache::logical_id::client_policy(&cluster.name));
        }
    }
    let targets = crate::load_balancer::targets_of(stack.platform(), service);
    if let (false, Some(port)) = (targets.is_empty(), service.port) {
        let entries = targets.iter().map(|(target_group, _)| {
            Expr::map([
                ("ContainerName", Expr::from(name)),
                ("ContainerPort", Expr::from(port)),
                ("TargetGroupArn", Expr::reference(target_group)),
            ])
        });
        resource = resource.property("LoadBalancers", Expr::list(entries));
        for (_, listener) in targets {
            resource = resource.depends_on(listener);
        }
    }
    template.add_resource(
        logical_id::service(&service.name),
        resource
            .property("Cluster", Expr::reference(&logical_id::cluster()))
            .property("LaunchType", "FARGATE")
            .property("PlatformVersion", "LATEST")
            .property(
                "TaskDefinition",
                Expr::reference(&logical_id::task_definition(&service.name)),
            )
            .property("DesiredCount", Expr::Int(i64::from(capacity.desired())))
            .property(
                "NetworkConfiguration",
                Expr::map([(
                    "AwsvpcConfiguration",
                    Expr::map([
                        ("AssignPublicIp", Expr::from("DISABLED")),
                        ("Subnets", Expr::list(subnets)),
                        ("SecurityGroups", Expr::list(groups)),
                    ]),
                )]),
            )
            .property(
                "DeploymentConfiguration",
                Expr::map([(
                    "DeploymentCircuitBreaker",
                    Expr::map([("Enable", Expr::from(true)), ("Rollback", Expr::from(true))]),
                )]),
            )
            .property("PropagateTags", "SERVICE")
            .property("Tags", stack.tags(&format!("service-{name}")))
            .context(
                stack
                    .context(
                        path::service(name),
                        format!(
                            "ECS service `{name}`: {} tasks to start, in the {} tier without public IPs, rolled back when a deployment fails",
                            capacity.desired(),
                            service.tier
                        ),
                        State::Stateless,
                    )
                    .must([
                        &INVALID_CAPACITY,
                        &UNKNOWN_TIER,
                        &SERVICE_IN_PUBLIC_TIER,
                        &UNKNOWN_SECURITY_GROUP,
                        &SERVICE_SECURITY_GROUP_COUNT,
                    ]),
            ),
    );
}

fn scheduled_action(stack: &Stack<'_>, schedule: &ScheduledCapacity) -> Expr {
    Expr::map([
        ("ScheduledActionName", Expr::from(schedule.name.as_str())),
        ("Schedule", Expr::from(schedule.schedule.as_str())),
        ("Timezone", Expr::from(schedule.time_zone.as_str())),
        (
            "ScalableTargetAction",
            Expr::map([
                ("MinCapacity", Expr::Int(i64::from(*stack.value(&schedule.min)))),
                ("MaxCapacity", Expr::Int(i64::from(*stack.value(&schedule.max)))),
            ]),
        ),
    ])
}

/// The scalable target (this environment's min and max, and the scheduled actions) and a
/// target tracking policy per tracked metric.
fn scaling(stack: &Stack<'_>, template: &mut Template, service: &Service) {
    let name = service.name.as_str();
    let capacity = stack.value(&service.capacity);
    let target_id = logical_id::scalable_target(&service.name);
    let resource_id = Expr::join(
        "/",
        [
            Expr::from("service"),
            Expr::reference(&logical_id::cluster()),
            Expr::get_att(&logical_id::service(&service.name), "Name"),
        ],
    );
    let schedules = &service.scaling.schedules;
    let mut target = Resource::new("AWS::ApplicationAutoScaling::ScalableTarget")
        .property("ServiceNamespace", "ecs")
        .property("ScalableDimension", "ecs:service:DesiredCount")
        .property("ResourceId", resource_id)
        .property("MinCapacity", Expr::Int(i64::from(capacity.min())))
        .property("MaxCapacity", Expr::Int(i64::from(capacity.max())))
        .property("Tags", stack.tags(&format!("service-{name}-scaling")));
    if !schedules.is_empty() {
        target = target.property(
            "ScheduledActions",
            Expr::list(schedules.iter().map(|schedule| scheduled_action(stack, schedule))),
        );
    }
    let names: Vec<String> = schedules.iter().map(|s| format!("`{}`", s.name)).collect();
    let why = format!(
        "Keeps service `{name}` between {} and {} tasks{}",
        capacity.min(),
        capacity.max(),
        if names.is_empty() {
            String::new()
        } else {
            format!(", changed by schedules {}", names.join(", "))
        }
    );
    template.add_resource(
        target_id.clone(),
        target.context(
            stack
                .context(path::service_capacity(name), why, State::Stateless)
                .must([
                    &INVALID_CAPACITY,
                    &SCHEDULED_DESIRED_CAPACITY,
                    &SCHEDULED_CAPACITY_REVERSED,
                    &INVALID_SCHEDULE,
                    &INVALID_TIME_ZONE,
                ]),
        ),
    );
    for (metric, tracking) in service.scaling.tracking() {
        let what = match metric {
            Metric::Cpu => "CPU",
            Metric::Memory => "memory",
        };
        template.add_resource(
            logical_id::scaling_policy(&service.name, metric),
            Resource::new("AWS::ApplicationAutoScaling::ScalingPolicy")
                .property("PolicyName", format!("{}-{}", stack.name(name), metric.keyword()))
                .property("PolicyType", "TargetTrackingScaling")
                .property("ScalingTargetId", Expr::reference(&target_id))
                .property(
                    "TargetTrackingScalingPolicyConfiguration",
                    Expr::map([
                        (
                            "PredefinedMetricSpecification",
                            Expr::map([("PredefinedMetricType", Expr::from(metric.aws_name()))]),
                        ),
                        ("TargetValue", Expr::Int(i64::from(tracking.target))),
                        ("ScaleInCooldown", Expr::Int(i64::from(tracking.scale_in_cooldown))),
                        ("ScaleOutCooldown", Expr::Int(i64::from(tracking.scale_out_cooldown))),
                    ]),
                )
                .context(
                    stack
                        .context(
                            path::target_tracking(name, metric),
                            format!(
                                "Adds or removes service `{name}`'s tasks to hold its average {what} utilization at {} %",
                                tracking.target
                            ),
                            State::Stateless,
                        )
                        .must([&INVALID_SCALING_TARGET, &INVALID_DURATION]),
                ),
        );
    }
}

/// Step scaling on the service's queue depth, if it scales on it.
fn scaling_on_queue(stack: &Stack<'_>, template: &mut Template, service: &Service) {
    if let (Some(scaling), Some(queue)) = (&service.scaling.queue_depth, stack.consumed_queue(service)) {
        queue::queue_scaling(stack, template, service, queue, scaling);
    }
}

/// ``queue `jobs` `` or ``queues `jobs`, `reports` ``.
fn queue_list(queues: &[&Queue]) -> String {
    let names: Vec<String> = queues.iter().map(|queue| format!("`{}`", queue.name)).collect();
    let which = if names.len() == 1 { "queue" } else { "queues" };
    format!("{which} {}", names.join(", "))
}

/// `, port 8080`, or nothing for a service without a port.
fn port_text(port: Option<u16>) -> String {
    port.map(|port| format!(", port {port}")).unwrap_or_default()
}

/// `compute (2 services, 1 queue)`.
fn summary(compute: &Compute) -> String {
    let services = match compute.services.len() {
        1 => "1 service".to_owned(),
        n => format!("{n} services"),
    };
    match compute.queues.len() {
        0 => format!("compute ({services})"),
        1 => format!("compute ({services}, 1 queue)"),
        n => format!("compute ({services}, {n} queues)"),
    }
}

/// The compute section's shape: each service's size, place and capacity in this environment.
fn arch(stack: &Stack<'_>) -> String {
    let services: Vec<String> = stack
        .compute()
        .services
        .iter()
        .map(|service| {
            let capacity = stack.value(&service.capacity);
            let tracked: Vec<&str> = service.scaling.tracking().map(|(m, _)| m.keyword()).collect();
            let tracked = if tracked.is_empty() {
                String::new()
            } else {
                format!(", tracking {}", tracked.join(" and "))
            };
            let mut queue = match (&service.consumes, &service.scaling.queue_depth) {
                (Some(queue), Some(scaling)) => {
                    format!(", consuming queue `{queue}` and scaling out above {} visible messages", scaling.threshold)
                }
                (Some(queue), None) => format!(", consuming queue `{queue}`"),
                (None, _) => String::new(),
            };
            let sent_to = stack.queues_sent_to(service);
            if !sent_to.is_empty() {
                queue.push_str(&format!(", sending to {}", queue_list(&sent_to)));
            }
            format!(
                "`{}` ({} cpu / {} MiB{}, {} tier, {}-{} tasks starting at {}{tracked}{queue})",
                service.name,
                service.cpu,
                service.memory,
                port_text(service.port),
                service.tier,
                capacity.min(),
                capacity.max(),
                capacity.desired()
            )
        })
        .collect();
    let queues: Vec<String> = stack
        .compute()
        .queues
        .iter()
        .map(|queue| {
            format!(
                "`{}` (SQS standard, SSE-KMS, visibility {}, kept {}, dead-letter after {} receives, kept {})",
                queue.name,
                queue.visibility_timeout,
                queue.retention,
                queue.dead_letter.max_receives,
                queue.dead_letter.retention
            )
        })
        .collect();
    let queues = if queues.is_empty() {
        String::new()
    } else {
        format!(" Queues {}.", queues.join(", "))
    };
    format!("Compute: ECS on Fargate, services {}.{queues}", services.join(", "))
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;
    use infra_core::model::Compute;

    use crate::intrinsic::Expr;
    use crate::testing::synth_reference as synth;

    #[test]
    fn each_environment_gets_its_own_capacity() {
        for (environment, min, desired, max) in [("production", 2, 4, 10), ("staging", 1, 1, 2)] {
            let template = synth(environment);
            let service = template.resource("ServiceApi").expect("the api service");
            assert_eq!(service.get("DesiredCount"), Some(&Expr::Int(desired)));
            let target = template
                .resource("ServiceApiScalableTarget")
                .expect("the scalable target");
            assert_eq!(target.get("MinCapacity"), Some(&Expr::Int(min)));
            assert_eq!(target.get("MaxCapacity"), Some(&Expr::Int(max)));
        }
    }

    #[test]
    fn scheduled_actions_set_only_min_and_max() {
        let template = synth("production");
        let target = template
            .resource("ServiceApiScalableTarget")
            .expect("the scalable target");
        let Some(Expr::List(actions)) = target.get("ScheduledActions") else {
            panic!("scheduled actions as a list");
        };
        assert_eq!(actions.len(), 2);
        let action = &actions[0];
        assert_eq!(action.get("Timezone"), Some(&Expr::from("Asia/Tokyo")));
        assert_eq!(action.get("Schedule"), Some(&Expr::from("cron(0 8 ? * MON-FRI *)")));
        let Some(Expr::Map(set)) = action.get("ScalableTargetAction") else {
            panic!("a scalable target action");
        };
        let keys: Vec<&str> = set.keys().map(String::as_str).collect();
        assert_eq!(keys, ["MaxCapacity", "MinCapacity"]);
    }

    #[test]
    fn tasks_run_privately_with_separate_roles() {
        let template = synth("production");
        let task = template
            .resource("ServiceApiTaskDefinition")
            .expect("the task definition");
        assert_eq!(task.get("Cpu"), Some(&Expr::from("1024")));
        assert_eq!(task.get("Memory"), Some(&Expr::from("2048")));
        assert_ne!(task.get("ExecutionRoleArn"), task.get("TaskRoleArn"));
        let service = template.resource("ServiceApi").expect("the api service");
        let network = service
            .get("NetworkConfiguration")
            .and_then(|n| n.get("AwsvpcConfiguration"))
            .expect("an awsvpc configuration");
        assert_eq!(network.get("AssignPublicIp"), Some(&Expr::from("DISABLED")));
        assert_eq!(
            network.get("Subnets"),
            Some(&Expr::list([
                Expr::Ref("SubnetPrivateApNortheast1a".into()),
                Expr::Ref("SubnetPrivateApNortheast1c".into()),
            ]))
        );
        let group = template
            .resource("ServiceApiLogGroup")
            .expect("the log group");
        assert_eq!(group.get("KmsKeyId"), Some(&Expr::GetAtt("KmsKeyLogs".into(), "Arn".into())));
        assert!(template.resource("EcsLogKey").is_none());
        assert!(template.resource("ServiceWorkerMemoryScaling").is_none());
        assert!(template.resource("ServiceApiMemoryScaling").is_some());
    }

    #[test]
    fn without_compute_nothing_is_added() {
        let mut platform = reference_network();
        platform.compute = Compute::new();
        // The load balancer's target is a service.
        platform.load_balancer = infra_core::model::LoadBalancing::new();
        // The monitoring section's alarms watch the services.
        platform.monitoring = infra_core::model::Monitoring::new();
        // The web ACL protects the load balancer.
        platform.security.web_acls.clear();
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        assert_eq!(template.resources_of_type("AWS::ECS::Cluster").count(), 0);
        assert!(!template.description().contains("compute ("));
    }
}
