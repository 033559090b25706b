//! Rules on security groups.

use std::collections::HashSet;

use crate::diag::{Diagnostic, ModelPath};
use crate::model::{path, Direction, Peer, Platform, SecurityGroup, TierRole};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::suggest::help_for;

use super::subnets::UNKNOWN_TIER;

declare_rules! {
    /// A security group rule or a compute environment names a group the design does not define.
    UNKNOWN_SECURITY_GROUP = "unknown-security-group", Error,
        "a referenced security group exists",
        "EC2 API AuthorizeSecurityGroupIngress SourceSecurityGroupId; AWS Batch API ComputeResource.securityGroupIds (InvalidGroup.NotFound)";
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
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let groups = &platform.network.security_groups;
    check_unique(
        cx,
        "security group",
        groups.iter().map(|g| {
            (
                g.name.as_str(),
                g.name.pascal_case(),
                path::security_group(g.name.as_str()),
            )
        }),
    );
    let names: HashSet<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    for group in groups {
        check_tier(cx, platform, group);
        check_description(
            cx,
            &group.description,
            path::security_group_description(group.name.as_str()),
            false,
        );
        for (direction, rules) in [
            (Direction::Inbound, &group.ingress),
            (Direction::Outbound, &group.egress),
        ] {
            for (idx, rule) in rules.iter().enumerate() {
                match &rule.peer {
                    Peer::Group(peer) if !names.contains(peer.as_str()) => {
                        unknown_peer(cx, platform, group, direction, idx, peer.as_str());
                    }
                    _ => {}
                }
                if let Some(description) = &rule.description {
                    let at =
                        path::security_group_rule_description(group.name.as_str(), direction, idx);
                    check_description(cx, description, at, true);
                }
            }
        }
        check_open_database(cx, platform, group);
    }
}

/// A rule's source or destination group is a group of the design.
///
/// Source: EC2 API `AuthorizeSecurityGroupIngress` (`SourceSecurityGroupId`): a group that does
/// not exist fails with `InvalidGroup.NotFound`.
fn unknown_peer(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    group: &SecurityGroup,
    direction: Direction,
    idx: usize,
    peer: &str,
) {
    let known = platform
        .network
        .security_groups
        .iter()
        .map(|g| g.name.as_str());
    let side = match direction {
        Direction::Inbound => "source",
        Direction::Outbound => "destination",
    };
    cx.push(
        UNKNOWN_SECURITY_GROUP
            .at(
                path::security_group_rule_peer(group.name.as_str(), direction, idx),
                format!(
                    "security group `{}` names `{peer}` as a {side}, but no security group `{peer}` exists",
                    group.name
                ),
            )
            .with_help(help_for("security groups", peer, known)),
    );
}

/// A group's tier is a tier of the design.
///
/// Source: EC2 API: a group's members are network interfaces in the design's subnets, so the
/// tier it names must be one of them.
fn check_tier(cx: &mut Vec<Diagnostic>, platform: &Platform, group: &SecurityGroup) {
    if let Some(tier) = &group.tier {
        if platform.network.find_tier(tier.as_str()).is_none() {
            let known = platform.network.tiers.iter().map(|t| t.name.as_str());
            cx.push(
                UNKNOWN_TIER
                    .at(
                        path::security_group_tier(group.name.as_str()),
                        format!("security group `{}` is placed in tier `{tier}`, but no tier `{tier}` exists", group.name),
                    )
                    .with_help(help_for("tiers", tier.as_str(), known)),
            );
        }
    }
}

/// The characters EC2 accepts in group and rule descriptions, besides ASCII letters and digits.
const DESCRIPTION_PUNCTUATION: &str = " ._-:/()#,@[]+=&;{}!$*";

/// Descriptions use EC2's character set, at most 255 characters; a group's is not empty.
///
/// Source: EC2 API `CreateSecurityGroup.GroupDescription` and `IpRange.Description`: "up to 255
/// characters in length ... a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*". (The
/// `UserIdGroupPair.Description` text omits `&`; it is accepted here, since a rule that is not
/// sure AWS rejects a value must not reject it.)
fn check_description(cx: &mut Vec<Diagnostic>, text: &str, at: ModelPath, optional: bool) {
    let bad = text
        .chars()
        .find(|&c| !c.is_ascii_alphanumeric() && !DESCRIPTION_PUNCTUATION.contains(c));
    let problem = if let Some(c) = bad {
        format!("description `{text}` contains `{c}`, which EC2 does not accept")
    } else if text.chars().count() > 255 {
        format!(
            "description is {} characters long; EC2 accepts at most 255",
            text.chars().count()
        )
    } else if text.is_empty() && !optional {
        "a security group needs a description".to_owned()
    } else {
        return;
    };
    cx.push(INVALID_DESCRIPTION.at(at, problem).with_help(format!(
        "use ASCII letters, digits, spaces and `{}`",
        DESCRIPTION_PUNCTUATION.trim_start()
    )));
}

/// A group whose members live in an isolated (database) tier admits no traffic from `0.0.0.0/0`.
/// A warning: the tier has no internet route, but anything that reaches the VPC (peering, VPN,
/// a compromised host) then reaches the database.
///
/// Source: VPC User Guide, "Security group rules" (authorize only the specific sources that need
/// access); aws-rules.md §12.
fn check_open_database(cx: &mut Vec<Diagnostic>, platform: &Platform, group: &SecurityGroup) {
    let isolated = group
        .tier
        .as_ref()
        .and_then(|tier| platform.network.find_tier(tier.as_str()))
        .is_some_and(|tier| tier.role == TierRole::Isolated);
    if !isolated {
        return;
    }
    for (idx, rule) in group.ingress.iter().enumerate() {
        if matches!(rule.peer, Peer::Cidr(cidr) if cidr.prefix() == 0) {
            cx.push(
                DATABASE_OPEN_TO_WORLD
                    .at(
                        path::security_group_rule_peer(group.name.as_str(), Direction::Inbound, idx),
                        format!("security group `{}` of database tier `{}` admits {} from every address", group.name, group.tier.as_ref().expect("checked above"), rule.traffic),
                    )
                    .with_help("admit the application's security group instead, or acknowledge this warning with a reason"),
            );
        }
    }
}

/// The security groups an element of another section names (`owner`, such as ``service `api` ``)
/// are groups of the design; the `idx`-th is written at `at(idx)`.
///
/// Source: EC2 and the services that attach groups (ECS `AwsVpcConfiguration.securityGroups`,
/// Batch `ComputeResource.securityGroupIds`, ELBv2 `CreateLoadBalancer.SecurityGroups`): a group
/// that does not exist fails with `InvalidGroup.NotFound`.
pub(crate) fn check_group_references(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    owner: &str,
    groups: &[crate::value::Name],
    at: impl Fn(usize) -> ModelPath,
) {
    let known = &platform.network.security_groups;
    for (idx, group) in groups.iter().enumerate() {
        if known.iter().any(|g| g.name == *group) {
            continue;
        }
        cx.push(
            UNKNOWN_SECURITY_GROUP
                .at(
                    at(idx),
                    format!("{owner} uses security group `{group}`, but no security group `{group}` exists"),
                )
                .with_help(help_for(
                    "security groups",
                    group.as_str(),
                    known.iter().map(|g| g.name.as_str()),
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Peer, SecurityGroupRule};
    use crate::testing::{codes, design, group_mut};
    use crate::value::{Cidr, Name, PortRange, Traffic};

    #[test]
    fn unknown_group_suggests_a_close_name() {
        let mut platform = design();
        group_mut(&mut platform, "database").ingress[0].peer =
            Peer::Group(Name::new_assert("aplication"));
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "unknown-security-group");
        assert_eq!(
            findings[0].help.as_deref(),
            Some("did you mean `application`?")
        );
        assert_eq!(
            findings[0].path.as_str(),
            "network.security_groups.database.ingress[0].peer"
        );
    }

    #[test]
    fn unknown_tier_is_an_error() {
        let mut platform = design();
        group_mut(&mut platform, "database").tier = Some(Name::new_assert("databse"));
        assert_eq!(codes(&platform), ["unknown-tier"]);
    }

    #[test]
    fn descriptions_use_ec2_characters() {
        let mut platform = design();
        group_mut(&mut platform, "alb").description = "ロードバランサー".into();
        assert_eq!(codes(&platform), ["invalid-description"]);
        let mut platform = design();
        group_mut(&mut platform, "alb").ingress[0].description = Some("x".repeat(256));
        assert_eq!(codes(&platform), ["invalid-description"]);
    }

    #[test]
    fn open_database_group_is_a_warning() {
        let mut platform = design();
        let open = SecurityGroupRule::new(
            Traffic::Tcp(PortRange::single(5432)),
            Peer::Cidr(Cidr::ANYWHERE),
        );
        group_mut(&mut platform, "database").ingress.push(open);
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].code, findings[0].severity),
            ("database-open-to-world", crate::Severity::Warning)
        );
        let validated = platform
            .validate()
            .expect("a warning does not fail validation");
        assert_eq!(validated.warnings().len(), 1);
    }

    #[test]
    fn group_names_are_unique() {
        let mut platform = design();
        let copy = platform.network.security_groups[0].clone();
        platform.network.security_groups.push(copy);
        assert_eq!(codes(&platform), ["duplicate-name"]);
    }
}
