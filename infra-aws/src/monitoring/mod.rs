//! The lowering of the monitoring section: a KMS key of the section (rotated), an SNS topic per
//! severity encrypted with it, the channels that listen to each topic (e-mail subscriptions, AWS
//! Chatbot Slack channels; see [`channels`]) and the CloudWatch alarms, whose alarm and OK
//! actions are their severity's topic and its SNS channels. Thresholds are converted to the
//! metric's unit: a latency to seconds, a free-storage percent to bytes of the database's
//! allocated storage.

mod channels;
mod logical_id;

use infra_core::model::{
    path, Alarm, AlarmMetric, AlertSeverity, ChannelKind, Comparison, Component, Monitoring,
    Threshold,
};
use infra_core::rules::{
    seconds_text, INVALID_ALARM_EVALUATION, INVALID_ALARM_PERIOD, SEVERITY_WITHOUT_CHANNELS,
    SUB_MINUTE_ALARM_PERIOD, THRESHOLD_UNIT_MISMATCH, THRESHOLD_WITHOUT_UNIT,
    TOO_MANY_ALARM_ACTIONS, UNKNOWN_ALARM_TARGET, UNKNOWN_ALERT_CHANNEL, UNKNOWN_SEVERITY,
};

use crate::compute::logical_id as compute_id;
use crate::context::State;
use crate::database::logical_id as database_id;
use crate::intrinsic::Expr;
use crate::load_balancer::logical_id as load_balancer_id;
use crate::stack::Stack;
use crate::template::{Policy, Resource, Section, Template};

/// Bytes in a GiB: RDS allocates storage in GiB, FreeStorageSpace counts bytes.
const GIB: u64 = 1 << 30;

impl<'a> Stack<'a> {
    /// The platform's monitoring section.
    pub(crate) fn monitoring(&self) -> &'a Monitoring {
        &self.platform().monitoring
    }
}

/// Adds the monitoring of `stack`'s platform to `template`, and says what it added; a design
/// without monitoring adds nothing.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let monitoring = stack.monitoring();
    if monitoring.is_empty() {
        return;
    }
    if !monitoring.severities.is_empty() {
        key(stack, template);
    }
    for severity in &monitoring.severities {
        topic(stack, template, severity);
    }
    channels::lower(stack, template, monitoring);
    for alarm in &monitoring.alarms {
        if let Some(severity) = monitoring.find_severity(alarm.severity.as_str()) {
            lower_alarm(stack, template, monitoring, alarm, severity);
        }
    }
    let severities: Vec<String> = monitoring
        .severities
        .iter()
        .map(|s| format!("{} (respond within {})", s.name, response_text(s.response_seconds)))
        .collect();
    template.add_section(Section {
        summary: format!(
            "monitoring ({} alarm{}, {} severit{})",
            monitoring.alarms.len(),
            if monitoring.alarms.len() == 1 { "" } else { "s" },
            monitoring.severities.len(),
            if monitoring.severities.len() == 1 { "y" } else { "ies" },
        ),
        arch: format!(
            "Monitoring: {} CloudWatch alarms notify their severity's encrypted SNS topic: {}; channels: {}.",
            monitoring.alarms.len(),
            severities.join(", "),
            monitoring
                .channels
                .iter()
                .map(|c| format!("{} ({})", c.name, channels::kind_words(&c.kind)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    });
}

/// `900` seconds as `15 minutes`, `14400` as `4 hours`.
pub(crate) fn response_text(seconds: u64) -> String {
    let (count, unit) = match seconds {
        s if s >= 86_400 && s.is_multiple_of(86_400) => (s / 86_400, "day"),
        s if s >= 3_600 && s.is_multiple_of(3_600) => (s / 3_600, "hour"),
        s if s >= 60 && s.is_multiple_of(60) => (s / 60, "minute"),
        s => (s, "second"),
    };
    format!("{count} {unit}{}", if count == 1 { "" } else { "s" })
}

/// The key of the topics: the account administers it; CloudWatch may encrypt the alarms'
/// notifications with it (an encrypted topic needs the publisher to use its key: the statement
/// of the CloudWatch User Guide, "Setting up Amazon SNS notifications", for encrypted topics).
/// SNS decrypts before it delivers to e-mail and to AWS Chatbot, which need no grant.
fn key(stack: &Stack<'_>, template: &mut Template) {
    let administer = Expr::map([
        ("Sid", Expr::from("AccountAdministers")),
        ("Effect", Expr::from("Allow")),
        (
            "Principal",
            Expr::map([("AWS", Expr::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))]),
        ),
        ("Action", Expr::from("kms:*")),
        ("Resource", Expr::from("*")),
    ]);
    let cloudwatch = Expr::map([
        ("Sid", Expr::from("CloudWatchPublishesAlarms")),
        ("Effect", Expr::from("Allow")),
        ("Principal", Expr::map([("Service", Expr::from("cloudwatch.amazonaws.com"))])),
        ("Action", Expr::list([Expr::from("kms:Decrypt"), Expr::from("kms:GenerateDataKey*")])),
        ("Resource", Expr::from("*")),
    ]);
    template.add_resource(
        logical_id::key(),
        Resource::new("AWS::KMS::Key")
            .property("Description", "Encrypts the alert topics of the monitoring section")
            .property("EnableKeyRotation", true)
            .property(
                "KeyPolicy",
                Expr::map([
                    ("Version", Expr::from("2012-10-17")),
                    ("Statement", Expr::list([administer, cloudwatch])),
                ]),
            )
            .property("Tags", stack.tags("alerts-key"))
            .keep_on(Policy::Delete)
            .context(stack.context(
                path::monitoring(),
                "Encrypts the severities' SNS topics at rest, rotated yearly; CloudWatch may use it to publish the alarms' notifications. Deleted with the stack: it protects only notifications in flight",
                State::Stateless,
            )),
    );
}

/// The severity's topic, encrypted with the section's key.
fn topic(stack: &Stack<'_>, template: &mut Template, severity: &AlertSeverity) {
    let name = severity.name.as_str();
    template.add_resource(
        logical_id::topic(&severity.name),
        Resource::new("AWS::SNS::Topic")
            .property("DisplayName", format!("{} {name} alerts", stack.platform().name))
            .property("KmsMasterKeyId", Expr::reference(&logical_id::key()))
            .property("Tags", stack.tags(&format!("alerts-{name}")))
            .context(
                stack
                    .context(
                        path::severity(name),
                        format!("The `{name}` alerts (respond within {}): its alarms notify this topic, its e-mail and Slack channels listen to it", response_text(severity.response_seconds)),
                        State::Stateless,
                    )
                    .must([&UNKNOWN_ALERT_CHANNEL, &SEVERITY_WITHOUT_CHANNELS, &TOO_MANY_ALARM_ACTIONS]),
            ),
    );
}

/// The alarm, its threshold in the metric's unit, notifying its severity's topic and SNS
/// channels when it fires and when it recovers.
fn lower_alarm(
    stack: &Stack<'_>,
    template: &mut Template,
    monitoring: &Monitoring,
    alarm: &Alarm,
    severity: &AlertSeverity,
) {
    let name = alarm.name.as_str();
    let Some(threshold) = threshold(stack, alarm) else {
        return;
    };
    let mut actions = vec![Expr::reference(&logical_id::topic(&severity.name))];
    for channel in &severity.channels {
        if let Some(found) = monitoring.find_channel(channel.as_str()) {
            match found.kind {
                ChannelKind::Sns => actions.push(Expr::reference(&logical_id::topic_arn(&found.name))),
                ChannelKind::Email | ChannelKind::Slack { .. } => {}
            }
        }
    }
    let (operator, words) = match alarm.comparison {
        Comparison::Above => ("GreaterThanThreshold", "above"),
        Comparison::Below => ("LessThanThreshold", "below"),
    };
    let description = format!(
        "{}: {} of {} `{}` {words} {} for {} of {} periods of {} s. Severity {}: respond within {}.",
        alarm.name,
        alarm.metric.metric_name(),
        component_words(alarm.metric),
        alarm.target,
        alarm.threshold,
        alarm.datapoints_or_all(),
        alarm.evaluation_periods,
        alarm.period_seconds,
        severity.name,
        response_text(severity.response_seconds),
    );
    let mut resource = Resource::new("AWS::CloudWatch::Alarm")
        .property("AlarmDescription", description.as_str())
        .property("Namespace", alarm.metric.namespace())
        .property("MetricName", alarm.metric.metric_name())
        .property("Dimensions", dimensions(alarm))
        .property("Statistic", statistic(alarm.metric))
        .property("Period", i64::from(alarm.period_seconds))
        .property("EvaluationPeriods", i64::from(alarm.evaluation_periods))
        .property("Threshold", threshold)
        .property("ComparisonOperator", operator)
        .property("TreatMissingData", "missing")
        .property("AlarmActions", Expr::list(actions.clone()))
        .property("OKActions", Expr::list(actions))
        .property("Tags", stack.tags(&format!("alarm-{name}")));
    if let Some(datapoints) = alarm.datapoints_to_alarm {
        resource = resource.property("DatapointsToAlarm", i64::from(datapoints));
    }
    template.add_resource(
        logical_id::alarm(&alarm.name),
        resource.context(
            stack
                .context(path::alarm(name), description, State::Stateless)
                .must([
                    &INVALID_ALARM_PERIOD,
                    &SUB_MINUTE_ALARM_PERIOD,
                    &INVALID_ALARM_EVALUATION,
                    &THRESHOLD_WITHOUT_UNIT,
                    &THRESHOLD_UNIT_MISMATCH,
                    &UNKNOWN_ALARM_TARGET,
                    &UNKNOWN_SEVERITY,
                ]),
        ),
    );
}

/// The threshold in the metric's unit: a latency in seconds, free storage in bytes of the
/// database's allocated storage, a percent or a count as written. `None` for a unit the rules
/// reject (a validated design has none).
fn threshold(stack: &Stack<'_>, alarm: &Alarm) -> Option<Expr> {
    match (alarm.metric, alarm.threshold) {
        (AlarmMetric::LoadBalancerLatency, Threshold::Milliseconds(ms)) => {
            seconds_text(ms).parse::<serde_json::Number>().ok().map(Expr::Number)
        }
        (AlarmMetric::DatabaseFreeStorage, Threshold::Percent(percent)) => {
            let pg = stack.databases().postgres.iter().find(|pg| pg.name == alarm.target)?;
            let bytes = u64::from(pg.storage.size_gib) * GIB / 100 * u64::from(percent);
            i64::try_from(bytes).ok().map(Expr::Int)
        }
        (
            AlarmMetric::ServiceCpu | AlarmMetric::ServiceMemory | AlarmMetric::DatabaseCpu,
            Threshold::Percent(n),
        ) => Some(Expr::Int(i64::from(n))),
        (
            AlarmMetric::ServiceCpu
            | AlarmMetric::ServiceMemory
            | AlarmMetric::DatabaseCpu
            | AlarmMetric::DatabaseConnections,
            Threshold::Number(n),
        ) => i64::try_from(n).ok().map(Expr::Int),
        (_, Threshold::Number(_) | Threshold::Percent(_) | Threshold::Milliseconds(_)) => None,
    }
}

/// How CloudWatch aggregates the metric over a period: the worst value for free storage and
/// connections, the average otherwise.
fn statistic(metric: AlarmMetric) -> &'static str {
    match metric {
        AlarmMetric::DatabaseFreeStorage => "Minimum",
        AlarmMetric::DatabaseConnections => "Maximum",
        AlarmMetric::ServiceCpu
        | AlarmMetric::ServiceMemory
        | AlarmMetric::LoadBalancerLatency
        | AlarmMetric::DatabaseCpu => "Average",
    }
}

fn component_words(metric: AlarmMetric) -> &'static str {
    match metric.component() {
        Component::Service => "service",
        Component::LoadBalancer => "load balancer",
        Component::Database => "database",
    }
}

/// The metric's dimensions: the cluster and service, the load balancer's full name, or the
/// database instance.
fn dimensions(alarm: &Alarm) -> Expr {
    let dimension = |name: &str, value: Expr| Expr::map([("Name", Expr::from(name)), ("Value", value)]);
    match alarm.metric.component() {
        Component::Service => Expr::list([
            dimension("ClusterName", Expr::reference(&compute_id::cluster())),
            dimension("ServiceName", Expr::get_att(&compute_id::service(&alarm.target), "Name")),
        ]),
        Component::LoadBalancer => Expr::list([dimension(
            "LoadBalancer",
            Expr::get_att(&load_balancer_id::load_balancer(&alarm.target), "LoadBalancerFullName"),
        )]),
        Component::Database => Expr::list([dimension(
            "DBInstanceIdentifier",
            Expr::reference(&database_id::primary(&alarm.target)),
        )]),
    }
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;

    use crate::intrinsic::Expr;
    use crate::Template;

    fn synth(environment: &str) -> Template {
        let platform = reference_network().validate().expect("a valid design");
        crate::synth(&platform, environment).expect("a known environment")
    }

    #[test]
    fn thresholds_are_lowered_to_the_metrics_units() {
        let template = synth("production");
        let threshold = |id: &str| template.resource(id).and_then(|r| r.get("Threshold")).cloned();
        // 1000ms on TargetResponseTime, which is in seconds.
        assert_eq!(serde_json::to_string(&threshold("AlarmWebLatency")).ok().as_deref(), Some("1.0"));
        // 20% free of 1000 GiB, in bytes.
        assert_eq!(threshold("AlarmDatabaseStorage"), Some(Expr::Int(214_748_364_800)));
        assert_eq!(threshold("AlarmApiCpu"), Some(Expr::Int(70)));
        assert_eq!(threshold("AlarmDatabaseConnections"), Some(Expr::Int(1000)));
    }

    #[test]
    fn alarms_notify_their_severitys_topic_and_sns_channels() {
        let template = synth("production");
        let latency = template.resource("AlarmWebLatency").expect("the latency alarm");
        let actions = Expr::list([Expr::Ref("AlertsCriticalTopic".into()), Expr::Ref("ChannelPagerTopicArn".into())]);
        assert_eq!(latency.get("AlarmActions"), Some(&actions));
        assert_eq!(latency.get("OKActions"), Some(&actions));
        assert_eq!(latency.get("Namespace"), Some(&Expr::from("AWS/ApplicationELB")));
        let description = latency.get("AlarmDescription").and_then(Expr::as_str).unwrap_or_default();
        assert!(description.contains("respond within 15 minutes"), "{description}");
        let cpu = template.resource("AlarmApiCpu").expect("the cpu alarm");
        assert_eq!(cpu.get("AlarmActions"), Some(&Expr::list([Expr::Ref("AlertsWarningTopic".into())])));
        let topic = template.resource("AlertsWarningTopic").expect("the warning topic");
        assert_eq!(topic.get("KmsMasterKeyId"), Some(&Expr::Ref("MonitoringKey".into())));
    }

    #[test]
    fn the_slack_channel_listens_to_its_severities_per_environment() {
        for (environment, channel) in [("production", "#alerts-prod"), ("staging", "#alerts-staging")] {
            let template = synth(environment);
            let chatbot = template.resource("ChannelTeamChatbot").expect("the Slack channel");
            assert_eq!(
                chatbot.get("SnsTopicArns"),
                Some(&Expr::list([Expr::Ref("AlertsCriticalTopic".into()), Expr::Ref("AlertsWarningTopic".into())]))
            );
            let parameter = &template.parameters()["ChannelTeamSlackChannelId"];
            assert!(parameter.description().contains(channel), "{environment}");
        }
    }

    #[test]
    fn response_times_read_in_words() {
        assert_eq!(super::response_text(900), "15 minutes");
        assert_eq!(super::response_text(14_400), "4 hours");
        assert_eq!(super::response_text(86_400), "1 day");
        assert_eq!(super::response_text(90), "90 seconds");
    }
}
