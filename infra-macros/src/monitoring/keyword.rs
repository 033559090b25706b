//! The monitoring section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `monitoring { ... }`.
    pub enum SectionKey: "monitoring item" {
        Email = "email",
        Slack = "slack",
        Sns = "sns",
        Severity = "severity",
        Alarm = "alarm",
    }

    /// The fields of a Slack channel.
    pub enum SlackKey: "slack field" {
        Channel = "channel",
    }

    /// The fields of a severity.
    pub enum SeverityKey: "severity field" {
        Response = "response",
        Channels = "channels",
        KmsKey = "kms_key",
    }

    /// The fields of an alarm.
    pub enum AlarmKey: "alarm field" {
        Metric = "metric",
        Above = "above",
        Below = "below",
        Period = "period",
        Evaluations = "evaluations",
        Datapoints = "datapoints",
        Severity = "severity",
    }

    /// The metrics an alarm may watch.
    pub enum MetricKey: "metric" {
        ServiceCpu = "service_cpu",
        ServiceMemory = "service_memory",
        LoadBalancerLatency = "load_balancer_latency",
        DatabaseCpu = "database_cpu",
        DatabaseConnections = "database_connections",
        DatabaseFreeStorage = "database_free_storage",
        CacheCpu = "cache_cpu",
        CacheMemory = "cache_memory",
        CacheConnections = "cache_connections",
    }
}
