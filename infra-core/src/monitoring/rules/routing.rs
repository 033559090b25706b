//! Routing: each alarm's severity is defined, and each severity alerts defined channels.

use crate::diag::Diagnostic;
use crate::model::{path, Alarm, AlertSeverity, ChannelKind, Monitoring};
use crate::rules::declare_rules;
use crate::rules::suggest::help_for;

declare_rules! {
    /// An alarm is raised with a severity the design does not define.
    UNKNOWN_SEVERITY = "unknown-severity", Error,
        "an alarm's severity is one of the monitoring section's severities",
        "CloudWatch API PutMetricAlarm AlarmActions (the actions are the severity's SNS topic ARNs, which exist only for defined severities)";
    /// A severity routes to a channel the design does not define.
    UNKNOWN_ALERT_CHANNEL = "unknown-alert-channel", Error,
        "a severity alerts channels of the monitoring section, by name",
        "SNS API Subscribe and AWS Chatbot CreateSlackChannelConfiguration SnsTopicArns (a channel subscribes to the severity's topic; an undefined channel subscribes nothing)";
    /// A severity alerts no channel: its alarms notify no one.
    SEVERITY_WITHOUT_CHANNELS = "severity-without-channels", Warning,
        "a severity alerts at least one channel, or its alarms change state unseen",
        "CloudWatch User Guide, AlarmThatSendsEmail.md (an alarm notifies through the SNS topics of its actions)";
    /// More alarm actions than CloudWatch allows.
    TOO_MANY_ALARM_ACTIONS = "too-many-alarm-actions", Error,
        "an alarm has at most 5 actions: the severity's topic and at most 4 SNS channels",
        "CloudWatch API PutMetricAlarm AlarmActions (\"Array Members: Maximum number of 5 items\")";
}

/// The most actions of an alarm.
const MAX_ACTIONS: usize = 5;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, monitoring: &Monitoring) {
    for severity in &monitoring.severities {
        check_channels(cx, monitoring, severity);
    }
    for alarm in &monitoring.alarms {
        check_severity(cx, monitoring, alarm);
    }
}

/// Each channel a severity names is defined; a severity names at least one; the alarms' actions
/// (the severity's topic and each SNS channel) are at most 5.
///
/// Source: SNS API `Subscribe`; CloudWatch API `PutMetricAlarm` `AlarmActions` (at most 5).
fn check_channels(cx: &mut Vec<Diagnostic>, monitoring: &Monitoring, severity: &AlertSeverity) {
    let name = severity.name.as_str();
    if severity.channels.is_empty() {
        cx.push(
            SEVERITY_WITHOUT_CHANNELS
                .at(path::severity(name), format!("severity `{name}` alerts no channel: its alarms notify no one"))
                .with_help("name the channels it alerts, such as `channels: [slack]`"),
        );
    }
    let known = monitoring.channels.iter().map(|c| c.name.as_str());
    let mut topics = 1;
    for (idx, wanted) in severity.channels.iter().enumerate() {
        match monitoring.find_channel(wanted.as_str()) {
            None => cx.push(
                UNKNOWN_ALERT_CHANNEL
                    .at(path::severity_channel(name, idx), format!("severity `{name}` alerts channel `{wanted}`, but no channel `{wanted}` exists"))
                    .with_help(help_for("alert channels", wanted.as_str(), known.clone())),
            ),
            Some(channel) => match channel.kind {
                ChannelKind::Sns => {
                    topics += 1;
                    if topics > MAX_ACTIONS {
                        cx.push(
                            TOO_MANY_ALARM_ACTIONS
                                .at(path::severity_channel(name, idx), format!("severity `{name}`'s alarms would notify {topics} SNS topics, beyond CloudWatch's 5 alarm actions"))
                                .with_help("alert at most 4 SNS channels per severity; e-mail and Slack share the severity's own topic"),
                        );
                    }
                }
                ChannelKind::Email | ChannelKind::Slack { .. } => {}
            },
        }
    }
}

/// The alarm's severity is defined.
///
/// Source: CloudWatch API `PutMetricAlarm` `AlarmActions`: the actions are the severity's topics.
fn check_severity(cx: &mut Vec<Diagnostic>, monitoring: &Monitoring, alarm: &Alarm) {
    let wanted = alarm.severity.as_str();
    if monitoring.find_severity(wanted).is_some() {
        return;
    }
    let name = alarm.name.as_str();
    cx.push(
        UNKNOWN_SEVERITY
            .at(path::alarm_severity(name), format!("alarm `{name}` is raised as `{wanted}`, but no severity `{wanted}` exists"))
            .with_help(help_for("severities", wanted, monitoring.severities.iter().map(|s| s.name.as_str()))),
    );
}

#[cfg(test)]
mod tests {
    use crate::model::AlertChannel;
    use crate::monitoring::rules::tests::{codes_with, findings_with};
    use crate::value::Name;

    #[test]
    fn severities_name_defined_channels() {
        let found = findings_with(|m| m.severities[0].channels[0] = Name::new_assert("tem"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "unknown-alert-channel");
        assert_eq!(found[0].help.as_deref(), Some("did you mean `team`?"));
    }

    #[test]
    fn alarms_name_defined_severities() {
        let found = findings_with(|m| m.alarms[0].severity = Name::new_assert("critcal"));
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["unknown-severity"]);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `critical`?"));
    }

    #[test]
    fn a_severity_without_channels_is_a_warning() {
        assert_eq!(codes_with(|m| m.severities[0].channels.clear()), ["severity-without-channels"]);
    }

    #[test]
    fn at_most_five_alarm_actions() {
        let codes = codes_with(|m| {
            for idx in 0..5 {
                let name = Name::new_assert(["t1", "t2", "t3", "t4", "t5"][idx]);
                m.channels.push(AlertChannel::sns(name.clone()));
                m.severities[0].channels.push(name);
            }
        });
        // The design's critical severity already has one SNS channel: 1 topic + 6 channels.
        assert_eq!(codes, ["too-many-alarm-actions", "too-many-alarm-actions"]);
    }
}
