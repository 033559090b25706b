//! The monitoring section: CloudWatch alarms on typed metrics of the design's components, the
//! severities they are raised with, and the alert channels (e-mail, Slack through AWS Chatbot,
//! SNS) each severity routes to.

pub mod model;
pub mod path;
pub mod rules;

pub use model::*;

use crate::model::Platform;
use crate::section::Section;
use crate::ModelPath;

/// The monitoring section, as registered in the crate root.
pub const SECTION: Section = Section {
    name: "monitoring",
    rules: rules::RULES,
    check: rules::check,
    paths,
};

/// Every element of the monitoring section that a front end must be able to point at.
fn paths(platform: &Platform) -> Vec<ModelPath> {
    let section = &platform.monitoring;
    if section.is_empty() {
        return Vec::new();
    }
    let mut paths = vec![path::monitoring()];
    for channel in &section.channels {
        let name = channel.name.as_str();
        paths.push(path::alert_channel(name));
        match channel.kind {
            ChannelKind::Slack { .. } => paths.push(path::slack_channel(name)),
            ChannelKind::Email | ChannelKind::Sns => {}
        }
    }
    for severity in &section.severities {
        let name = severity.name.as_str();
        paths.extend([path::severity(name), path::severity_response(name)]);
        paths.extend((0..severity.channels.len()).map(|idx| path::severity_channel(name, idx)));
        if severity.kms_key.is_some() {
            paths.push(path::severity_kms_key(name));
        }
    }
    for alarm in &section.alarms {
        let name = alarm.name.as_str();
        paths.extend([
            path::alarm(name),
            path::alarm_metric(name),
            path::alarm_target(name),
            path::alarm_threshold(name),
            path::alarm_period(name),
            path::alarm_evaluations(name),
            path::alarm_severity(name),
        ]);
        if alarm.datapoints_to_alarm.is_some() {
            paths.push(path::alarm_datapoints(name));
        }
    }
    paths
}
