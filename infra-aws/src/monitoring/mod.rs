//! The lowering of the monitoring section: a KMS key of the section (rotated), an SNS topic per
//! severity encrypted with it, the channels that listen to each topic (e-mail subscriptions, AWS
//! Chatbot Slack channels; see [`channels`]) and the CloudWatch alarms, whose alarm and OK
//! actions are their severity's topic and its SNS channels. Thresholds are converted to the
//! metric's unit: a latency to seconds, a free-storage percent to bytes of the database's
//! allocated storage.
//!
//! ElastiCache publishes its metrics per node, with the dimension `CacheClusterId` naming the
//! node's member cluster (ElastiCache User Guide, CacheMetrics.md: "measured and published for
//! each cache node"; CloudWatchMetrics.md), and no metric of the replication group as a whole.
//! An alarm on a Redis cluster is therefore lowered to one CloudWatch alarm per node the
//! topology implies in the environment (`shards x (1 + replicas)`, see [`cache_nodes`]), so a
//! hot shard or a full primary is seen on its own node rather than averaged away.

mod channels;
mod logical_id;

use infra_core::model::{
    path, Alarm, AlarmMetric, AlertSeverity, ChannelKind, Comparison, Component, Monitoring,
    RedisCluster, Threshold,
};
use infra_core::rules::{
    seconds_text, INVALID_ALARM_EVALUATION, INVALID_ALARM_PERIOD, SEVERITY_WITHOUT_CHANNELS,
    SUB_MINUTE_ALARM_PERIOD, THRESHOLD_UNIT_MISMATCH, THRESHOLD_WITHOUT_UNIT,
    TOO_MANY_ALARM_ACTIONS, UNKNOWN_ALARM_TARGET, UNKNOWN_ALERT_CHANNEL, UNKNOWN_SEVERITY,
};

use crate::cache::logical_id as cache_id;
use crate::compute::logical_id as compute_id;
use crate::context::State;
use crate::database::logical_id as database_id;
use crate::kms::{account_administers, cloudwatch_publishes, design_key_arn};
use crate::intrinsic::Expr;
use crate::load_balancer::logical_id as load_balancer_id;
use crate::logical_id::LogicalId;
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
    if monitoring.severities.iter().any(|severity| severity.kms_key.is_none()) {
        key(stack, template);
    }
    for severity in &monitoring.severities {
        topic(stack, template, severity);
    }
    channels::lower(stack, template, monitoring);
    let mut resources = 0;
    for alarm in &monitoring.alarms {
        if let Some(severity) = monitoring.find_severity(alarm.severity.as_str()) {
            resources += lower_alarm(stack, template, monitoring, alarm, severity);
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
            "Monitoring: {} CloudWatch alarms{} notify their severity's encrypted SNS topic: {}; channels: {}.",
            monitoring.alarms.len(),
            if resources == monitoring.alarms.len() {
                String::new()
            } else {
                format!(" ({resources} in the template: a Redis cluster's alarm has one per node)")
            },
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
    let administer = account_administers();
    let cloudwatch = cloudwatch_publishes();
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

/// The severity's topic, encrypted with the design's key it names, or the section's.
fn topic(stack: &Stack<'_>, template: &mut Template, severity: &AlertSeverity) {
    let name = severity.name.as_str();
    template.add_resource(
        logical_id::topic(&severity.name),
        Resource::new("AWS::SNS::Topic")
            .property("DisplayName", format!("{} {name} alerts", stack.platform().name))
            .property(
                "KmsMasterKeyId",
                match &severity.kms_key {
                    Some(key) => design_key_arn(key),
                    None => Expr::reference(&logical_id::key()),
                },
            )
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
/// channels when it fires and when it recovers: one CloudWatch alarm, or one per node of a
/// Redis cluster. Returns how many it added.
fn lower_alarm(
    stack: &Stack<'_>,
    template: &mut Template,
    monitoring: &Monitoring,
    alarm: &Alarm,
    severity: &AlertSeverity,
) -> usize {
    let name = alarm.name.as_str();
    let Some(threshold) = threshold(stack, alarm) else {
        return 0;
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
    let watched = watched(stack, alarm);
    for one in &watched {
        let description = format!(
            "{}: {} of {} `{}`{} {words} {} for {} of {} periods of {} s. Severity {}: respond within {}.",
            alarm.name,
            alarm.metric.metric_name(),
            component_words(alarm.metric),
            alarm.target,
            one.node.as_deref().map(|node| format!(", node {node}")).unwrap_or_default(),
            alarm.threshold,
            alarm.datapoints_or_all(),
            alarm.evaluation_periods,
            alarm.period_seconds,
            severity.name,
            response_text(severity.response_seconds),
        );
        let tag = match &one.node {
            Some(node) => format!("alarm-{name}-{node}"),
            None => format!("alarm-{name}"),
        };
        let mut resource = Resource::new("AWS::CloudWatch::Alarm")
            .property("AlarmDescription", description.as_str())
            .property("Namespace", alarm.metric.namespace())
            .property("MetricName", alarm.metric.metric_name())
            .property("Dimensions", one.dimensions.clone())
            .property("Statistic", statistic(alarm.metric))
            .property("Period", i64::from(alarm.period_seconds))
            .property("EvaluationPeriods", i64::from(alarm.evaluation_periods))
            .property("Threshold", threshold.clone())
            .property("ComparisonOperator", operator)
            .property("TreatMissingData", "missing")
            .property("AlarmActions", Expr::list(actions.clone()))
            .property("OKActions", Expr::list(actions.clone()))
            .property("Tags", stack.tags(&tag));
        if let Some(datapoints) = alarm.datapoints_to_alarm {
            resource = resource.property("DatapointsToAlarm", i64::from(datapoints));
        }
        template.add_resource(
            one.id.clone(),
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
    watched.len()
}

/// One CloudWatch alarm of a design's alarm: its logical id, the metric's dimensions, and the
/// node it watches when the metric is per node.
struct Watched {
    id: LogicalId,
    dimensions: Expr,
    node: Option<String>,
}

/// What `alarm` lowers to: one CloudWatch alarm on the component, or one per node of a Redis
/// cluster (none for a cluster the design lacks, which `unknown-alarm-target` rejects).
fn watched(stack: &Stack<'_>, alarm: &Alarm) -> Vec<Watched> {
    let dimension = |name: &str, value: Expr| Expr::map([("Name", Expr::from(name)), ("Value", value)]);
    let single = |dimensions: Vec<Expr>| {
        vec![Watched { id: logical_id::alarm(&alarm.name), dimensions: Expr::list(dimensions), node: None }]
    };
    match alarm.metric.component() {
        Component::Service => single(vec![
            dimension("ClusterName", Expr::reference(&compute_id::cluster())),
            dimension("ServiceName", Expr::get_att(&compute_id::service(&alarm.target), "Name")),
        ]),
        Component::LoadBalancer => single(vec![dimension(
            "LoadBalancer",
            Expr::get_att(&load_balancer_id::load_balancer(&alarm.target), "LoadBalancerFullName"),
        )]),
        Component::Database => single(vec![dimension(
            "DBInstanceIdentifier",
            Expr::reference(&database_id::primary(&alarm.target)),
        )]),
        Component::Cache => {
            let Some(cluster) = stack.cache().clusters.iter().find(|c| c.name == alarm.target) else {
                return Vec::new();
            };
            let group = cache_id::replication_group(&cluster.name);
            cache_nodes(cluster, *stack.value(&cluster.replicas_per_shard))
                .into_iter()
                .map(|node| Watched {
                    id: logical_id::node_alarm(&alarm.name, &node),
                    dimensions: Expr::list([dimension(
                        "CacheClusterId",
                        Expr::sub(format!("${{{group}}}-{node}")),
                    )]),
                    node: Some(node),
                })
                .collect()
        }
    }
}

/// The suffixes of a replication group's member clusters, one per node, as ElastiCache names
/// them after the replication group's id: `0001-001` (shard, then node in the shard) in cluster
/// mode, `001` (node) with cluster mode off, where the group has one shard of
/// `NumCacheClusters` nodes (ElastiCache User Guide, "Connecting to nodes in a cluster": member
/// clusters `redis2x2-0001-001` ... `redis2x2-0002-002` of group `redis2x2`).
///
/// The replication group's id is left to CloudFormation (so that a change requiring
/// replacement can still be made); `Ref` returns it (CloudFormation User Guide,
/// AWS::ElastiCache::ReplicationGroup, Return values), so each alarm's `CacheClusterId` is
/// `${Redis<Name>}-<suffix>`. The nodes are those the lowering creates in the environment; a
/// node ElastiCache replaces keeps its id, but scaling outside the template is not followed.
pub(crate) fn cache_nodes(cluster: &RedisCluster, replicas: u32) -> Vec<String> {
    let per_shard = 1 + replicas;
    if cluster.cluster_mode_enabled() {
        (1..=cluster.shards)
            .flat_map(|shard| (1..=per_shard).map(move |node| format!("{shard:04}-{node:03}")))
            .collect()
    } else {
        (1..=per_shard).map(|node| format!("{node:03}")).collect()
    }
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
            AlarmMetric::ServiceCpu
            | AlarmMetric::ServiceMemory
            | AlarmMetric::DatabaseCpu
            | AlarmMetric::CacheCpu
            | AlarmMetric::CacheMemory,
            Threshold::Percent(n),
        ) => Some(Expr::Int(i64::from(n))),
        (
            AlarmMetric::ServiceCpu
            | AlarmMetric::ServiceMemory
            | AlarmMetric::DatabaseCpu
            | AlarmMetric::DatabaseConnections
            | AlarmMetric::CacheCpu
            | AlarmMetric::CacheMemory
            | AlarmMetric::CacheConnections,
            Threshold::Number(n),
        ) => i64::try_from(n).ok().map(Expr::Int),
        (_, Threshold::Number(_) | Threshold::Percent(_) | Threshold::Milliseconds(_)) => None,
    }
}

/// How CloudWatch aggregates the metric over a period: the worst value for free storage,
/// connections and a cache's memory (Redis evicts or rejects writes as soon as it is full), the
/// average otherwise.
fn statistic(metric: AlarmMetric) -> &'static str {
    match metric {
        AlarmMetric::DatabaseFreeStorage => "Minimum",
        AlarmMetric::DatabaseConnections | AlarmMetric::CacheConnections | AlarmMetric::CacheMemory => "Maximum",
        AlarmMetric::ServiceCpu
        | AlarmMetric::ServiceMemory
        | AlarmMetric::LoadBalancerLatency
        | AlarmMetric::DatabaseCpu
        | AlarmMetric::CacheCpu => "Average",
    }
}

fn component_words(metric: AlarmMetric) -> &'static str {
    match metric.component() {
        Component::Service => "service",
        Component::LoadBalancer => "load balancer",
        Component::Database => "database",
        Component::Cache => "Redis cluster",
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
        assert_eq!(topic.get("KmsMasterKeyId"), Some(&Expr::GetAtt("KmsKeyAlerts".into(), "Arn".into())));
        assert!(template.resource("MonitoringKey").is_none());
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

    /// The `CacheClusterId` each of `alarm`'s CloudWatch alarms watches, by logical id.
    fn cache_nodes_watched(template: &Template, alarm: &str) -> Vec<(String, Expr)> {
        template
            .resources()
            .iter()
            .filter(|(id, _)| id.as_str().starts_with(alarm) && id.as_str()[alarm.len()..].starts_with("Node"))
            .map(|(id, resource)| {
                let dimensions = resource.get("Dimensions").cloned().unwrap_or(Expr::list([]));
                (id.as_str().to_owned(), dimensions)
            })
            .collect()
    }

    fn cache_cluster_id(value: &str) -> Expr {
        Expr::list([Expr::map([("Name", Expr::from("CacheClusterId")), ("Value", Expr::sub(value))])])
    }

    #[test]
    fn cache_alarms_watch_every_node_of_each_environment() {
        let production = synth("production");
        assert_eq!(
            cache_nodes_watched(&production, "AlarmCacheMemory"),
            [
                ("AlarmCacheMemoryNode0001001".to_owned(), cache_cluster_id("${RedisMain}-0001-001")),
                ("AlarmCacheMemoryNode0001002".to_owned(), cache_cluster_id("${RedisMain}-0001-002")),
                ("AlarmCacheMemoryNode0002001".to_owned(), cache_cluster_id("${RedisMain}-0002-001")),
                ("AlarmCacheMemoryNode0002002".to_owned(), cache_cluster_id("${RedisMain}-0002-002")),
            ]
        );
        assert!(production.resource("AlarmCacheMemory").is_none());
        let memory = production.resource("AlarmCacheMemoryNode0001001").expect("a node's alarm");
        assert_eq!(memory.get("Namespace"), Some(&Expr::from("AWS/ElastiCache")));
        assert_eq!(memory.get("MetricName"), Some(&Expr::from("DatabaseMemoryUsagePercentage")));
        assert_eq!(memory.get("Statistic"), Some(&Expr::from("Maximum")));
        assert_eq!(memory.get("Threshold"), Some(&Expr::Int(80)));
        let cpu = production.resource("AlarmCacheCpuNode0002002").expect("a node's alarm");
        assert_eq!(cpu.get("MetricName"), Some(&Expr::from("EngineCPUUtilization")));
        let connections = production.resource("AlarmCacheConnectionsNode0002001").expect("a node's alarm");
        assert_eq!(connections.get("MetricName"), Some(&Expr::from("CurrConnections")));
        assert_eq!(connections.get("Threshold"), Some(&Expr::Int(1000)));
        // Staging has no replicas: one node per shard.
        let staging = synth("staging");
        let ids: Vec<String> = cache_nodes_watched(&staging, "AlarmCacheCpu").into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["AlarmCacheCpuNode0001001", "AlarmCacheCpuNode0002001"]);
        let arch = staging.arch().unwrap_or_default();
        assert!(arch.contains("11 CloudWatch alarms (14 in the template: a Redis cluster's alarm has one per node)"), "{arch}");
    }

    #[test]
    fn without_cluster_mode_nodes_are_numbered_in_the_one_shard() {
        let mut platform = reference_network();
        let cluster = &mut platform.cache.clusters[0];
        cluster.shards = 1;
        cluster.nodes = None;
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        assert_eq!(
            cache_nodes_watched(&template, "AlarmCacheConnections"),
            [
                ("AlarmCacheConnectionsNode001".to_owned(), cache_cluster_id("${RedisMain}-001")),
                ("AlarmCacheConnectionsNode002".to_owned(), cache_cluster_id("${RedisMain}-002")),
            ]
        );
    }

    #[test]
    fn cluster_mode_numbers_shards_then_nodes() {
        let mut cluster = reference_network().cache.clusters[0].clone();
        cluster.shards = 3;
        assert_eq!(super::cache_nodes(&cluster, 2).len(), 9);
        assert_eq!(super::cache_nodes(&cluster, 2)[8], "0003-003");
        cluster.cluster_mode = Some(true);
        cluster.shards = 1;
        assert_eq!(super::cache_nodes(&cluster, 0), ["0001-001"]);
        cluster.cluster_mode = Some(false);
        assert_eq!(super::cache_nodes(&cluster, 5).last().map(String::as_str), Some("006"));
    }

    #[test]
    fn response_times_read_in_words() {
        assert_eq!(super::response_text(900), "15 minutes");
        assert_eq!(super::response_text(14_400), "4 hours");
        assert_eq!(super::response_text(86_400), "1 day");
        assert_eq!(super::response_text(90), "90 seconds");
    }
}
