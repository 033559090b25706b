//! Rules on queues: unique names that fit SQS, the dead-letter queue's retention, and the
//! services that consume, send to and scale on them.

use crate::diag::{Diagnostic, ModelPath};
use crate::model::{path, Platform, Queue, Service};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::suggest::help_for;
use crate::value::Name;

declare_rules! {
    /// A service consumes or sends to a queue the design does not define.
    UNKNOWN_QUEUE = "unknown-queue", Error,
        "the queues a service consumes and sends to are queues of the design",
        "SQS API ReceiveMessage/SendMessage (a consumer or producer names an existing queue's URL; the task role's policy names its ARN)";
    /// A service scales on its queue's depth but names no queue.
    QUEUE_SCALING_WITHOUT_QUEUE = "queue-scaling-without-queue", Error,
        "a service that scales on queue depth names its queue",
        "CloudWatch PutMetricAlarm Dimensions (AWS/SQS ApproximateNumberOfMessagesVisible is per QueueName)";
    /// A dead-letter queue keeps messages no longer than its source queue.
    DEAD_LETTER_RETENTION_NOT_LONGER = "dead-letter-retention-not-longer", Warning,
        "a dead-letter queue keeps messages longer than its source queue",
        "SQS Developer Guide, Setting-up dead-letter queue retention (for standard queues the original enqueue timestamp is kept: \"always set the retention period of a dead-letter queue to be longer than the retention period of the original queue\")";
    /// A queue's name in some environment is longer than SQS allows.
    QUEUE_NAME_TOO_LONG = "queue-name-too-long", Error,
        "a queue's name, `<platform>-<environment>-<queue>`, has at most 80 characters",
        "SQS API CreateQueue QueueName (up to 80 characters: alphanumerics, hyphens and underscores); CloudFormation AWS::SQS::Queue QueueName";
}

/// The longest queue name SQS accepts.
pub const MAX_QUEUE_NAME: usize = 80;

/// The name of `queue` in `environment`'s stack: `<platform>-<environment>-<queue>`.
///
/// The lowering names the queue explicitly, so that its dead-letter queue's redrive allow policy
/// can name the source queue's ARN without a circular reference.
pub fn queue_name(platform: &str, environment: &str, queue: &str) -> String {
    format!("{platform}-{environment}-{queue}")
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let queues = &platform.compute.queues;
    check_unique(
        cx,
        "queue",
        queues.iter().map(|queue| {
            (
                queue.name.as_str(),
                queue.name.pascal_case(),
                path::queue(queue.name.as_str()),
            )
        }),
    );
    for queue in queues {
        check_name_length(cx, platform, queue);
        check_dead_letter_retention(cx, queue);
    }
    for service in &platform.compute.services {
        check_consumer(cx, platform, service);
        check_producer(cx, platform, service);
    }
}

/// The queue's name fits SQS's 80 characters in every environment.
///
/// Source: SQS API `CreateQueue` `QueueName`: "up to 80 characters"; the lowering names the
/// queue `<platform>-<environment>-<queue>` (see [`queue_name`]).
fn check_name_length(cx: &mut Vec<Diagnostic>, platform: &Platform, queue: &Queue) {
    let name = queue.name.as_str();
    let long: Vec<String> = platform
        .environments
        .iter()
        .map(|env| queue_name(platform.name.as_str(), env.name.as_str(), name))
        .filter(|physical| physical.len() > MAX_QUEUE_NAME)
        .collect();
    let Some(longest) = long.iter().max_by_key(|physical| physical.len()) else {
        return;
    };
    cx.push(
        QUEUE_NAME_TOO_LONG
            .at(
                path::queue(name),
                format!(
                    "queue `{name}` is named `{longest}` ({} characters) in its stack; Amazon SQS allows at most {MAX_QUEUE_NAME}",
                    longest.len()
                ),
            )
            .with_help(format!(
                "shorten the queue's name by {} characters, or the platform's or environment's name",
                longest.len() - MAX_QUEUE_NAME
            )),
    );
}

/// The dead-letter queue keeps messages longer than the source queue.
///
/// Source: SQS Developer Guide, "Setting-up dead-letter queue retention": for standard queues
/// "the expiration of a message is always based on its original enqueue timestamp", so a
/// message that spent a day in the source queue lives a day less in the dead-letter queue; "it
/// is a best practice to always set the retention period of a dead-letter queue to be longer
/// than the retention period of the original queue". AWS accepts any retention, so this is a
/// warning.
fn check_dead_letter_retention(cx: &mut Vec<Diagnostic>, queue: &Queue) {
    let (source, dead) = (queue.retention, queue.dead_letter.retention);
    if dead > source {
        return;
    }
    let name = queue.name.as_str();
    cx.push(
        DEAD_LETTER_RETENTION_NOT_LONGER
            .at(
                path::dead_letter_retention(name),
                format!(
                    "queue `{name}`'s dead-letter queue keeps messages for {dead}, no longer than the queue's {source}: SQS counts from the original enqueue time, so a message that waited in `{name}` may expire in the dead-letter queue before anyone reads it"
                ),
            )
            .with_related(path::queue_retention(name), format!("`{name}` keeps messages for {source}"))
            .with_help("give the dead-letter queue a longer retention, such as `14d`, or acknowledge this warning with a reason"),
    );
}

/// The service's queue exists, and a service that scales on queue depth names one.
///
/// Source: SQS API `ReceiveMessage` (a consumer reads an existing queue) and CloudWatch
/// `PutMetricAlarm` (`AWS/SQS` metrics are per `QueueName`): neither a consumer nor a queue-depth
/// alarm works without a queue.
fn check_consumer(cx: &mut Vec<Diagnostic>, platform: &Platform, service: &Service) {
    let name = service.name.as_str();
    let compute = &platform.compute;
    match &service.consumes {
        Some(wanted) if compute.find_queue(wanted.as_str()).is_none() => {
            cx.push(unknown_queue(platform, path::service_consumes(name), format!("service `{name}` consumes"), wanted));
        }
        Some(_) => {}
        None if service.scaling.queue_depth.is_some() => cx.push(
            QUEUE_SCALING_WITHOUT_QUEUE
                .at(
                    path::queue_scaling(name),
                    format!("service `{name}` scales on its queue's depth, but names no queue"),
                )
                .with_help("name the queue the service consumes, for example `consumes: jobs`"),
        ),
        None => {}
    }
}

/// Each queue the service sends to exists.
///
/// Source: SQS API `SendMessage` (a producer sends to an existing queue's URL), and the task
/// role's policy names the queue's ARN.
fn check_producer(cx: &mut Vec<Diagnostic>, platform: &Platform, service: &Service) {
    let name = service.name.as_str();
    for (idx, wanted) in service.sends_to.iter().enumerate() {
        if platform.compute.find_queue(wanted.as_str()).is_none() {
            cx.push(unknown_queue(platform, path::service_sends_to(name, idx), format!("service `{name}` sends to"), wanted));
        }
    }
}

/// `unknown-queue` at `at`: `{who} queue `wanted`, but ...`, with the closest queue's name.
fn unknown_queue(platform: &Platform, at: ModelPath, who: String, wanted: &Name) -> Diagnostic {
    let known = platform.compute.queues.iter().map(|queue| queue.name.as_str());
    UNKNOWN_QUEUE
        .at(at, format!("{who} queue `{wanted}`, but no queue `{wanted}` exists"))
        .with_help(help_for("queues", wanted.as_str(), known))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Compute, DeadLetter, QueueScaling, Scaling};
    use crate::testing::{codes, design};
    use crate::value::{
        Capacity, MaxReceiveCount, MessageRetention, Name, QueueThreshold, RetentionDays,
        VisibilityTimeout,
    };

    const DAY: u32 = 86_400;

    fn queue(name: &'static str, retention_days: u32, dead_letter_days: u32) -> Queue {
        Queue::new(
            Name::new_assert(name),
            VisibilityTimeout::new_assert(300),
            MessageRetention::new_assert(retention_days * DAY),
            DeadLetter {
                max_receives: MaxReceiveCount::new_assert(5),
                retention: MessageRetention::new_assert(dead_letter_days * DAY),
            },
        )
    }

    fn worker(queue: Option<&'static str>, scales: bool) -> Service {
        let mut service = Service::new(
            Name::new_assert("worker"),
            "worker:1.0.0",
            2048,
            4096,
            RetentionDays::new_assert(30),
            Name::new_assert("private"),
            Capacity::new_assert(1, 2, 10),
        )
        .security_group(Name::new_assert("application"));
        service.consumes = queue.map(Name::new_assert);
        if scales {
            service = service.scaling(Scaling::new().queue_depth(QueueScaling {
                threshold: QueueThreshold::new_assert(1000),
                cooldown: 300,
            }));
        }
        service
    }

    fn with(queue: Queue, service: Service) -> Platform {
        let mut platform = design();
        platform.load_balancer = crate::model::LoadBalancing::new();
        platform.compute = Compute::new().queue(queue).service(service);
        platform
    }

    #[test]
    fn a_consumer_of_a_known_queue_passes() {
        assert_eq!(codes(&with(queue("jobs", 4, 14), worker(Some("jobs"), true))), Vec::<&str>::new());
    }

    #[test]
    fn an_unknown_queue_is_an_error_with_a_suggestion() {
        let findings = crate::rules::check(&with(queue("jobs", 4, 14), worker(Some("jbos"), true)));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "unknown-queue");
        assert_eq!(findings[0].path.as_str(), "compute.services.worker.consumes");
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `jobs`?"));
    }

    #[test]
    fn each_unknown_queue_a_service_sends_to_is_an_error_at_its_place() {
        let mut producer = worker(None, false);
        producer.sends_to = ["jobs", "jbos", "other"].map(Name::new_assert).to_vec();
        let findings = crate::rules::check(&with(queue("jobs", 4, 14), producer));
        let found: Vec<_> = findings
            .iter()
            .map(|d| (d.code, d.path.as_str(), d.help.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                ("unknown-queue", "compute.services.worker.sends_to[1]", Some("did you mean `jobs`?")),
                ("unknown-queue", "compute.services.worker.sends_to[2]", Some("the design defines the queues `jobs`")),
            ]
        );
        assert_eq!(
            findings[0].message,
            "service `worker` sends to queue `jbos`, but no queue `jbos` exists"
        );
    }

    #[test]
    fn a_service_may_send_to_the_queue_it_consumes() {
        let service = worker(Some("jobs"), true).sends_to(Name::new_assert("jobs"));
        assert_eq!(codes(&with(queue("jobs", 4, 14), service)), Vec::<&str>::new());
    }

    #[test]
    fn queue_scaling_needs_a_queue() {
        let findings = crate::rules::check(&with(queue("jobs", 4, 14), worker(None, true)));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "queue-scaling-without-queue");
        assert_eq!(findings[0].path.as_str(), "compute.services.worker.scaling.queue_depth");
        // Consuming without scaling on it is fine.
        assert_eq!(codes(&with(queue("jobs", 4, 14), worker(Some("jobs"), false))), Vec::<&str>::new());
    }

    #[test]
    fn a_dead_letter_queue_not_outliving_its_source_is_a_warning() {
        for (source, dead) in [(4, 4), (14, 4)] {
            let platform = with(queue("jobs", source, dead), worker(Some("jobs"), false));
            let findings = crate::rules::check(&platform);
            assert_eq!(
                findings.iter().map(|d| (d.code, d.severity)).collect::<Vec<_>>(),
                [("dead-letter-retention-not-longer", crate::Severity::Warning)]
            );
            assert_eq!(findings[0].path.as_str(), "compute.queues.jobs.dead_letter.retention");
            assert_eq!(findings[0].related[0].path.as_str(), "compute.queues.jobs.retention");
            assert!(platform.validate().is_ok());
        }
    }

    #[test]
    fn queue_names_fit_80_characters_in_every_environment() {
        // `datasets-development-` is 21 characters: a 59-character queue name fits, 60 do not.
        let fits = "q".repeat(59);
        let long = "q".repeat(60);
        let mut platform = with(queue("jobs", 4, 14), worker(None, false));
        platform.compute.queues[0].name = fits.parse().expect("a name");
        assert_eq!(codes(&platform), Vec::<&str>::new());
        platform.compute.queues[0].name = long.parse().expect("a name");
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "queue-name-too-long");
        assert!(findings[0].message.contains("datasets-development-"), "{}", findings[0].message);
        assert_eq!(queue_name("a", "b", "c"), "a-b-c");
    }

    #[test]
    fn queue_names_are_unique() {
        let mut platform = with(queue("jobs", 4, 14), worker(Some("jobs"), false));
        platform.compute.queues.push(queue("jobs", 4, 14));
        assert_eq!(codes(&platform), ["duplicate-name"]);
    }
}
