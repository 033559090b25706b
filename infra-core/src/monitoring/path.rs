//! The paths of the monitoring section's elements.

use crate::diag::ModelPath;

/// `monitoring`
pub fn monitoring() -> ModelPath {
    ModelPath::root("monitoring")
}

/// `monitoring.channels.<name>`
pub fn alert_channel(name: &str) -> ModelPath {
    monitoring().field("channels").field(name)
}

/// `monitoring.channels.<name>.channel`: a Slack channel's name.
pub fn slack_channel(name: &str) -> ModelPath {
    alert_channel(name).field("channel")
}

/// `monitoring.severities.<name>`
pub fn severity(name: &str) -> ModelPath {
    monitoring().field("severities").field(name)
}

/// `monitoring.severities.<name>.response`
pub fn severity_response(name: &str) -> ModelPath {
    severity(name).field("response")
}

/// `monitoring.severities.<name>.channels[<idx>]`
pub fn severity_channel(name: &str, idx: usize) -> ModelPath {
    severity(name).field("channels").index(idx)
}

/// `monitoring.alarms.<name>`
pub fn alarm(name: &str) -> ModelPath {
    monitoring().field("alarms").field(name)
}

/// `monitoring.alarms.<name>.metric`
pub fn alarm_metric(name: &str) -> ModelPath {
    alarm(name).field("metric")
}

/// `monitoring.alarms.<name>.target`: the component the metric is read from.
pub fn alarm_target(name: &str) -> ModelPath {
    alarm(name).field("target")
}

/// `monitoring.alarms.<name>.threshold`
pub fn alarm_threshold(name: &str) -> ModelPath {
    alarm(name).field("threshold")
}

/// `monitoring.alarms.<name>.period`
pub fn alarm_period(name: &str) -> ModelPath {
    alarm(name).field("period")
}

/// `monitoring.alarms.<name>.evaluations`
pub fn alarm_evaluations(name: &str) -> ModelPath {
    alarm(name).field("evaluations")
}

/// `monitoring.alarms.<name>.datapoints`
pub fn alarm_datapoints(name: &str) -> ModelPath {
    alarm(name).field("datapoints")
}

/// `monitoring.alarms.<name>.severity`
pub fn alarm_severity(name: &str) -> ModelPath {
    alarm(name).field("severity")
}

/// `monitoring.severities.<name>.kms_key`
pub fn severity_kms_key(name: &str) -> ModelPath {
    severity(name).field("kms_key")
}
