//! The alert channels: an e-mail subscription per severity that routes to an e-mail channel
//! (the address a parameter), an AWS Chatbot Slack channel configuration listening to the
//! topics of the severities that route to it (workspace and channel ids as parameters, a
//! read-only role and guardrail), and a parameter for each external SNS topic.

use infra_core::model::{path, AlertChannel, ChannelKind, Monitoring};
use infra_core::rules::{UNKNOWN_ALERT_CHANNEL, UNKNOWN_SEVERITY};

use super::logical_id;
use crate::context::State;
use crate::trust::service_trust;
use crate::intrinsic::Expr;
use crate::stack::Stack;
use crate::template::{Parameter, Resource, Template};

/// The AWS managed policy of the Chatbot role and its guardrail: reading CloudWatch, so that
/// the channel shows the alarm and its graph, and can change nothing.
const READ_ONLY_POLICY: &str = "arn:${AWS::Partition}:iam::aws:policy/CloudWatchReadOnlyAccess";

/// An e-mail address, loosely: something `@` something `.` something.
const EMAIL_PATTERN: &str = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

/// An SNS topic ARN.
const TOPIC_ARN_PATTERN: &str = "^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$";

/// What a channel is, in words.
pub(super) fn kind_words(kind: &ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Email => "e-mail",
        ChannelKind::Slack { .. } => "Slack through AWS Chatbot",
        ChannelKind::Sns => "SNS topic",
    }
}

/// Adds every channel some severity routes to.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template, monitoring: &Monitoring) {
    for channel in &monitoring.channels {
        let severities: Vec<_> = monitoring
            .severities
            .iter()
            .filter(|s| s.channels.contains(&channel.name))
            .collect();
        if severities.is_empty() {
            continue;
        }
        match &channel.kind {
            ChannelKind::Email => {
                email(stack, template, channel, &severities.iter().map(|s| &s.name).collect::<Vec<_>>());
            }
            ChannelKind::Slack { channel: slack_name } => {
                slack(stack, template, channel, stack.value(slack_name).as_str(), &severities.iter().map(|s| &s.name).collect::<Vec<_>>());
            }
            ChannelKind::Sns => {
                template.add_parameter(
                    logical_id::topic_arn(&channel.name),
                    Parameter::new("String", format!("The ARN of SNS topic `{}`, notified by the alarms of its severities", channel.name))
                        .allowed_pattern(TOPIC_ARN_PATTERN, "an SNS topic ARN, arn:aws:sns:<region>:<account>:<name>"),
                );
            }
        }
    }
}

/// The address parameter and a subscription to each severity's topic.
fn email(stack: &Stack<'_>, template: &mut Template, channel: &AlertChannel, severities: &[&infra_core::value::Name]) {
    let name = channel.name.as_str();
    let address = logical_id::email_address(&channel.name);
    template.add_parameter(
        address.clone(),
        Parameter::new("String", format!("The e-mail address of alert channel `{name}`"))
            .allowed_pattern(EMAIL_PATTERN, "an e-mail address"),
    );
    for severity in severities {
        template.add_resource(
            logical_id::subscription(severity, &channel.name),
            Resource::new("AWS::SNS::Subscription")
                .property("Protocol", "email")
                .property("Endpoint", Expr::reference(&address))
                .property("TopicArn", Expr::reference(&logical_id::topic(severity)))
                .context(
                    stack
                        .context(
                            path::alert_channel(name),
                            format!("E-mails the `{severity}` alerts to channel `{name}`'s address (confirmed by the recipient)"),
                            State::Stateless,
                        )
                        .must([&UNKNOWN_ALERT_CHANNEL, &UNKNOWN_SEVERITY]),
                ),
        );
    }
}

/// The workspace and channel parameters, the role Chatbot assumes, and the channel
/// configuration subscribed to each severity's topic.
fn slack(stack: &Stack<'_>, template: &mut Template, channel: &AlertChannel, slack_name: &str, severities: &[&infra_core::value::Name]) {
    let name = channel.name.as_str();
    let workspace = logical_id::slack_workspace(&channel.name);
    let channel_id = logical_id::slack_channel(&channel.name);
    template.add_parameter(
        workspace.clone(),
        Parameter::new("String", format!("The Slack workspace id of alert channel `{name}`, as AWS Chatbot shows it once the workspace is authorized"))
            .allowed_pattern("^[0-9A-Z]{1,255}$", "a Slack workspace id, such as T0123ABCD"),
    );
    template.add_parameter(
        channel_id.clone(),
        Parameter::new("String", format!("The Slack channel id of {slack_name} (alert channel `{name}`)"))
            .allowed_pattern("^[A-Za-z0-9]+$", "a Slack channel id, such as C0123ABCD"),
    );
    let role = logical_id::chatbot_role(&channel.name);
    template.add_resource(
        role.clone(),
        Resource::new("AWS::IAM::Role")
            .property(
                "AssumeRolePolicyDocument",
                service_trust("chatbot.amazonaws.com", None),
            )
            .property("ManagedPolicyArns", Expr::list([Expr::sub(READ_ONLY_POLICY)]))
            .property("Tags", stack.tags(&format!("alerts-{name}-chatbot")))
            .context(stack.context(
                path::alert_channel(name),
                format!("The role AWS Chatbot assumes in {slack_name}: read-only CloudWatch, to show the alarms"),
                State::Stateless,
            )),
    );
    let topics: Vec<Expr> = severities.iter().map(|s| Expr::reference(&logical_id::topic(s))).collect();
    template.add_resource(
        logical_id::chatbot(&channel.name),
        Resource::new("AWS::Chatbot::SlackChannelConfiguration")
            .property("ConfigurationName", stack.name(&format!("alerts-{name}")))
            .property("IamRoleArn", Expr::get_att(&role, "Arn"))
            .property("SlackWorkspaceId", Expr::reference(&workspace))
            .property("SlackChannelId", Expr::reference(&channel_id))
            .property("SnsTopicArns", Expr::list(topics))
            .property("GuardrailPolicies", Expr::list([Expr::sub(READ_ONLY_POLICY)]))
            .property("LoggingLevel", "ERROR")
            .property("Tags", stack.tags(&format!("alerts-{name}")))
            .context(
                stack
                    .context(
                        path::slack_channel(name),
                        format!("Posts the {} alerts to Slack channel {slack_name} through AWS Chatbot", severities.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" and ")),
                        State::Stateless,
                    )
                    .must([&UNKNOWN_ALERT_CHANNEL]),
            ),
    );
}
