//! The monitoring section's model: alarms on typed metrics of the design's components, the
//! severities they are raised with, and the channels each severity alerts.
//!
//! A threshold carries its unit ([`Threshold`]): a latency is written in milliseconds or
//! seconds and a free-storage threshold as a percent of the database's allocated storage, and
//! the lowering converts both to the unit of the CloudWatch metric (seconds, bytes).

use crate::model::PerEnv;
use crate::value::Name;

/// The monitoring section: alert channels, severities and alarms.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Monitoring {
    /// Where alerts go.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<AlertChannel>,
    /// The severities, each with its response time and channels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub severities: Vec<AlertSeverity>,
    /// The alarms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alarms: Vec<Alarm>,
}

impl Monitoring {
    /// No monitoring.
    pub fn new() -> Monitoring {
        Monitoring::default()
    }

    /// Whether the section holds nothing.
    pub fn is_empty(&self) -> bool {
        self.channels.is_empty() && self.severities.is_empty() && self.alarms.is_empty()
    }

    /// Adds an alert channel.
    pub fn channel(mut self, channel: AlertChannel) -> Monitoring {
        self.channels.push(channel);
        self
    }

    /// Adds a severity.
    pub fn severity(mut self, severity: AlertSeverity) -> Monitoring {
        self.severities.push(severity);
        self
    }

    /// Adds an alarm.
    pub fn alarm(mut self, alarm: Alarm) -> Monitoring {
        self.alarms.push(alarm);
        self
    }

    /// The channel named `name`.
    pub fn find_channel(&self, name: &str) -> Option<&AlertChannel> {
        self.channels.iter().find(|c| c.name.as_str() == name)
    }

    /// The severity named `name`.
    pub fn find_severity(&self, name: &str) -> Option<&AlertSeverity> {
        self.severities.iter().find(|s| s.name.as_str() == name)
    }
}

/// An alert channel: where a severity's alerts are delivered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertChannel {
    /// Its name.
    pub name: Name,
    /// What it is.
    pub kind: ChannelKind,
}

impl AlertChannel {
    /// An e-mail channel: the address is a parameter of the template.
    pub fn email(name: Name) -> AlertChannel {
        AlertChannel { name, kind: ChannelKind::Email }
    }

    /// A Slack channel reached through AWS Chatbot; `channel` is its name (`#alerts-prod`),
    /// per environment. The workspace and channel ids are parameters of the template.
    pub fn slack(name: Name, channel: impl Into<PerEnv<String>>) -> AlertChannel {
        AlertChannel { name, kind: ChannelKind::Slack { channel: channel.into() } }
    }

    /// An SNS topic outside the stack: its ARN is a parameter of the template.
    pub fn sns(name: Name) -> AlertChannel {
        AlertChannel { name, kind: ChannelKind::Sns }
    }
}

/// What an alert channel is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ChannelKind {
    /// An e-mail subscription to the severity's topic.
    Email,
    /// A Slack channel, through AWS Chatbot subscribed to the severity's topic.
    Slack {
        /// The Slack channel's name, such as `#alerts-prod`, per environment.
        channel: PerEnv<String>,
    },
    /// An existing SNS topic the alarms notify directly.
    Sns,
}

/// A severity: how fast someone responds, and which channels are alerted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertSeverity {
    /// Its name, such as `critical`.
    pub name: Name,
    /// The expected response time, in seconds.
    pub response_seconds: u64,
    /// The channels alerted, by name.
    pub channels: Vec<Name>,
    /// The KMS key of the design (`security { kms_key <name> {} }`) that encrypts its SNS topic, by name;
    /// the monitoring section's own key without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<Name>,
}

impl AlertSeverity {
    /// A severity answered within `response_seconds`, alerting `channels`.
    pub fn new(name: Name, response_seconds: u64, channels: impl IntoIterator<Item = Name>) -> AlertSeverity {
        AlertSeverity { name, response_seconds, channels: channels.into_iter().collect(), kms_key: None }
    }

    /// Encrypts its topic with the design's KMS key `key`.
    pub fn kms_key(mut self, key: Name) -> AlertSeverity {
        self.kms_key = Some(key);
        self
    }
}

/// A CloudWatch alarm on a metric of one of the design's components.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alarm {
    /// Its name.
    pub name: Name,
    /// The metric watched.
    pub metric: AlarmMetric,
    /// The component watched, by name: a service, a load balancer, a database or a Redis
    /// cluster, by metric.
    pub target: Name,
    /// Whether it fires above or below the threshold.
    pub comparison: Comparison,
    /// The threshold, with its unit.
    pub threshold: Threshold,
    /// Seconds per evaluated period.
    pub period_seconds: u32,
    /// How many periods are evaluated.
    pub evaluation_periods: u32,
    /// How many of them must breach (all of them when not set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datapoints_to_alarm: Option<u32>,
    /// The severity it is raised with, by name.
    pub severity: Name,
}

impl Alarm {
    /// An alarm on `metric` of `target`, every one of `evaluation_periods` periods of
    /// `period_seconds` breaching.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: Name,
        metric: AlarmMetric,
        target: Name,
        comparison: Comparison,
        threshold: Threshold,
        period_seconds: u32,
        evaluation_periods: u32,
        severity: Name,
    ) -> Alarm {
        Alarm {
            name,
            metric,
            target,
            comparison,
            threshold,
            period_seconds,
            evaluation_periods,
            datapoints_to_alarm: None,
            severity,
        }
    }

    /// Fires when `datapoints` of the evaluated periods breach (M of N).
    pub fn datapoints(mut self, datapoints: u32) -> Alarm {
        self.datapoints_to_alarm = Some(datapoints);
        self
    }

    /// The number of breaching periods that raise it.
    pub fn datapoints_or_all(&self) -> u32 {
        self.datapoints_to_alarm.unwrap_or(self.evaluation_periods)
    }
}

/// A metric an alarm may watch, each of one kind of component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmMetric {
    /// An ECS service's CPU utilization (`AWS/ECS` `CPUUtilization`, percent).
    ServiceCpu,
    /// An ECS service's memory utilization (`AWS/ECS` `MemoryUtilization`, percent).
    ServiceMemory,
    /// A load balancer's target response time (`AWS/ApplicationELB` `TargetResponseTime`, seconds).
    LoadBalancerLatency,
    /// A database's CPU utilization (`AWS/RDS` `CPUUtilization`, percent).
    DatabaseCpu,
    /// A database's connections (`AWS/RDS` `DatabaseConnections`, count).
    DatabaseConnections,
    /// A database's free storage (`AWS/RDS` `FreeStorageSpace`, bytes).
    DatabaseFreeStorage,
    /// A Redis cluster's engine CPU (`AWS/ElastiCache` `EngineCPUUtilization`, percent): the
    /// Redis thread's share of its core. Redis runs commands on one thread, so the host's
    /// `CPUUtilization` on a 2-vCPU node stays near 50% while the engine is saturated
    /// (ElastiCache User Guide, CacheMetrics.Redis.md and CacheMetrics.WhichShouldIMonitor.md).
    CacheCpu,
    /// A Redis cluster's memory (`AWS/ElastiCache` `DatabaseMemoryUsagePercentage`, percent of
    /// the memory available to Redis, `maxmemory`; CacheMetrics.Redis.md).
    CacheMemory,
    /// A Redis cluster's client connections (`AWS/ElastiCache` `CurrConnections`, count;
    /// CacheMetrics.Redis.md).
    CacheConnections,
}

/// The kind of component a metric belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    /// An ECS service of the compute section.
    Service,
    /// A load balancer.
    LoadBalancer,
    /// A PostgreSQL database.
    Database,
    /// A Redis cluster of the cache section: its metrics are per node (`CacheClusterId`).
    Cache,
}

/// The unit a metric is reported in, and so the units a threshold on it may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricUnit {
    /// Percent: a threshold `70%` (or a bare `70`).
    Percent,
    /// A count: a bare number.
    Count,
    /// Seconds: a threshold in `ms` or `s`.
    Seconds,
    /// Bytes of storage: a threshold as a percent of the allocated storage.
    Bytes,
}

impl AlarmMetric {
    /// The kind of component it is read from.
    pub const fn component(self) -> Component {
        match self {
            AlarmMetric::ServiceCpu | AlarmMetric::ServiceMemory => Component::Service,
            AlarmMetric::LoadBalancerLatency => Component::LoadBalancer,
            AlarmMetric::DatabaseCpu
            | AlarmMetric::DatabaseConnections
            | AlarmMetric::DatabaseFreeStorage => Component::Database,
            AlarmMetric::CacheCpu | AlarmMetric::CacheMemory | AlarmMetric::CacheConnections => {
                Component::Cache
            }
        }
    }

    /// The CloudWatch namespace.
    pub const fn namespace(self) -> &'static str {
        match self.component() {
            Component::Service => "AWS/ECS",
            Component::LoadBalancer => "AWS/ApplicationELB",
            Component::Database => "AWS/RDS",
            Component::Cache => "AWS/ElastiCache",
        }
    }

    /// The CloudWatch metric name.
    pub const fn metric_name(self) -> &'static str {
        match self {
            AlarmMetric::ServiceCpu | AlarmMetric::DatabaseCpu => "CPUUtilization",
            AlarmMetric::ServiceMemory => "MemoryUtilization",
            AlarmMetric::LoadBalancerLatency => "TargetResponseTime",
            AlarmMetric::DatabaseConnections => "DatabaseConnections",
            AlarmMetric::DatabaseFreeStorage => "FreeStorageSpace",
            AlarmMetric::CacheCpu => "EngineCPUUtilization",
            AlarmMetric::CacheMemory => "DatabaseMemoryUsagePercentage",
            AlarmMetric::CacheConnections => "CurrConnections",
        }
    }

    /// The unit CloudWatch reports it in.
    pub const fn unit(self) -> MetricUnit {
        match self {
            AlarmMetric::ServiceCpu
            | AlarmMetric::ServiceMemory
            | AlarmMetric::DatabaseCpu
            | AlarmMetric::CacheCpu
            | AlarmMetric::CacheMemory => MetricUnit::Percent,
            AlarmMetric::DatabaseConnections | AlarmMetric::CacheConnections => MetricUnit::Count,
            AlarmMetric::LoadBalancerLatency => MetricUnit::Seconds,
            AlarmMetric::DatabaseFreeStorage => MetricUnit::Bytes,
        }
    }

    /// How the DSL writes it: `service_cpu`.
    pub const fn keyword(self) -> &'static str {
        match self {
            AlarmMetric::ServiceCpu => "service_cpu",
            AlarmMetric::ServiceMemory => "service_memory",
            AlarmMetric::LoadBalancerLatency => "load_balancer_latency",
            AlarmMetric::DatabaseCpu => "database_cpu",
            AlarmMetric::DatabaseConnections => "database_connections",
            AlarmMetric::DatabaseFreeStorage => "database_free_storage",
            AlarmMetric::CacheCpu => "cache_cpu",
            AlarmMetric::CacheMemory => "cache_memory",
            AlarmMetric::CacheConnections => "cache_connections",
        }
    }
}

/// Whether an alarm fires above or below its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// `GreaterThanThreshold`.
    Above,
    /// `LessThanThreshold`.
    Below,
}

/// A threshold with the unit it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Threshold {
    /// A number without a unit: a count, or a percent on a percent metric.
    Number(u64),
    /// A percent: of the metric's own percent, or of the allocated storage for free storage.
    Percent(u32),
    /// A duration in milliseconds (`1000ms`, or `1s`).
    Milliseconds(u64),
}

impl std::fmt::Display for Threshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Threshold::Number(n) => write!(f, "{n}"),
            Threshold::Percent(n) => write!(f, "{n}%"),
            Threshold::Milliseconds(n) => write!(f, "{n}ms"),
        }
    }
}
