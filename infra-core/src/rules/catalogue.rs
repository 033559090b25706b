//! The rule catalogue: every rule's code, severity, summary and source. Each rule is declared
//! beside its check ([`declare_rules!`]); the catalogue gathers the core's and every section's.

use serde::Serialize;

use crate::diag::{Diagnostic, ModelPath, Severity};

/// A validation rule: what it checks and the AWS fact behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The stable code diagnostics carry, such as `subnet-outside-vpc`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What the rule checks, in one line.
    pub summary: &'static str,
    /// The AWS documentation page, API field or limit the rule encodes.
    pub source: &'static str,
    /// The ids of the checkov checks that report the same finding, which an acknowledgement of
    /// this rule also suppresses in the templates (empty for most rules).
    pub checkov: &'static [&'static str],
}

impl Rule {
    /// A finding of this rule at `path`.
    pub fn at(&self, path: ModelPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: self.code,
            severity: self.severity,
            path,
            message: message.into(),
            help: None,
            related: Vec::new(),
        }
    }

    /// Looks a rule up by code.
    pub fn find(code: &str) -> Option<&'static Rule> {
        catalogue().find(|rule| rule.code == code)
    }
}

/// Declares rules where their checks live: `NAME = "code", Severity, "summary", "source";`,
/// optionally followed by the checkov checks of the same finding before the semicolon:
/// `, checkov ["CKV_AWS_24", ...]`. Each becomes a `pub const NAME: Rule`, and the module gets a
/// `RULES` list of them, which its section (or the core catalogue) registers.
macro_rules! declare_rules {
    ($(
        $(#[$doc:meta])* $name:ident = $code:literal, $severity:ident, $summary:literal, $source:literal
        $(, checkov [$($check:literal),* $(,)?])?;
    )*) => {
        $(
            $(#[$doc])*
            #[doc = concat!("\n\nCode `", $code, "`. Source: ", $source, ".")]
            pub const $name: $crate::rules::Rule = $crate::rules::Rule {
                code: $code,
                severity: $crate::diag::Severity::$severity,
                summary: $summary,
                source: $source,
                checkov: &[$($($check),*)?],
            };
        )*

        /// The rules declared in this module, for the catalogue.
        pub(crate) const RULES: &[$crate::rules::Rule] = &[$($name),*];
    };
}

pub(crate) use declare_rules;

/// Every rule: the values' and the platform's, then each section's, in catalogue order.
pub fn catalogue() -> impl Iterator<Item = &'static Rule> {
    let core: [&'static [Rule]; 5] = [
        RULES,
        super::environments::RULES,
        super::names::RULES,
        super::per_env::RULES,
        super::acknowledge::RULES,
    ];
    core.into_iter()
        .chain(
            crate::SECTIONS
                .iter()
                .flat_map(|section| section.rules.iter().copied()),
        )
        .flatten()
}

declare_rules! {
    // The values' rules: their constructors reject what AWS rejects.
    /// A CIDR block is malformed, has a prefix above /32 or has host bits set.
    INVALID_CIDR = "invalid-cidr", Error,
        "a CIDR block is a canonical IPv4 block such as 10.0.0.0/16",
        "EC2 API CreateVpc/CreateSubnet CidrBlock; VPC User Guide, IP addressing (vpc-cidr-blocks)";
    /// A port is outside 0-65535, or a port range runs backwards.
    INVALID_PORT_RANGE = "invalid-port-range", Error,
        "ports are 0 to 65535 and a port range's first port is not above its last",
        "EC2 API AuthorizeSecurityGroupIngress FromPort/ToPort; CreateNetworkAclEntry PortRange";
    /// A network ACL rule number is outside 1-32766.
    INVALID_ACL_RULE_NUMBER = "invalid-acl-rule-number", Error,
        "network ACL rule numbers are 1 to 32766",
        "EC2 API CreateNetworkAclEntry.RuleNumber (32767-65535 reserved); VPC User Guide, network ACL rules";
    /// A log retention is not one CloudWatch Logs offers.
    INVALID_LOG_RETENTION = "invalid-log-retention", Error,
        "log retention is one of CloudWatch Logs' allowed day counts",
        "CloudWatch Logs API PutRetentionPolicy.retentionInDays; cfn-lint aws-logs-loggroup.json RetentionInDays enum";
    /// A duration is not written in the unit its setting counts in.
    INVALID_DURATION = "invalid-duration", Error,
        "a duration is written in its setting's unit: whole days `<n>d` (log retention), whole seconds `<n>s` (cooldowns)",
        "the `platform!` grammar; CloudWatch Logs API PutRetentionPolicy.retentionInDays counts whole days; Application Auto Scaling TargetTrackingScalingPolicyConfiguration ScaleInCooldown/ScaleOutCooldown count seconds";
    /// A name cannot become a valid logical id and tag.
    INVALID_NAME = "invalid-name", Error,
        "names are lowercase ASCII words separated by - or _, at most 64 characters",
        "CloudFormation template anatomy: logical IDs are alphanumeric (A-Za-z0-9), at most 255 characters";
    /// A region code is malformed.
    INVALID_REGION = "invalid-region", Error,
        "a region is a region code such as ap-northeast-1",
        "AWS General Reference, Regions and endpoints";
    /// A zone name is malformed.
    INVALID_ZONE = "invalid-zone", Error,
        "a zone is an availability zone name such as ap-northeast-1a",
        "EC2 User Guide, Regions and Zones (availability zone names)";
    /// An interface endpoint service is not shaped like `ecr.api`.
    INVALID_ENDPOINT_SERVICE = "invalid-endpoint-service", Error,
        "an interface endpoint service is the service part of com.amazonaws.<region>.<service>, such as ecr.api",
        "AWS PrivateLink guide, AWS services that integrate with AWS PrivateLink (service names); EC2 API CreateVpcEndpoint.ServiceName";
}

/// The catalogue as a Markdown table (code, severity, what it checks, source), for `docs/rules.md`.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Rule catalogue\n\nGenerated from `infra_core::rules::catalogue()` (a test keeps this file in step).\n\
         Each rule has a compile-fail case `tests/ui/<code>.rs` whose `.stderr` shows what the user sees.\n\n\
         | code | severity | checks | source |\n| --- | --- | --- | --- |\n",
    );
    for rule in catalogue() {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.code, rule.severity, rule.summary, rule.source
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let all: Vec<&Rule> = catalogue().collect();
        for (idx, rule) in all.iter().enumerate() {
            assert!(
                rule.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.code
            );
            assert!(
                all[..idx].iter().all(|earlier| earlier.code != rule.code),
                "{}",
                rule.code
            );
            assert!(!rule.summary.is_empty() && !rule.source.is_empty());
        }
    }

    #[test]
    fn only_warnings_name_checkov_checks() {
        // Only an acknowledgement carries checks into a template, and only warnings are acknowledged.
        for rule in catalogue().filter(|rule| !rule.checkov.is_empty()) {
            assert_eq!(rule.severity, Severity::Warning, "{}", rule.code);
            for id in rule.checkov {
                let number = id.strip_prefix("CKV_AWS_").or(id.strip_prefix("CKV2_AWS_"));
                assert!(
                    number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
                    "{}: {id}",
                    rule.code
                );
            }
        }
        assert_eq!(
            crate::network::rules::DATABASE_OPEN_TO_WORLD.checkov,
            ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260"]
        );
        assert!(crate::network::rules::SUBNET_OVERLAP.checkov.is_empty());
    }
}
