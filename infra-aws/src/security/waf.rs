//! The lowering of web ACLs: the regional web ACL (requests allowed unless a rule blocks them),
//! its association with the load balancer, and its logging to a CloudWatch Logs group named
//! `aws-waf-logs-...`.

use infra_core::model::{path, WafLogging, WafStatement, WebAcl, WAF_LOG_GROUP_PREFIX};
use infra_core::rules::{
    DUPLICATE_WAF_RULE_PRIORITY, INVALID_LOG_RETENTION, INVALID_WAF_LOG_GROUP,
    INVALID_WAF_RATE_LIMIT, LOAD_BALANCER_WEB_ACL_COUNT, UNKNOWN_KMS_KEY, UNKNOWN_WAF_LOAD_BALANCER,
    WAF_WITHOUT_KNOWN_BAD_INPUTS, WAF_WITHOUT_LOGGING, WEB_ACL_CAPACITY,
};

use super::logical_id;
use crate::context::State;
use crate::intrinsic::Expr;
use crate::kms::design_key_arn;
use crate::load_balancer::logical_id::load_balancer as load_balancer_id;
use crate::stack::Stack;
use crate::template::{Policy, Resource, Template};

/// Adds the web ACL, its association and its logging.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template, acl: &WebAcl) {
    let name = acl.name.as_str();
    let id = logical_id::web_acl(&acl.name);
    let rules = acl.rules.iter().map(|rule| {
        let (statement, action) = match rule.statement {
            WafStatement::RateLimit { limit, window } => (
                Expr::map([(
                    "RateBasedStatement",
                    Expr::map([
                        ("Limit", Expr::Int(i64::try_from(limit).unwrap_or(i64::MAX))),
                        ("EvaluationWindowSec", Expr::Int(i64::from(window))),
                        ("AggregateKeyType", Expr::from("IP")),
                    ]),
                )]),
                ("Action", Expr::map([("Block", empty())])),
            ),
            WafStatement::Managed { group, count_only } => (
                Expr::map([(
                    "ManagedRuleGroupStatement",
                    Expr::map([("VendorName", Expr::from("AWS")), ("Name", Expr::from(group.aws_name()))]),
                )]),
                ("OverrideAction", Expr::map([(if count_only { "Count" } else { "None" }, empty())])),
            ),
        };
        Expr::map([
            ("Name", Expr::from(rule.name.as_str())),
            ("Priority", Expr::Int(i64::from(rule.priority))),
            ("Statement", statement),
            action,
            ("VisibilityConfig", visibility(&format!("{name}-{}", rule.name))),
        ])
    });
    let summary: Vec<String> = acl.rules.iter().map(|rule| describe(&rule.statement)).collect();
    template.add_resource(
        id.clone(),
        Resource::new("AWS::WAFv2::WebACL")
            .property("Name", stack.name(name))
            .property("Scope", "REGIONAL")
            .property("DefaultAction", Expr::map([("Allow", empty())]))
            .property("VisibilityConfig", visibility(name))
            .property("Rules", Expr::list(rules))
            .property("Tags", stack.tags(&format!("waf-{name}")))
            .context(
                stack
                    .context(
                        path::web_acl(name),
                        format!("Web ACL `{name}`: allows requests unless a rule blocks them; {}", summary.join("; ")),
                        State::Stateless,
                    )
                    .must([
                        &INVALID_WAF_RATE_LIMIT,
                        &DUPLICATE_WAF_RULE_PRIORITY,
                        &WEB_ACL_CAPACITY,
                        &WAF_WITHOUT_KNOWN_BAD_INPUTS,
                        &WAF_WITHOUT_LOGGING,
                    ]),
            ),
    );
    template.add_resource(
        logical_id::association(&acl.name),
        Resource::new("AWS::WAFv2::WebACLAssociation")
            .property("ResourceArn", Expr::reference(&load_balancer_id(&acl.load_balancer)))
            .property("WebACLArn", Expr::get_att(&id, "Arn"))
            .context(
                stack
                    .context(
                        path::web_acl_load_balancer(name),
                        format!("Puts web ACL `{name}` in front of load balancer `{}`", acl.load_balancer),
                        State::Stateless,
                    )
                    .must([&UNKNOWN_WAF_LOAD_BALANCER, &LOAD_BALANCER_WEB_ACL_COUNT]),
            ),
    );
    if let Some(logging) = &acl.logging {
        lower_logging(stack, template, acl, logging);
    }
}

/// The log group (kept when the stack deletes it: the logs are an audit record) and the logging
/// configuration, which names the group by an ARN without the `:*` that `GetAtt Arn` ends with.
fn lower_logging(stack: &Stack<'_>, template: &mut Template, acl: &WebAcl, logging: &WafLogging) {
    let name = acl.name.as_str();
    let group_name = logging
        .log_group
        .clone()
        .unwrap_or_else(|| format!("{WAF_LOG_GROUP_PREFIX}{}", stack.name(name)));
    let group_id = logical_id::log_group(&acl.name);
    let days = logging.retention.days();
    let encrypted = match &logging.kms_key {
        Some(key) => format!(", encrypted with KMS key `{key}`"),
        None => String::new(),
    };
    template.add_resource(
        group_id.clone(),
        Resource::new("AWS::Logs::LogGroup")
            .property("LogGroupName", group_name.as_str())
            .property("RetentionInDays", days)
            .with(logging.kms_key.as_ref().map(|key| ("KmsKeyId", design_key_arn(key))))
            .property("Tags", stack.tags(&format!("waf-{name}-logs")))
            .keep_on(Policy::Retain)
            .context(
                stack
                    .context(
                        path::waf_logging(name),
                        format!("Keeps web ACL `{name}`'s request logs for {days} days in `{group_name}`{encrypted} (AWS WAF logs only to groups named `{WAF_LOG_GROUP_PREFIX}...`); retained when the stack deletes it"),
                        State::Stateful,
                    )
                    .must([&INVALID_WAF_LOG_GROUP, &INVALID_LOG_RETENTION, &UNKNOWN_KMS_KEY]),
            ),
    );
    let arn = Expr::sub(format!(
        "arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:${{{group_id}}}"
    ));
    let mut configuration = Resource::new("AWS::WAFv2::LoggingConfiguration")
        .property("ResourceArn", Expr::get_att(&logical_id::web_acl(&acl.name), "Arn"))
        .property("LogDestinationConfigs", Expr::list([arn]));
    if !logging.redacted_headers.is_empty() {
        let headers = logging
            .redacted_headers
            .iter()
            .map(|header| Expr::map([("SingleHeader", Expr::map([("Name", Expr::from(header.as_str()))]))]));
        configuration = configuration.property("RedactedFields", Expr::list(headers));
    }
    let redacted = match logging.redacted_headers.as_slice() {
        [] => String::new(),
        headers => format!(", without the values of the headers {}", headers.join(", ")),
    };
    template.add_resource(
        logical_id::logging(&acl.name),
        configuration.context(
            stack
                .context(path::waf_logging(name), format!("Logs web ACL `{name}`'s requests to `{group_name}`{redacted}"), State::Stateless)
                .must([&INVALID_WAF_LOG_GROUP]),
        ),
    );
}

/// Metrics and sampled requests under `metric`.
fn visibility(metric: &str) -> Expr {
    let metric: String = metric.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
    Expr::map([
        ("SampledRequestsEnabled", Expr::from(true)),
        ("CloudWatchMetricsEnabled", Expr::from(true)),
        ("MetricName", Expr::from(metric)),
    ])
}

/// `{}`
fn empty() -> Expr {
    Expr::map::<&str>([])
}

/// A rule's statement in words.
fn describe(statement: &WafStatement) -> String {
    match statement {
        WafStatement::RateLimit { limit, window } => {
            format!("blocks a client IP above {limit} requests in {window} s")
        }
        WafStatement::Managed { group, count_only: false } => format!("runs {}", group.aws_name()),
        WafStatement::Managed { group, count_only: true } => format!("counts {}'s matches", group.aws_name()),
    }
}
