//! VPC flow logs to a CloudWatch Logs group, delivered by a role only the flow-logs service of
//! this account can assume.

use infra_core::model::{path, FlowLogTraffic, FlowLogs};
use infra_core::rules::{INVALID_LOG_RETENTION, UNKNOWN_KMS_KEY};

use super::logical_id;
use crate::context::State;
use crate::trust::service_trust;
use crate::intrinsic::{Expr, Pseudo};
use crate::kms::design_key_arn;
use crate::stack::Stack;
use crate::template::{Policy, Resource, Template};

/// The actions the flow-logs service needs on its log group (VPC User Guide, "IAM role for
/// publishing flow logs to CloudWatch Logs").
const DELIVERY_ACTIONS: [&str; 3] = [
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "logs:DescribeLogStreams",
];

/// `DescribeLogGroups` lists log groups, so it cannot be scoped to one: it gets the account's
/// log groups in the region.
const LIST_ACTION: &str = "logs:DescribeLogGroups";

/// Adds the log group, the delivery role and the flow log, if the design turns flow logs on.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let Some(flow_logs) = &stack.network().flow_logs else {
        return;
    };
    add_log_group(stack, template, flow_logs);
    add_role(stack, template);
    let traffic = match flow_logs.traffic {
        FlowLogTraffic::All => "accepted and rejected",
        FlowLogTraffic::Accept => "accepted",
        FlowLogTraffic::Reject => "rejected",
    };
    let why = format!(
        "Records the VPC's {traffic} traffic into the flow-log group, for audits and for finding \
         what a security group or network ACL dropped"
    );
    template.add_resource(
        logical_id::flow_log(),
        Resource::new("AWS::EC2::FlowLog")
            .property("ResourceId", Expr::reference(&logical_id::vpc()))
            .property("ResourceType", "VPC")
            .property("TrafficType", flow_logs.traffic.aws_name())
            .property("LogDestinationType", "cloud-watch-logs")
            .property(
                "LogGroupName",
                Expr::reference(&logical_id::flow_log_group()),
            )
            .property(
                "DeliverLogsPermissionArn",
                Expr::get_att(&logical_id::flow_log_role(), "Arn"),
            )
            .property("Tags", stack.tags("flow-log"))
            .context(stack.context(path::flow_logs(), why, State::Stateless)),
    );
}

/// The log group is retained when the stack deletes or replaces it: flow logs are an audit
/// record, and keeping the group costs little since its retention still expires the events.
fn add_log_group(stack: &Stack<'_>, template: &mut Template, flow_logs: &FlowLogs) {
    let encrypted = match &flow_logs.kms_key {
        Some(key) => format!(", encrypted with KMS key `{key}`"),
        None => String::new(),
    };
    let why = format!(
        "Keeps the VPC's flow logs for {} days{encrypted}, an audit record: retained when the \
         stack deletes or replaces it",
        stack.value(&flow_logs.retention).days()
    );
    template.add_resource(
        logical_id::flow_log_group(),
        Resource::new("AWS::Logs::LogGroup")
            .property("RetentionInDays", stack.value(&flow_logs.retention).days())
            .with(flow_logs.kms_key.as_ref().map(|key| ("KmsKeyId", design_key_arn(key))))
            .property("Tags", stack.tags("flow-logs"))
            .keep_on(Policy::Retain)
            .context(
                stack
                    .context(path::flow_logs(), why, State::Stateful)
                    .must([&INVALID_LOG_RETENTION, &UNKNOWN_KMS_KEY]),
            ),
    );
}

fn add_role(stack: &Stack<'_>, template: &mut Template) {
    let log_group = Expr::get_att(&logical_id::flow_log_group(), "Arn");
    let delivery = Expr::map([
        ("Version", Expr::from("2012-10-17")),
        (
            "Statement",
            Expr::list([
                Expr::map([
                    ("Effect", Expr::from("Allow")),
                    ("Action", Expr::list(DELIVERY_ACTIONS.map(Expr::from))),
                    ("Resource", log_group),
                ]),
                Expr::map([
                    ("Effect", Expr::from("Allow")),
                    ("Action", Expr::from(LIST_ACTION)),
                    (
                        "Resource",
                        Expr::sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*"),
                    ),
                ]),
            ]),
        ),
    ]);
    template.add_resource(
        logical_id::flow_log_role(),
        Resource::new("AWS::IAM::Role")
            .property("AssumeRolePolicyDocument", trust_policy())
            .property(
                "Policies",
                Expr::list([Expr::map([
                    ("PolicyName", Expr::from("deliver-flow-logs")),
                    ("PolicyDocument", delivery),
                ])]),
            )
            .property("Tags", stack.tags("flow-logs-role"))
            .context(stack.context(
                path::flow_logs(),
                "Lets only the VPC flow-logs service, acting for this account and region, write to \
                 the flow-log group",
                State::Stateless,
            )),
    );
}

/// Only `vpc-flow-logs.amazonaws.com`, acting for a flow log of this account and region, may
/// assume the role (the conditions guard against the confused-deputy problem).
fn trust_policy() -> Expr {
    let condition = Expr::map([
        (
            "StringEquals",
            Expr::map([("aws:SourceAccount", Expr::pseudo(Pseudo::AccountId))]),
        ),
        (
            "ArnLike",
            Expr::map([(
                "aws:SourceArn",
                Expr::sub(
                    "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-flow-log/*",
                ),
            )]),
        ),
    ]);
    service_trust("vpc-flow-logs.amazonaws.com", Some(condition))
}
