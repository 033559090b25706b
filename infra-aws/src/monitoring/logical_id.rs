//! The logical ids of the monitoring section's resources and parameters.

use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `MonitoringKey`: encrypts the severities' topics.
pub(crate) fn key() -> LogicalId {
    LogicalId::new(["MonitoringKey"])
}

/// `Alerts<Severity>Topic`
pub(crate) fn topic(severity: &Name) -> LogicalId {
    LogicalId::new(["Alerts", &severity.pascal_case(), "Topic"])
}

/// `Alerts<Severity><Channel>Subscription`: an e-mail subscription.
pub(crate) fn subscription(severity: &Name, channel: &Name) -> LogicalId {
    LogicalId::new(["Alerts", &severity.pascal_case(), &channel.pascal_case(), "Subscription"])
}

/// `Channel<Name>EmailAddress`: the parameter of an e-mail channel's address.
pub(crate) fn email_address(channel: &Name) -> LogicalId {
    LogicalId::new(["Channel", &channel.pascal_case(), "EmailAddress"])
}

/// `Channel<Name>TopicArn`: the parameter of an SNS channel's topic.
pub(crate) fn topic_arn(channel: &Name) -> LogicalId {
    LogicalId::new(["Channel", &channel.pascal_case(), "TopicArn"])
}

/// `Channel<Name>SlackWorkspaceId`: the parameter of a Slack channel's workspace.
pub(crate) fn slack_workspace(channel: &Name) -> LogicalId {
    LogicalId::new(["Channel", &channel.pascal_case(), "SlackWorkspaceId"])
}

/// `Channel<Name>SlackChannelId`: the parameter of a Slack channel's id.
pub(crate) fn slack_channel(channel: &Name) -> LogicalId {
    LogicalId::new(["Channel", &channel.pascal_case(), "SlackChannelId"])
}

/// `Channel<Name>Chatbot`: the Slack channel configuration.
pub(crate) fn chatbot(channel: &Name) -> LogicalId {
    LogicalId::new(["Channel", &channel.pascal_case(), "Chatbot"])
}

/// `Channel<Name>ChatbotRole`: the role AWS Chatbot assumes in the channel.
pub(crate) fn chatbot_role(channel: &Name) -> LogicalId {
    LogicalId::new(["Channel", &channel.pascal_case(), "ChatbotRole"])
}

/// `Alarm<Name>`
pub(crate) fn alarm(name: &Name) -> LogicalId {
    LogicalId::new(["Alarm", &name.pascal_case()])
}

/// `Alarm<Name>Node<Suffix>`: the alarm on one node of a Redis cluster, such as
/// `AlarmCacheCpuNode0001001` for member cluster suffix `0001-001`.
pub(crate) fn node_alarm(name: &Name, node: &str) -> LogicalId {
    LogicalId::new(["Alarm", &name.pascal_case(), "Node", node])
}
