//! Rules on WAF web ACLs: the load balancer they protect, their rate-based and managed rules,
//! and their logging.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::model::{path, ManagedRuleGroup, Platform, WafStatement, WebAcl, WAF_LOG_GROUP_PREFIX};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::suggest::help_for;

declare_rules! {
    /// A web ACL names a load balancer the design does not define.
    UNKNOWN_WAF_LOAD_BALANCER = "unknown-waf-load-balancer", Error,
        "a web ACL protects a load balancer of the design",
        "WAFv2 API AssociateWebACL.ResourceArn (the ARN of an existing Application Load Balancer)";
    /// Two web ACLs are associated with one load balancer.
    LOAD_BALANCER_WEB_ACL_COUNT = "load-balancer-web-acl-count", Error,
        "a load balancer is associated with at most one web ACL",
        "WAFv2 API AssociateWebACL (\"A resource can only be associated with a single web ACL\")";
    /// A rate-based rule's limit or evaluation window is out of AWS's range.
    INVALID_WAF_RATE_LIMIT = "invalid-waf-rate-limit", Error,
        "a rate-based rule's limit is 10-2,000,000,000 requests and its window 60, 120, 300 or 600 s",
        "WAFv2 API RateBasedStatement (Limit 10-2000000000, EvaluationWindowSec 60|120|300|600); WAF Developer Guide, waf-rule-statement-type-rate-based-high-level-settings.html; aws-rules.md §9";
    /// Two rules of a web ACL share a priority.
    DUPLICATE_WAF_RULE_PRIORITY = "duplicate-waf-rule-priority", Error,
        "the rules of a web ACL have distinct priorities",
        "WAFv2 API Rule.Priority (\"If you define more than one Rule in a WebACL, ... the priorities must be unique\")";
    /// A web ACL's log group name does not start with `aws-waf-logs-`.
    INVALID_WAF_LOG_GROUP = "invalid-waf-log-group", Error,
        "a web ACL logs to a CloudWatch Logs group whose name starts with `aws-waf-logs-` (1-512 of A-Z a-z 0-9 . - _ / #)",
        "WAFv2 API LoggingConfiguration.LogDestinationConfigs (\"the name must start with aws-waf-logs-\"); CloudWatch Logs API CreateLogGroup.logGroupName; aws-rules.md §15";
    /// A web ACL's rules use more capacity than a web ACL has.
    WEB_ACL_CAPACITY = "web-acl-capacity", Error,
        "a web ACL's rules use at most 5,000 web ACL capacity units (WCU)",
        "WAF Developer Guide, limits.html (\"Maximum web ACL capacity units (WCUs) in a web ACL\": 5,000) and how-aws-waf-works-resources.html (WCU); rate-based rule 2 WCU, AWSManagedRulesSQLiRuleSet 200, AWSManagedRulesCommonRuleSet 700, AWSManagedRulesKnownBadInputsRuleSet 200";
    /// A web ACL logs nothing.
    WAF_WITHOUT_LOGGING = "waf-without-logging", Warning,
        "a web ACL logs its requests",
        "WAF Developer Guide, logging.html (logging is off until a logging configuration is put); AWS Security Hub WAF.11",
        checkov ["CKV2_AWS_31"];
    /// A web ACL does not block the Log4j exploit (CVE-2021-44228).
    WAF_WITHOUT_KNOWN_BAD_INPUTS = "waf-without-known-bad-inputs", Warning,
        "a web ACL runs `AWSManagedRulesKnownBadInputsRuleSet`, whose Log4JRCE rules block CVE-2021-44228, not in count-only mode",
        "WAF Developer Guide, aws-managed-rule-groups-baseline.html (Known bad inputs: Log4JRCE_HEADER, _QUERYSTRING, _BODY, _URIPATH)",
        checkov ["CKV_AWS_192"];
}

/// The lowest limit of a rate-based rule, in requests per window.
pub const WAF_RATE_LIMIT_MIN: u64 = 10;
/// The highest limit of a rate-based rule.
pub const WAF_RATE_LIMIT_MAX: u64 = 2_000_000_000;
/// The evaluation windows a rate-based rule may use, in seconds.
pub const WAF_RATE_WINDOWS: [u32; 4] = [60, 120, 300, 600];
/// The most web ACL capacity units a web ACL may use.
pub const WEB_ACL_MAX_CAPACITY: u32 = 5000;
/// The longest CloudWatch Logs log group name.
const LOG_GROUP_NAME_MAX: usize = 512;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let acls = &platform.security.web_acls;
    check_unique(
        cx,
        "web ACL",
        acls.iter()
            .map(|acl| (acl.name.as_str(), acl.name.pascal_case(), path::web_acl(acl.name.as_str()))),
    );
    check_load_balancers(cx, platform);
    for acl in acls {
        let name = acl.name.as_str();
        check_unique(
            cx,
            "web ACL rule",
            acl.rules.iter().map(|rule| {
                let at = rule.name.as_str();
                (at, rule.name.pascal_case(), path::waf_rule(name, at))
            }),
        );
        check_rate_limits(cx, acl);
        check_priorities(cx, acl);
        check_capacity(cx, acl);
        check_logging(cx, acl);
        check_known_bad_inputs(cx, acl);
    }
}

/// Every web ACL names a load balancer of the design, and no load balancer has two.
///
/// Source: WAFv2 API AssociateWebACL: the resource is an existing load balancer, and "a resource
/// can only be associated with a single web ACL".
fn check_load_balancers(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let balancers = &platform.load_balancer.load_balancers;
    let mut protected: HashMap<&str, &str> = HashMap::new();
    for acl in &platform.security.web_acls {
        let name = acl.name.as_str();
        let wanted = acl.load_balancer.as_str();
        if !balancers.iter().any(|lb| lb.name.as_str() == wanted) {
            cx.push(
                UNKNOWN_WAF_LOAD_BALANCER
                    .at(
                        path::web_acl_load_balancer(name),
                        format!("web ACL `{name}` protects load balancer `{wanted}`, which the design does not define"),
                    )
                    .with_help(help_for("load balancers", wanted, balancers.iter().map(|lb| lb.name.as_str()))),
            );
            continue;
        }
        if let Some(first) = protected.insert(wanted, name) {
            cx.push(
                LOAD_BALANCER_WEB_ACL_COUNT
                    .at(
                        path::web_acl_load_balancer(name),
                        format!("load balancer `{wanted}` is already protected by web ACL `{first}`; AWS associates one web ACL with a resource"),
                    )
                    .with_related(path::web_acl(first), format!("web ACL `{first}` protects it first"))
                    .with_help(format!("move these rules into web ACL `{first}`")),
            );
            protected.insert(wanted, first);
        }
    }
}

/// A rate-based rule's limit is 10-2,000,000,000 and its window 60, 120, 300 or 600 seconds.
///
/// Source: WAFv2 API RateBasedStatement (Limit min 10, max 2,000,000,000; EvaluationWindowSec
/// 60, 120, 300, 600); the minimum was 100 before 2024.
fn check_rate_limits(cx: &mut Vec<Diagnostic>, acl: &WebAcl) {
    let name = acl.name.as_str();
    for rule in &acl.rules {
        let WafStatement::RateLimit { limit, window } = rule.statement else {
            continue;
        };
        let at = rule.name.as_str();
        if !(WAF_RATE_LIMIT_MIN..=WAF_RATE_LIMIT_MAX).contains(&limit) {
            cx.push(
                INVALID_WAF_RATE_LIMIT
                    .at(
                        path::waf_rate_limit(name, at),
                        format!("rate-based rule `{at}` allows {limit} requests per window; AWS WAF takes 10-2,000,000,000"),
                    )
                    .with_help("write a limit between 10 and 2000000000 requests per evaluation window"),
            );
        }
        if !WAF_RATE_WINDOWS.contains(&window) {
            cx.push(
                INVALID_WAF_RATE_LIMIT
                    .at(
                        path::waf_rate_window(name, at),
                        format!("rate-based rule `{at}` counts over {window} s; AWS WAF counts over 60, 120, 300 or 600 s"),
                    )
                    .with_help("write `window: 60s`, `120s`, `300s` (the default) or `600s`"),
            );
        }
    }
}

/// The rules of a web ACL have distinct priorities.
///
/// Source: WAFv2 API Rule.Priority: rules are evaluated by priority, which must be unique in a
/// web ACL.
fn check_priorities(cx: &mut Vec<Diagnostic>, acl: &WebAcl) {
    let name = acl.name.as_str();
    let mut seen: HashMap<u32, &str> = HashMap::new();
    for rule in &acl.rules {
        let at = rule.name.as_str();
        if let Some(first) = seen.get(&rule.priority) {
            cx.push(
                DUPLICATE_WAF_RULE_PRIORITY
                    .at(
                        path::waf_rule_priority(name, at),
                        format!("rules `{first}` and `{at}` of web ACL `{name}` share priority {}", rule.priority),
                    )
                    .with_related(path::waf_rule_priority(name, first), format!("`{first}` has it first"))
                    .with_help("give each rule its own priority; the lowest is evaluated first"),
            );
        } else {
            seen.insert(rule.priority, at);
        }
    }
}

/// A web ACL's rules use at most 5,000 WCU; the rule that crosses the limit is reported.
///
/// Source: WAF Developer Guide, "AWS WAF quotas": a web ACL has at most 5,000 WCU (a quota AWS
/// does not raise); each rule's cost as [`WafStatement::capacity`] gives it.
fn check_capacity(cx: &mut Vec<Diagnostic>, acl: &WebAcl) {
    let name = acl.name.as_str();
    let mut used: u32 = 0;
    for rule in &acl.rules {
        used = used.saturating_add(rule.statement.capacity());
        if used > WEB_ACL_MAX_CAPACITY {
            let total: u32 = acl.rules.iter().map(|rule| rule.statement.capacity()).fold(0, u32::saturating_add);
            cx.push(
                WEB_ACL_CAPACITY
                    .at(
                        path::waf_rule(name, rule.name.as_str()),
                        format!("web ACL `{name}`'s rules use {total} capacity units (WCU); a web ACL has at most {WEB_ACL_MAX_CAPACITY}, and rule `{}` crosses it", rule.name),
                    )
                    .with_help("remove a repeated managed group (the core rule set uses 700 WCU), or split the rules over another load balancer's web ACL"),
            );
            return;
        }
    }
}

/// A written log group name starts with `aws-waf-logs-` and is a valid log group name; a web ACL
/// without logging is a warning.
///
/// Source: WAFv2 API LoggingConfiguration (a CloudWatch Logs destination's name must start with
/// `aws-waf-logs-`); CloudWatch Logs API CreateLogGroup (1-512 characters of
/// `[.\-_/#A-Za-z0-9]`).
fn check_logging(cx: &mut Vec<Diagnostic>, acl: &WebAcl) {
    let name = acl.name.as_str();
    let Some(logging) = &acl.logging else {
        cx.push(
            WAF_WITHOUT_LOGGING
                .at(path::web_acl(name), format!("web ACL `{name}` logs no requests"))
                .with_help("add `logging: { retention: 90d }`; the stack names the log group `aws-waf-logs-...`"),
        );
        return;
    };
    let Some(group) = &logging.log_group else {
        return;
    };
    let valid_characters = group
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'/' | b'#'));
    let problem = if !group.starts_with(WAF_LOG_GROUP_PREFIX) {
        Some(format!("web ACL `{name}` logs to log group `{group}`; AWS WAF logs only to log groups whose name starts with `{WAF_LOG_GROUP_PREFIX}`"))
    } else if group.len() > LOG_GROUP_NAME_MAX || !valid_characters {
        Some(format!("`{group}` is not a log group name: 1-512 characters of A-Z a-z 0-9 . - _ / #"))
    } else {
        None
    };
    if let Some(message) = problem {
        let suffix = group.strip_prefix(WAF_LOG_GROUP_PREFIX).unwrap_or(group);
        cx.push(
            INVALID_WAF_LOG_GROUP
                .at(path::waf_log_group(name), message)
                .with_help(format!("name it `{WAF_LOG_GROUP_PREFIX}{suffix}`, or leave `log_group` out for the stack's own `{WAF_LOG_GROUP_PREFIX}<platform>-<environment>-{name}`")),
        );
    }
}

/// A web ACL runs the known-bad-inputs group, which blocks the Log4j exploit, acting on it.
///
/// Source: WAF Developer Guide, "Baseline rule groups": the Known bad inputs group's Log4JRCE
/// rules inspect for CVE-2021-44228.
fn check_known_bad_inputs(cx: &mut Vec<Diagnostic>, acl: &WebAcl) {
    let blocks = acl.rules.iter().any(|rule| {
        matches!(
            rule.statement,
            WafStatement::Managed { group: ManagedRuleGroup::KnownBadInputs, count_only: false }
        )
    });
    if !blocks {
        let name = acl.name.as_str();
        cx.push(
            WAF_WITHOUT_KNOWN_BAD_INPUTS
                .at(path::web_acl(name), format!("web ACL `{name}` does not block known bad inputs such as the Log4j exploit (CVE-2021-44228)"))
                .with_help("add `rule known_bad_inputs { priority: <n>, managed: known_bad_inputs }`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Platform, WafLogging, WafStatement};
    use crate::security::rules::testing::{findings_where, secured};
    use crate::value::{Name, RetentionDays};

    fn findings(platform: &Platform) -> Vec<&'static str> {
        findings_where(platform, |code| code.contains("waf") || code.contains("web-acl") || code == "duplicate-name")
    }

    #[test]
    fn the_secured_design_passes() {
        assert_eq!(findings(&secured()), Vec::<&str>::new());
    }

    #[test]
    fn an_unknown_load_balancer_is_reported_with_a_suggestion() {
        let mut platform = secured();
        platform.security.web_acls[0].load_balancer = Name::new_assert("wbe");
        let found = crate::rules::check(&platform);
        let finding = found.iter().find(|d| d.code == "unknown-waf-load-balancer").expect("found");
        assert_eq!(finding.help.as_deref(), Some("did you mean `web`?"));
    }

    #[test]
    fn a_load_balancer_takes_one_web_acl() {
        let mut platform = secured();
        let mut second = platform.security.web_acls[0].clone();
        second.name = Name::new_assert("second");
        platform.security.web_acls.push(second);
        assert_eq!(findings(&platform), ["load-balancer-web-acl-count"]);
    }

    #[test]
    fn rate_limits_and_windows_are_bounded() {
        for (limit, window, expected) in [
            (2000, 300, 0),
            (10, 60, 0),
            (2_000_000_000, 600, 0),
            (9, 300, 1),
            (2_000_000_001, 300, 1),
            (2000, 30, 1),
            (0, 3600, 2),
        ] {
            let mut platform = secured();
            platform.security.web_acls[0].rules[0].statement = WafStatement::RateLimit { limit, window };
            let found = findings(&platform);
            assert_eq!(found.iter().filter(|&&c| c == "invalid-waf-rate-limit").count(), expected, "{limit} {window}");
        }
    }

    #[test]
    fn capacity_is_at_most_5000_units() {
        use crate::model::{ManagedRuleGroup, WafRule};
        let mut platform = secured();
        // 2 + 200 + 700 + 200 = 1102 WCU; six more core rule sets make 5302.
        for priority in 10..16 {
            let statement = WafStatement::Managed { group: ManagedRuleGroup::Common, count_only: false };
            let name = Name::new(["a", "b", "c", "d", "e", "f"][priority as usize - 10]).expect("a name");
            platform.security.web_acls[0].rules.push(WafRule::new(name, priority, statement));
        }
        let found = crate::rules::check(&platform);
        let found: Vec<_> = found.iter().filter(|d| d.code == "web-acl-capacity").map(|d| d.path.to_string()).collect();
        assert_eq!(found, ["security.web_acls.api.rules.f"]);
        platform.security.web_acls[0].rules.pop();
        assert!(!findings(&platform).contains(&"web-acl-capacity"));
    }

    #[test]
    fn priorities_are_unique() {
        let mut platform = secured();
        platform.security.web_acls[0].rules[1].priority = platform.security.web_acls[0].rules[0].priority;
        assert_eq!(findings(&platform), ["duplicate-waf-rule-priority"]);
    }

    #[test]
    fn the_seeds_plain_waf_log_group_is_rejected() {
        let mut platform = secured();
        let logging = WafLogging::new(RetentionDays::new_assert(90));
        platform.security.web_acls[0].logging = Some(logging.clone().log_group("waf"));
        let found = crate::rules::check(&platform);
        let finding = found.iter().find(|d| d.code == "invalid-waf-log-group").expect("found");
        assert!(finding.help.as_deref().is_some_and(|h| h.contains("aws-waf-logs-waf")));
        platform.security.web_acls[0].logging = Some(logging.clone().log_group("aws-waf-logs-api"));
        assert_eq!(findings(&platform), Vec::<&str>::new());
        platform.security.web_acls[0].logging = Some(logging.log_group("aws-waf-logs-a b"));
        assert_eq!(findings(&platform), ["invalid-waf-log-group"]);
    }

    #[test]
    fn missing_logging_and_log4j_protection_are_warnings() {
        let mut platform = secured();
        platform.security.web_acls[0].logging = None;
        platform.security.web_acls[0].rules.retain(|rule| rule.name.as_str() != "known_bad_inputs");
        assert_eq!(findings(&platform), ["waf-without-known-bad-inputs", "waf-without-logging"]);
    }
}
