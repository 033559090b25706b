//! The rule catalogue: every rule's code, severity, summary and source, in one list.

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
        CATALOGUE.iter().find(|rule| rule.code == code)
    }
}

/// `NAME = "code", Severity, "summary", "source";`, optionally followed by the checkov checks
/// of the same finding before the semicolon: `, checkov ["CKV_AWS_24", ...]`.
macro_rules! catalogue {
    ($(
        $(#[$doc:meta])* $name:ident = $code:literal, $severity:ident, $summary:literal, $source:literal
        $(, checkov [$($check:literal),* $(,)?])?;
    )*) => {
        $(
            $(#[$doc])*
            #[doc = concat!("\n\nCode `", $code, "`. Source: ", $source, ".")]
            pub const $name: Rule = Rule {
                code: $code,
                severity: Severity::$severity,
                summary: $summary,
                source: $source,
                checkov: &[$($($check),*)?],
            };
        )*

        /// Every rule, in catalogue order.
        pub const CATALOGUE: &[Rule] = &[$($name),*];
    };
}

catalogue! {
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
    /// The VPC block is larger than /16 or smaller than /28.
    VPC_PREFIX_LENGTH = "vpc-prefix-length", Error,
        "the VPC block is between /16 and /28",
        "VPC User Guide, VPC CIDR blocks: IPv4 VPC block sizes /16 to /28";
    /// A subnet block is larger than /16 or smaller than /28.
    SUBNET_PREFIX_LENGTH = "subnet-prefix-length", Error,
        "a subnet block is between /16 and /28",
        "VPC User Guide, Subnet CIDR blocks: IPv4 subnet sizes /16 to /28";
    /// A subnet is not inside the VPC block.
    SUBNET_OUTSIDE_VPC = "subnet-outside-vpc", Error,
        "every subnet lies inside the VPC block",
        "VPC User Guide, Subnet CIDR blocks: a subnet's block is a subset of the VPC's";
    /// Two subnets share addresses.
    SUBNET_OVERLAP = "subnet-overlap", Error,
        "subnets do not overlap",
        "VPC User Guide, Subnet CIDR blocks: the blocks of a VPC's subnets can't overlap";
    /// A tier has no subnet in a zone an environment uses.
    ZONE_NOT_COVERED = "zone-not-covered", Error,
        "every tier has a subnet in every zone of every environment",
        "VPC User Guide, Subnets: a subnet lies in exactly one availability zone";
    /// A zone is not in the platform's region.
    ZONE_OUTSIDE_REGION = "zone-outside-region", Error,
        "every zone belongs to the platform's region",
        "EC2 User Guide, Regions and Zones: an availability zone belongs to one region";
    /// A multi-AZ environment has fewer than two zones.
    MULTI_AZ_SINGLE_ZONE = "multi-az-single-zone", Error,
        "a multi-AZ environment uses at least two zones",
        "VPC User Guide, NAT gateways: for zone-independent design create a NAT gateway in each zone";
    /// An environment lists no zones.
    ENVIRONMENT_WITHOUT_ZONES = "environment-without-zones", Error,
        "every environment uses at least one zone",
        "VPC User Guide, Subnets: resources run in subnets, and a subnet lies in an availability zone";
    /// Two elements of one kind share a name (or a logical id).
    DUPLICATE_NAME = "duplicate-name", Error,
        "names are unique within their kind, also once written as logical ids",
        "CloudFormation template anatomy: logical IDs are unique within a template";
    /// A security group rule names a group the design does not define.
    UNKNOWN_SECURITY_GROUP = "unknown-security-group", Error,
        "a rule's source or destination group exists",
        "EC2 API AuthorizeSecurityGroupIngress SourceSecurityGroupId (InvalidGroup.NotFound)";
    /// A security group or ACL names a tier the design does not define.
    UNKNOWN_TIER = "unknown-tier", Error,
        "a referenced subnet tier exists",
        "EC2 API AssociateNetworkAcl SubnetId: an ACL guards existing subnets";
    /// Two rules of one ACL direction share a number.
    DUPLICATE_ACL_RULE_NUMBER = "duplicate-acl-rule-number", Error,
        "network ACL rule numbers are unique per direction",
        "EC2 API CreateNetworkAclEntry (NetworkAclEntryAlreadyExists); VPC User Guide, network ACL rules";
    /// The tier hosting NAT gateways does not let their return traffic in.
    PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC = "public-acl-blocks-return-traffic", Error,
        "the public tier's ACL lets return traffic in on ports 1024-65535 from anywhere",
        "VPC User Guide, network ACLs (stateless; NAT gateways use ports 1024-65535) and the recommended rules for a VPC with public and private subnets";
    /// A private tier's ACL does not let NAT return traffic in.
    PRIVATE_ACL_BLOCKS_NAT_RETURN_TRAFFIC = "private-acl-blocks-nat-return-traffic", Error,
        "a private tier's ACL lets internet replies in on the ephemeral ports",
        "VPC User Guide, network ACLs (ephemeral ports) and the recommended private-subnet rule 0.0.0.0/0 TCP 1024-65535 ALLOW";
    /// A private tier exists but no public tier can host its NAT gateways.
    NAT_WITHOUT_PUBLIC_TIER = "nat-without-public-tier", Error,
        "private tiers need a public tier for their NAT gateways",
        "VPC User Guide, NAT gateways: a public NAT gateway is created in a public subnet";
    /// A description uses characters or a length EC2 rejects.
    INVALID_DESCRIPTION = "invalid-description", Error,
        "security group and rule descriptions use EC2's character set and length",
        "EC2 API CreateSecurityGroup.GroupDescription and IpRange.Description: up to 255 of a-zA-Z0-9, space and ._-:/()#,@[]+=&;{}!$*";
    /// A security group of an isolated (database) tier is open to every address.
    ///
    /// checkov 3.3.30 has no CloudFormation check for a database port open to `0.0.0.0/0`; its
    /// checks of ingress from `0.0.0.0/0` name ports 22 (`CKV_AWS_24`), 3389 (`CKV_AWS_25`) and 80
    /// (`CKV_AWS_260`), and fire on the same rule when its ports include theirs.
    DATABASE_OPEN_TO_WORLD = "database-open-to-world", Warning,
        "a database-tier security group does not admit 0.0.0.0/0",
        "VPC User Guide, security group rules: allow only the sources that need access; aws-rules.md §12",
        checkov ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260"];
    /// A per-environment setting names an environment the platform does not define.
    UNKNOWN_ENVIRONMENT = "unknown-environment", Error,
        "a per-environment setting names an environment of the platform",
        "CloudFormation: one stack per environment; a setting for an environment without a stack is never deployed";
    /// An acknowledgement names no warning, has no reason, or names an error.
    INVALID_ACKNOWLEDGEMENT = "invalid-acknowledgement", Error,
        "an acknowledgement names a warning rule and gives a reason",
        "this project's rule catalogue: errors are what AWS rejects and cannot be acknowledged";
    /// A duration is not written in the unit its setting counts in.
    INVALID_DURATION = "invalid-duration", Error,
        "a day-valued duration (log retention) is written as whole days, `<n>d`",
        "the `platform!` grammar (durations are `<n>d`); CloudWatch Logs API PutRetentionPolicy.retentionInDays counts whole days";
    /// A private tier's ACL does not let its tasks' connections out to the internet.
    PRIVATE_ACL_BLOCKS_OUTBOUND_TRAFFIC = "private-acl-blocks-outbound-traffic", Error,
        "a private tier's ACL lets TCP 443 out to 0.0.0.0/0",
        "VPC User Guide, recommended network ACL rules for a VPC with public and private subnets: private-subnet outbound 0.0.0.0/0 TCP 443 ALLOW";
    /// The tier hosting NAT gateways does not let their connections out to the internet.
    PUBLIC_ACL_BLOCKS_NAT_OUTBOUND_TRAFFIC = "public-acl-blocks-nat-outbound-traffic", Error,
        "the NAT gateways' tier's ACL lets TCP 443 out to 0.0.0.0/0",
        "VPC User Guide, Troubleshoot NAT gateways (the NAT gateway subnet's ACL allows outbound traffic to the internet) and the recommended public-subnet outbound rule 0.0.0.0/0 TCP 443 ALLOW";
    /// The tier hosting NAT gateways does not let the private subnets' traffic in.
    PUBLIC_ACL_BLOCKS_PRIVATE_TRAFFIC = "public-acl-blocks-private-traffic", Error,
        "the NAT gateways' tier's ACL lets TCP 443 in from every private subnet",
        "VPC User Guide, Troubleshoot NAT gateways (the NAT gateway subnet's ACL allows inbound traffic from the instances) and the recommended public-subnet inbound rule 0.0.0.0/0 TCP 443 ALLOW";
    /// The tier hosting NAT gateways does not let replies out to the private subnets.
    PUBLIC_ACL_BLOCKS_REPLIES_TO_PRIVATE = "public-acl-blocks-replies-to-private", Error,
        "the NAT gateways' tier's ACL lets replies out to every private subnet's ephemeral ports",
        "VPC User Guide, network ACLs (stateless; ephemeral ports), Troubleshoot NAT gateways and the recommended public-subnet outbound rule 0.0.0.0/0 TCP 32768-65535 ALLOW";
    /// An interface endpoint service is not shaped like `ecr.api`.
    INVALID_ENDPOINT_SERVICE = "invalid-endpoint-service", Error,
        "an interface endpoint service is the service part of com.amazonaws.<region>.<service>, such as ecr.api",
        "AWS PrivateLink guide, AWS services that integrate with AWS PrivateLink (service names); EC2 API CreateVpcEndpoint.ServiceName";
    /// Two interface endpoints of the VPC are for the same service.
    DUPLICATE_ENDPOINT_SERVICE = "duplicate-endpoint-service", Error,
        "a VPC has at most one interface endpoint per service",
        "AWS PrivateLink guide, private DNS for interface endpoints: a second endpoint with private DNS for a service fails with a conflicting DNS domain in the VPC";
    /// Interface endpoints are placed in a public tier.
    INTERFACE_ENDPOINT_IN_PUBLIC_TIER = "interface-endpoint-in-public-tier", Warning,
        "interface endpoints are placed in a private or isolated tier",
        "AWS PrivateLink guide, access an AWS service using an interface VPC endpoint (the endpoint serves the whole VPC from the subnets chosen for it); aws-rules.md §10";
}

/// The catalogue as a Markdown table (code, severity, what it checks, source), for `docs/rules.md`.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Rule catalogue\n\nGenerated from `infra_core::rules::CATALOGUE` (a test keeps this file in step).\n\
         Each rule has a compile-fail case `tests/ui/<code>.rs` whose `.stderr` shows what the user sees.\n\n\
         | code | severity | checks | source |\n| --- | --- | --- | --- |\n",
    );
    for rule in CATALOGUE {
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
        for (idx, rule) in CATALOGUE.iter().enumerate() {
            assert!(
                rule.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.code
            );
            assert!(
                CATALOGUE[..idx]
                    .iter()
                    .all(|earlier| earlier.code != rule.code),
                "{}",
                rule.code
            );
            assert!(!rule.summary.is_empty() && !rule.source.is_empty());
        }
    }

    #[test]
    fn only_warnings_name_checkov_checks() {
        // Only an acknowledgement carries checks into a template, and only warnings are acknowledged.
        for rule in CATALOGUE.iter().filter(|rule| !rule.checkov.is_empty()) {
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
            DATABASE_OPEN_TO_WORLD.checkov,
            ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260"]
        );
        assert!(SUBNET_OVERLAP.checkov.is_empty());
    }
}
