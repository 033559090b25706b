//! The lowering of the compute section's queues (an SQS standard queue, its dead-letter queue and
//! their KMS key, and the queue URL as an output), a consumer's and a producer's permissions on
//! a queue, and scaling a service on its queue's depth.
//!
//! Scaling on queue depth is step scaling run by two CloudWatch alarms on the queue's
//! `ApproximateNumberOfMessagesVisible`: above the threshold a policy adds tasks (one up to
//! twice the threshold, two beyond), and once the queue is empty another removes one task. Each
//! policy waits its cooldown after acting. Target tracking does not fit the design's figure: it
//! assumes a metric that falls as tasks are added in proportion (a utilization), while the
//! design gives a total queue depth, not a backlog per task.

use infra_core::model::{path, Queue, QueueScaling, Service};
use infra_core::rules::{
    queue_name, DEAD_LETTER_RETENTION_NOT_LONGER, DUPLICATE_NAME, INVALID_DURATION,
    INVALID_MAX_RECEIVE_COUNT, INVALID_MESSAGE_RETENTION, INVALID_QUEUE_THRESHOLD,
    INVALID_VISIBILITY_TIMEOUT, QUEUE_NAME_TOO_LONG, QUEUE_SCALING_WITHOUT_QUEUE, UNKNOWN_QUEUE,
};

use super::logical_id;
use crate::context::State;
use crate::kms::{account_administers, key_arn};
use crate::intrinsic::{Expr, Pseudo};
use crate::logical_id::LogicalId;
use crate::stack::Stack;
use crate::template::{Output, Policy, Resource, Template};

/// The period of the queue-depth alarms: SQS sends its metrics to CloudWatch every minute.
const ALARM_PERIOD: i64 = 60;

/// Minutes above the threshold before tasks are added.
const BACKLOG_MINUTES: i64 = 2;

/// Minutes of an empty queue before a task is removed.
const DRAINED_MINUTES: i64 = 5;

/// The ARN of the key of `queue` and its dead-letter queue: the design's key it names, or its own.
pub(super) fn queue_key_arn(queue: &Queue) -> Expr {
    key_arn(queue.kms_key.as_ref(), &logical_id::queue_key(&queue.name))
}

/// The queue's own key (unless it names one of the design), its dead-letter queue, the queue and
/// the output of its URL.
pub(super) fn lower_queue(stack: &Stack<'_>, template: &mut Template, queue: &Queue) {
    let name = queue.name.as_str();
    let physical = queue_name(stack.platform().name.as_str(), stack.environment().name.as_str(), name);
    if queue.kms_key.is_none() {
        own_key(stack, template, queue);
    }
    let dead_letter = logical_id::dead_letter(&queue.name);
    let key = queue_key_arn(queue);
    let source_arn = Expr::sub(format!(
        "arn:${{AWS::Partition}}:sqs:${{AWS::Region}}:${{AWS::AccountId}}:{physical}"
    ));
    let retention = queue.dead_letter.retention;
    template.add_resource(
        dead_letter.clone(),
        Resource::new("AWS::SQS::Queue")
            .property("MessageRetentionPeriod", Expr::Int(i64::from(retention.get())))
            .property("KmsMasterKeyId", key.clone())
            .property(
                "RedriveAllowPolicy",
                Expr::map([
                    ("redrivePermission", Expr::from("byQueue")),
                    ("sourceQueueArns", Expr::list([source_arn])),
                ]),
            )
            .property("Tags", stack.tags(&format!("queue-{name}-dead-letter")))
            .keep_on(Policy::Retain)
            .context(
                stack
                    .context(
                        path::dead_letter(name),
                        format!("Keeps the messages of queue `{name}` that were received {} times without being deleted, for {retention} from when they were first sent; only `{name}` may send it messages; retained when the stack deletes or replaces it", queue.dead_letter.max_receives),
                        State::Stateful,
                    )
                    .must([&INVALID_MESSAGE_RETENTION, &DEAD_LETTER_RETENTION_NOT_LONGER]),
            ),
    );
    let id = logical_id::queue(&queue.name);
    template.add_resource(
        id.clone(),
        Resource::new("AWS::SQS::Queue")
            .property("QueueName", physical.as_str())
            .property("VisibilityTimeout", Expr::Int(i64::from(queue.visibility_timeout.get())))
            .property("MessageRetentionPeriod", Expr::Int(i64::from(queue.retention.get())))
            .property("KmsMasterKeyId", key.clone())
            .property(
                "RedrivePolicy",
                Expr::map([
                    ("deadLetterTargetArn", Expr::get_att(&dead_letter, "Arn")),
                    ("maxReceiveCount", Expr::Int(i64::from(queue.dead_letter.max_receives.get()))),
                ]),
            )
            .property("Tags", stack.tags(&format!("queue-{name}")))
            .keep_on(Policy::Retain)
            .context(
                stack
                    .context(
                        path::queue(name),
                        format!(
                            "Queue `{name}`: a received message stays hidden {} for its consumer, unread messages are kept {}, and one received {} times moves to the dead-letter queue; retained when the stack deletes or replaces it, so waiting jobs survive",
                            queue.visibility_timeout, queue.retention, queue.dead_letter.max_receives
                        ),
                        State::Stateful,
                    )
                    .must([
                        &INVALID_VISIBILITY_TIMEOUT,
                        &INVALID_MESSAGE_RETENTION,
                        &INVALID_MAX_RECEIVE_COUNT,
                        &QUEUE_NAME_TOO_LONG,
                        &DUPLICATE_NAME,
                    ]),
            ),
    );
    let url = logical_id::queue_url(&queue.name);
    let export = format!("${{{}}}-{url}", Pseudo::StackName.name());
    template.add_output(
        url,
        Output::exported(
            format!("The URL of queue `{name}`"),
            Expr::reference(&id),
            Expr::sub(export),
        ),
    );
}

/// The queue's own key, when it names none of the design's.
fn own_key(stack: &Stack<'_>, template: &mut Template, queue: &Queue) {
    let name = queue.name.as_str();
    template.add_resource(
        logical_id::queue_key(&queue.name),
        Resource::new("AWS::KMS::Key")
            .property("Description", format!("Encrypts queue `{name}` and its dead-letter queue"))
            .property("EnableKeyRotation", true)
            .property("KeyPolicy", key_policy())
            .property("Tags", stack.tags(&format!("queue-{name}-key")))
            .keep_on(Policy::Retain)
            .context(stack.context(
                path::queue(name),
                format!("Encrypts queue `{name}` and its dead-letter queue (SSE-KMS); the account's IAM policies grant its use, so only roles given `kms:Decrypt` on it read the messages; retained with the queues, whose messages stay readable only with it"),
                State::Stateful,
            )),
    );
}

/// The account administers the key, and its IAM policies grant its use: the consumers' task
/// roles get `kms:Decrypt` on it, the producers' `kms:GenerateDataKey` and `kms:Decrypt`.
fn key_policy() -> Expr {
    let administer = account_administers();
    Expr::map([
        ("Version", Expr::from("2012-10-17")),
        ("Statement", Expr::list([administer])),
    ])
}

/// The task role's policy for a consumer of `queue`: receive, delete, change the visibility of
/// and read the attributes of that queue's messages, and decrypt them with its key; nothing
/// else, on no other resource.
pub(super) fn consumer_policy(queue: &Queue) -> Expr {
    inline_policy(format!("consume-queue-{}", queue.name), consumer_statements(queue))
}

/// The statements of [`consumer_policy`].
pub(super) fn consumer_statements(queue: &Queue) -> Vec<Expr> {
    let pascal = queue.name.pascal_case();
    let consume = Expr::map([
        ("Sid", Expr::from(format!("Consume{pascal}"))),
        ("Effect", Expr::from("Allow")),
        (
            "Action",
            Expr::list(
                [
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:ChangeMessageVisibility",
                    "sqs:GetQueueAttributes",
                ]
                .map(Expr::from),
            ),
        ),
        ("Resource", Expr::get_att(&logical_id::queue(&queue.name), "Arn")),
    ]);
    let decrypt = Expr::map([
        ("Sid", Expr::from(format!("Decrypt{pascal}"))),
        ("Effect", Expr::from("Allow")),
        ("Action", Expr::from("kms:Decrypt")),
        ("Resource", queue_key_arn(queue)),
    ]);
    vec![consume, decrypt]
}

/// An inline policy of a role: its name and a document of `statements`.
fn inline_policy(name: String, statements: Vec<Expr>) -> Expr {
    Expr::map([
        ("PolicyName", Expr::from(name)),
        (
            "PolicyDocument",
            Expr::map([
                ("Version", Expr::from("2012-10-17")),
                ("Statement", Expr::list(statements)),
            ]),
        ),
    ])
}

/// The task role's policy for a producer of `queue`: send messages to that queue, and make and
/// check the data keys that encrypt them with its key; nothing else, on no other resource.
///
/// Source: SQS Developer Guide, "Amazon SQS Key management", configuring AWS KMS permissions for
/// producers: when the data key reuse period ends, the producer's `SendMessage` also calls
/// `kms:GenerateDataKey` and `kms:Decrypt` (which checks the new data key), so it needs both on
/// the key. `sqs:GetQueueUrl` is not granted: the container gets the URL in its environment.
pub(super) fn producer_policy(queue: &Queue) -> Expr {
    inline_policy(format!("send-to-queue-{}", queue.name), producer_statements(queue))
}

/// The statements of [`producer_policy`].
pub(super) fn producer_statements(queue: &Queue) -> Vec<Expr> {
    let pascal = queue.name.pascal_case();
    let send = Expr::map([
        ("Sid", Expr::from(format!("SendTo{pascal}"))),
        ("Effect", Expr::from("Allow")),
        ("Action", Expr::from("sqs:SendMessage")),
        ("Resource", Expr::get_att(&logical_id::queue(&queue.name), "Arn")),
    ]);
    let encrypt = Expr::map([
        ("Sid", Expr::from(format!("Encrypt{pascal}"))),
        ("Effect", Expr::from("Allow")),
        (
            "Action",
            Expr::list(["kms:GenerateDataKey", "kms:Decrypt"].map(Expr::from)),
        ),
        ("Resource", queue_key_arn(queue)),
    ]);
    vec![send, encrypt]
}

/// The step scaling policies on `queue`'s depth and the alarms that run them.
pub(super) fn queue_scaling(
    stack: &Stack<'_>,
    template: &mut Template,
    service: &Service,
    queue: &Queue,
    scaling: &QueueScaling,
) {
    let name = service.name.as_str();
    let target = logical_id::scalable_target(&service.name);
    let threshold = i64::from(scaling.threshold.get());
    let cooldown = i64::from(scaling.cooldown);
    let queue_name = queue.name.as_str();
    let rules = [
        &INVALID_QUEUE_THRESHOLD,
        &INVALID_DURATION,
        &UNKNOWN_QUEUE,
        &QUEUE_SCALING_WITHOUT_QUEUE,
    ];
    let out_steps = Expr::list([
        Expr::map([
            ("MetricIntervalLowerBound", Expr::Int(0)),
            ("MetricIntervalUpperBound", Expr::Int(threshold)),
            ("ScalingAdjustment", Expr::Int(1)),
        ]),
        Expr::map([
            ("MetricIntervalLowerBound", Expr::Int(threshold)),
            ("ScalingAdjustment", Expr::Int(2)),
        ]),
    ]);
    let in_steps = Expr::list([Expr::map([
        ("MetricIntervalUpperBound", Expr::Int(0)),
        ("ScalingAdjustment", Expr::Int(-1)),
    ])]);
    for (out, steps) in [(true, out_steps), (false, in_steps)] {
        let policy = logical_id::queue_scaling_policy(&service.name, out);
        let direction = if out { "out" } else { "in" };
        let why = if out {
            format!("Adds service `{name}`'s tasks while queue `{queue_name}` holds more than {threshold} visible messages: one up to {}, two beyond; then waits {cooldown} s", threshold * 2)
        } else {
            format!("Removes one of service `{name}`'s tasks once queue `{queue_name}` has been empty for {DRAINED_MINUTES} minutes; then waits {cooldown} s")
        };
        template.add_resource(
            policy.clone(),
            Resource::new("AWS::ApplicationAutoScaling::ScalingPolicy")
                .property("PolicyName", format!("{}-queue-{direction}", stack.name(name)))
                .property("PolicyType", "StepScaling")
                .property("ScalingTargetId", Expr::reference(&target))
                .property(
                    "StepScalingPolicyConfiguration",
                    Expr::map([
                        ("AdjustmentType", Expr::from("ChangeInCapacity")),
                        ("Cooldown", Expr::Int(cooldown)),
                        ("MetricAggregationType", Expr::from("Maximum")),
                        ("StepAdjustments", steps),
                    ]),
                )
                .context(
                    stack
                        .context(path::queue_scaling(name), why, State::Stateless)
                        .must(rules),
                ),
        );
        alarm(stack, template, service, queue, &policy, out, threshold);
    }
}

/// The alarm on `queue`'s visible messages that runs `policy`: above the threshold for
/// [`BACKLOG_MINUTES`] (scaling out), or at none for [`DRAINED_MINUTES`] (scaling in).
fn alarm(
    stack: &Stack<'_>,
    template: &mut Template,
    service: &Service,
    queue: &Queue,
    policy: &LogicalId,
    out: bool,
    threshold: i64,
) {
    let name = service.name.as_str();
    let queue_name = queue.name.as_str();
    let (minutes, limit, comparison, description) = if out {
        (
            BACKLOG_MINUTES,
            threshold,
            "GreaterThanThreshold",
            format!("More than {threshold} messages visible in queue `{queue_name}`: service `{name}` adds tasks"),
        )
    } else {
        (
            DRAINED_MINUTES,
            0,
            "LessThanOrEqualToThreshold",
            format!("Queue `{queue_name}` is empty: service `{name}` removes a task"),
        )
    };
    template.add_resource(
        logical_id::queue_alarm(&service.name, out),
        Resource::new("AWS::CloudWatch::Alarm")
            .property("AlarmDescription", description.as_str())
            .property("Namespace", "AWS/SQS")
            .property("MetricName", "ApproximateNumberOfMessagesVisible")
            .property(
                "Dimensions",
                Expr::list([Expr::map([
                    ("Name", Expr::from("QueueName")),
                    ("Value", Expr::get_att(&logical_id::queue(&queue.name), "QueueName")),
                ])]),
            )
            .property("Statistic", "Maximum")
            .property("Period", Expr::Int(ALARM_PERIOD))
            .property("EvaluationPeriods", Expr::Int(minutes))
            .property("Threshold", Expr::Int(limit))
            .property("ComparisonOperator", comparison)
            .property("TreatMissingData", "notBreaching")
            .property("AlarmActions", Expr::list([Expr::reference(policy)]))
            .property("Tags", stack.tags(&format!("service-{name}-queue-{}", if out { "backlog" } else { "drained" })))
            .context(
                stack
                    .context(path::queue_scaling(name), description, State::Stateless)
                    .must([&INVALID_QUEUE_THRESHOLD, &UNKNOWN_QUEUE]),
            ),
    );
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;
    use infra_core::model::Scaling;
    use infra_core::value::Name;

    use crate::intrinsic::Expr;
    use crate::Template;

    /// The reference design with each service on a task role of its own (the grants on a role
    /// of the security section are tested with it, in `security::tests`).
    fn own_task_roles() -> infra_core::model::Platform {
        let mut platform = reference_network();
        for service in &mut platform.compute.services {
            service.role = None;
        }
        platform
    }

    fn synth(environment: &str) -> Template {
        let platform = own_task_roles().validate().expect("a valid design");
        crate::synth(&platform, environment).expect("a known environment")
    }

    /// The inline policies of the role `role`.
    fn policies<'t>(template: &'t Template, role: &str) -> &'t [Expr] {
        let role = template.resource(role).expect("the task role");
        match role.get("Policies") {
            Some(Expr::List(policies)) => policies,
            _ => panic!("the task role's policies"),
        }
    }

    /// Each statement of a policy document as its actions and its resource.
    fn statements(document: &Expr) -> Vec<(Vec<&str>, Expr)> {
        let Some(Expr::List(statements)) = document.get("Statement") else {
            panic!("statements as a list");
        };
        statements
            .iter()
            .map(|statement| {
                let actions = match statement.get("Action") {
                    Some(Expr::List(actions)) => actions.iter().map(text).collect(),
                    Some(action) => vec![text(action)],
                    None => panic!("a statement without actions"),
                };
                let resource = statement.get("Resource").expect("a resource").clone();
                (actions, resource)
            })
            .collect()
    }

    fn text(expr: &Expr) -> &str {
        match expr {
            Expr::String(text) => text,
            other => panic!("not a string: {other:?}"),
        }
    }

    /// The `(Name, Value)` pairs of the container environment of the task definition `task`.
    fn environment(template: &Template, task: &str) -> Vec<(String, Expr)> {
        let task = template.resource(task).expect("the task definition");
        let Some(Expr::List(containers)) = task.get("ContainerDefinitions") else {
            panic!("containers");
        };
        let Some(Expr::List(variables)) = containers[0].get("Environment") else {
            panic!("an environment");
        };
        variables
            .iter()
            .map(|v| {
                let name = v.get("Name").map(text).expect("a name").to_owned();
                (name, v.get("Value").expect("a value").clone())
            })
            .collect()
    }

    /// Every `Resource` of a policy document's statements.
    fn resources(document: &Expr) -> Vec<&Expr> {
        let Some(Expr::List(statements)) = document.get("Statement") else {
            panic!("statements as a list");
        };
        statements.iter().filter_map(|s| s.get("Resource")).collect()
    }

    #[test]
    fn the_queue_redrives_to_its_dead_letter_queue_which_names_it() {
        let template = synth("staging");
        let queue = template.resource("QueueJobs").expect("the queue");
        assert_eq!(queue.get("QueueName"), Some(&Expr::from("datasets-staging-jobs")));
        assert_eq!(
            queue.get("RedrivePolicy").and_then(|p| p.get("deadLetterTargetArn")),
            Some(&Expr::GetAtt("QueueJobsDeadLetter".into(), "Arn".into()))
        );
        let dead_letter = template.resource("QueueJobsDeadLetter").expect("the dead-letter queue");
        let allow = dead_letter.get("RedriveAllowPolicy").expect("a redrive allow policy");
        assert_eq!(allow.get("redrivePermission"), Some(&Expr::from("byQueue")));
        assert_eq!(
            allow.get("sourceQueueArns"),
            Some(&Expr::list([Expr::sub(
                "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:datasets-staging-jobs"
            )]))
        );
        // `kms_key: queue`: the design's key, and no key of the queue's own.
        let key = Some(Expr::GetAtt("KmsKeyQueue".into(), "Arn".into()));
        assert_eq!(queue.get("KmsMasterKeyId"), key.as_ref());
        assert_eq!(dead_letter.get("KmsMasterKeyId"), key.as_ref());
        assert!(template.resource("QueueJobsKey").is_none());
        assert!(template.outputs().contains_key("QueueJobsUrl"));
    }

    #[test]
    fn the_consumer_may_only_consume_its_queue() {
        let template = synth("production");
        let role = template.resource("ServiceWorkerTaskRole").expect("the task role");
        let Some(Expr::List(policies)) = role.get("Policies") else {
            panic!("the task role's policies");
        };
        assert_eq!(policies.len(), 1);
        let document = policies[0].get("PolicyDocument").expect("a document");
        assert_eq!(
            resources(document),
            [
                &Expr::GetAtt("QueueJobs".into(), "Arn".into()),
                &Expr::GetAtt("KmsKeyQueue".into(), "Arn".into())
            ]
        );
        let json = serde_json::to_string(document).expect("JSON");
        assert!(!json.contains('*'), "{json}");
        assert_eq!(
            environment(&template, "ServiceWorkerTaskDefinition"),
            [("QUEUE_URL".to_owned(), Expr::Ref("QueueJobs".into()))]
        );
    }

    #[test]
    fn the_producer_may_only_send_to_its_queue_and_encrypt_for_it() {
        let template = synth("production");
        let policies = policies(&template, "ServiceApiTaskRole");
        assert_eq!(policies.len(), 1);
        assert_eq!(policies[0].get("PolicyName"), Some(&Expr::from("send-to-queue-jobs")));
        let document = policies[0].get("PolicyDocument").expect("a document");
        assert_eq!(
            statements(document),
            [
                (vec!["sqs:SendMessage"], Expr::GetAtt("QueueJobs".into(), "Arn".into())),
                (
                    vec!["kms:GenerateDataKey", "kms:Decrypt"],
                    Expr::GetAtt("KmsKeyQueue".into(), "Arn".into())
                ),
            ]
        );
        let json = serde_json::to_string(document).expect("JSON");
        assert!(!json.contains('*'), "{json}");
        assert_eq!(
            environment(&template, "ServiceApiTaskDefinition"),
            [
                ("PORT".to_owned(), Expr::from("8080")),
                ("JOBS_QUEUE_URL".to_owned(), Expr::Ref("QueueJobs".into())),
            ]
        );
    }

    #[test]
    fn a_producer_of_two_queues_gets_a_policy_and_a_variable_per_queue_once() {
        let mut platform = own_task_roles();
        let mut reports = platform.compute.queues[0].clone();
        reports.name = Name::new_assert("daily-reports");
        platform.compute.queues.push(reports);
        let api = &mut platform.compute.services[0];
        assert_eq!(api.name.as_str(), "api");
        // Named twice: still one policy and one variable. The design sets `JOBS_QUEUE_URL`
        // itself, which the lowering keeps.
        api.sends_to = ["jobs", "daily-reports", "jobs"].map(Name::new_assert).to_vec();
        api.environment.push(infra_core::model::Variable {
            name: "JOBS_QUEUE_URL".to_owned(),
            value: "https://example.com/jobs".to_owned(),
        });
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        let names: Vec<_> = policies(&template, "ServiceApiTaskRole")
            .iter()
            .filter_map(|p| p.get("PolicyName").cloned())
            .collect();
        assert_eq!(
            names,
            [Expr::from("send-to-queue-jobs"), Expr::from("send-to-queue-daily-reports")]
        );
        assert_eq!(
            environment(&template, "ServiceApiTaskDefinition"),
            [
                ("PORT".to_owned(), Expr::from("8080")),
                ("JOBS_QUEUE_URL".to_owned(), Expr::from("https://example.com/jobs")),
                ("DAILY_REPORTS_QUEUE_URL".to_owned(), Expr::Ref("QueueDailyReports".into())),
            ]
        );
    }

    #[test]
    fn a_service_without_queues_gets_no_permissions() {
        let mut platform = own_task_roles();
        platform.compute.services[0].sends_to.clear();
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        let role = template.resource("ServiceApiTaskRole").expect("the api's task role");
        assert!(role.get("Policies").is_none());
        assert_eq!(
            environment(&template, "ServiceApiTaskDefinition"),
            [("PORT".to_owned(), Expr::from("8080"))]
        );
    }

    #[test]
    fn the_worker_scales_out_above_the_threshold_and_in_when_drained() {
        let template = synth("production");
        for (policy, alarm, comparison, threshold) in [
            ("ServiceWorkerQueueScaleOut", "ServiceWorkerQueueBacklogAlarm", "GreaterThanThreshold", 1000),
            ("ServiceWorkerQueueScaleIn", "ServiceWorkerQueueDrainedAlarm", "LessThanOrEqualToThreshold", 0),
        ] {
            let scaling = template.resource(policy).expect("a step scaling policy");
            let config = scaling.get("StepScalingPolicyConfiguration").expect("its configuration");
            assert_eq!(config.get("Cooldown"), Some(&Expr::Int(300)), "{policy}");
            let alarm = template.resource(alarm).expect("its alarm");
            assert_eq!(alarm.get("AlarmActions"), Some(&Expr::list([Expr::Ref(policy.into())])));
            assert_eq!(alarm.get("ComparisonOperator"), Some(&Expr::from(comparison)));
            assert_eq!(alarm.get("Threshold"), Some(&Expr::Int(threshold)));
            assert_eq!(alarm.get("MetricName"), Some(&Expr::from("ApproximateNumberOfMessagesVisible")));
        }
        let steps = |policy: &str| {
            template
                .resource(policy)
                .and_then(|p| p.get("StepScalingPolicyConfiguration"))
                .and_then(|c| c.get("StepAdjustments"))
                .cloned()
        };
        let Some(Expr::List(out)) = steps("ServiceWorkerQueueScaleOut") else {
            panic!("scale-out steps");
        };
        let adjustments: Vec<_> = out.iter().filter_map(|s| s.get("ScalingAdjustment")).collect();
        assert_eq!(adjustments, [&Expr::Int(1), &Expr::Int(2)]);
        let Some(Expr::List(scale_in)) = steps("ServiceWorkerQueueScaleIn") else {
            panic!("scale-in steps");
        };
        assert_eq!(scale_in[0].get("ScalingAdjustment"), Some(&Expr::Int(-1)));
        // The worker no longer tracks CPU: the queue drives it.
        assert!(template.resource("ServiceWorkerCpuScaling").is_none());
    }

    #[test]
    fn without_queue_scaling_no_step_policy_is_added() {
        let mut platform = own_task_roles();
        for service in &mut platform.compute.services {
            service.scaling = Scaling::new();
        }
        // Only the queue's alarms are counted: the monitoring section's are its own.
        platform.monitoring = infra_core::model::Monitoring::new();
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        assert_eq!(template.resources_of_type("AWS::CloudWatch::Alarm").count(), 0);
        assert_eq!(template.resources_of_type("AWS::SQS::Queue").count(), 2);
    }

    #[test]
    fn a_tag_parameter_becomes_the_images_tag() {
        let template = synth("development");
        let parameter = &template.parameters()["ServiceWorkerImageTag"];
        assert_eq!(parameter.default(), None);
        let pattern = parameter.pattern().expect("a pattern");
        assert!(pattern.contains("(?!latest$)"), "{pattern}");
        let task = template.resource("ServiceWorkerTaskDefinition").expect("the task definition");
        let Some(Expr::List(containers)) = task.get("ContainerDefinitions") else {
            panic!("containers");
        };
        assert_eq!(containers[0].get("Image"), Some(&Expr::sub("worker:${ServiceWorkerImageTag}")));
        let api = template.resource("ServiceApiTaskDefinition").expect("the api");
        let Some(Expr::List(containers)) = api.get("ContainerDefinitions") else {
            panic!("containers");
        };
        assert_eq!(containers[0].get("Image"), Some(&Expr::from("api-server:1.0.0")));
    }
}
