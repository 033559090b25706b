//! Rules on network ACLs, which are stateless: replies need rules of their own.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::model::{path, AclAction, AclRule, Direction, NetworkAcl, Platform, TierRole};
use crate::value::PortRange;

use super::names::check_unique;
use super::suggest::help_for;
use super::{
    DUPLICATE_ACL_RULE_NUMBER, PRIVATE_ACL_BLOCKS_NAT_RETURN_TRAFFIC,
    PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC, UNKNOWN_TIER,
};

/// The ports Linux picks for outgoing connections (`ip_local_port_range`), which Fargate tasks use.
const LINUX_EPHEMERAL: PortRange = PortRange::new_assert(32768, 60999);

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let network = &platform.network;
    check_unique(
        cx,
        "network ACL of tier",
        network.acls.iter().map(|acl| {
            (
                acl.tier.as_str(),
                acl.tier.pascal_case(),
                path::acl(acl.tier.as_str()),
            )
        }),
    );
    for acl in &network.acls {
        check_duplicate_numbers(cx, acl, Direction::Inbound, &acl.inbound);
        check_duplicate_numbers(cx, acl, Direction::Outbound, &acl.outbound);
        let Some(tier) = network.find_tier(acl.tier.as_str()) else {
            let known = network.tiers.iter().map(|t| t.name.as_str());
            cx.push(
                UNKNOWN_TIER
                    .at(
                        path::acl(acl.tier.as_str()),
                        format!(
                            "network ACL guards tier `{}`, but no tier `{}` exists",
                            acl.tier, acl.tier
                        ),
                    )
                    .with_help(help_for("tiers", acl.tier.as_str(), known)),
            );
            continue;
        };
        let hosts_nat =
            network.needs_nat() && network.nat_tier().is_some_and(|nat| nat.name == tier.name);
        if hosts_nat {
            check_public_return_traffic(cx, acl);
        }
        if tier.role == TierRole::Private {
            check_private_return_traffic(cx, acl);
        }
    }
}

/// Rule numbers are unique within one direction of an ACL.
///
/// Source: EC2 API `CreateNetworkAclEntry`: an entry with the same number and direction fails with
/// `NetworkAclEntryAlreadyExists`; VPC User Guide, "Network ACL rules".
fn check_duplicate_numbers(
    cx: &mut Vec<Diagnostic>,
    acl: &NetworkAcl,
    direction: Direction,
    rules: &[AclRule],
) {
    let tier = acl.tier.as_str();
    let mut first_idx: HashMap<u16, usize> = HashMap::new();
    for (idx, rule) in rules.iter().enumerate() {
        let number = rule.number.get();
        if let Some(&first) = first_idx.get(&number) {
            cx.push(
                DUPLICATE_ACL_RULE_NUMBER
                    .at(
                        path::acl_rule_number(tier, direction, idx),
                        format!(
                            "network ACL of tier `{tier}` has two {} rules numbered {number}",
                            word(direction)
                        ),
                    )
                    .with_related(
                        path::acl_rule_number(tier, direction, first),
                        format!("rule {number} is defined first"),
                    )
                    .with_help("give each rule its own number; AWS evaluates them lowest first"),
            );
        } else {
            first_idx.insert(number, idx);
        }
    }
}

/// The tier hosting the NAT gateways lets their return traffic in: TCP 1024-65535 from
/// `0.0.0.0/0`. The NAT gateway opens its internet connections from those ports, and the ACL is
/// stateless, so replies are dropped unless an inbound rule allows them.
///
/// Source: VPC User Guide, "Network ACLs" (ephemeral ports: "NAT gateways use ports 1024-65535")
/// and the recommended public-subnet rule "0.0.0.0/0 TCP 1024-65535 ALLOW, inbound return traffic
/// from hosts on the internet".
fn check_public_return_traffic(cx: &mut Vec<Diagnostic>, acl: &NetworkAcl) {
    let tier = acl.tier.as_str();
    if let Some(gap) = first_gap(&acl.inbound, PortRange::EPHEMERAL) {
        cx.push(
            gap.diagnostic(
                &PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC,
                acl,
                format!("network ACL of public tier `{tier}` blocks return traffic to its NAT gateways: {}", gap.reason()),
            )
            .with_help(format!(
                "network ACLs are stateless; add an inbound rule `allow tcp 1024..=65535 from \"0.0.0.0/0\"` to tier `{tier}`"
            )),
        );
    }
}

/// A private tier lets NAT return traffic in: replies keep the internet source address and come
/// back to the task's ephemeral port (Linux: 32768-60999), so an inbound rule must allow TCP on
/// those ports from `0.0.0.0/0`.
///
/// Source: VPC User Guide, "Network ACLs" (ephemeral ports) and the recommended private-subnet rule
/// "0.0.0.0/0 TCP 1024-65535 ALLOW, inbound return traffic from the NAT device".
fn check_private_return_traffic(cx: &mut Vec<Diagnostic>, acl: &NetworkAcl) {
    let tier = acl.tier.as_str();
    if let Some(gap) = first_gap(&acl.inbound, LINUX_EPHEMERAL) {
        cx.push(
            gap.diagnostic(
                &PRIVATE_ACL_BLOCKS_NAT_RETURN_TRAFFIC,
                acl,
                format!("network ACL of private tier `{tier}` blocks replies coming back through the NAT gateway: {}", gap.reason()),
            )
            .with_help(format!(
                "replies keep their internet source address; add an inbound rule `allow tcp 1024..=65535 from \"0.0.0.0/0\"` to tier `{tier}`, as AWS recommends"
            )),
        );
    }
}

/// Why some of the wanted ports are not allowed.
enum Gap {
    /// A deny rule for every address matches them before any allow.
    Denied { idx: usize, ports: PortRange },
    /// No rule for every address allows them: the implicit `*` rule denies them.
    Unmatched { ports: PortRange },
}

impl Gap {
    fn reason(&self) -> String {
        match self {
            Gap::Denied { idx: _, ports } => {
                format!("a deny rule matches TCP {ports} from 0.0.0.0/0 first")
            }
            Gap::Unmatched { ports } => {
                format!("no inbound rule allows TCP {ports} from 0.0.0.0/0")
            }
        }
    }

    fn diagnostic(&self, rule: &super::Rule, acl: &NetworkAcl, message: String) -> Diagnostic {
        let tier = acl.tier.as_str();
        match *self {
            Gap::Denied { idx, .. } => {
                rule.at(path::acl_rule(tier, Direction::Inbound, idx), message)
            }
            Gap::Unmatched { .. } => rule.at(path::acl(tier), message),
        }
    }
}

/// The first of `wanted`'s TCP ports that inbound traffic from an arbitrary internet address
/// cannot reach. Rules run lowest number first and the first match decides; a rule for a narrower
/// block than `0.0.0.0/0` decides only for some addresses, so it neither grants nor (being a
/// deliberate block of those addresses) revokes reachability from the internet at large.
fn first_gap(rules: &[AclRule], wanted: PortRange) -> Option<Gap> {
    let mut ordered: Vec<(usize, &AclRule)> = rules.iter().enumerate().collect();
    ordered.sort_by_key(|(_, rule)| rule.number);
    let mut undecided = vec![wanted];
    for (idx, rule) in ordered {
        let Some(ports) = rule.traffic.tcp_ports() else {
            continue;
        };
        if rule.cidr.prefix() != 0 {
            continue;
        }
        let mut rest = Vec::new();
        for range in undecided {
            let lo = range.from().max(ports.from());
            let hi = range.to().min(ports.to());
            if lo > hi {
                rest.push(range);
                continue;
            }
            if rule.action == AclAction::Deny {
                return Some(Gap::Denied {
                    idx,
                    ports: PortRange::new_assert(lo, hi),
                });
            }
            if range.from() < lo {
                rest.push(PortRange::new_assert(range.from(), lo - 1));
            }
            if hi < range.to() {
                rest.push(PortRange::new_assert(hi + 1, range.to()));
            }
        }
        undecided = rest;
    }
    undecided.first().map(|&ports| Gap::Unmatched { ports })
}

fn word(direction: Direction) -> &'static str {
    match direction {
        Direction::Inbound => "inbound",
        Direction::Outbound => "outbound",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AclRule;
    use crate::testing::{acl_mut, codes, design};
    use crate::value::{AclRuleNumber, Cidr, Traffic};

    fn rule(number: u32, action: AclAction, traffic: Traffic, cidr: &'static str) -> AclRule {
        AclRule {
            number: AclRuleNumber::new_assert(number),
            action,
            traffic,
            cidr: Cidr::new_assert(cidr),
        }
    }

    const HTTPS: Traffic = Traffic::Tcp(PortRange::single(443));
    const EPHEMERAL: Traffic = Traffic::Tcp(PortRange::EPHEMERAL);

    #[test]
    fn seed_public_acl_with_only_443_is_caught() {
        let mut platform = design();
        acl_mut(&mut platform, "public").inbound =
            vec![rule(100, AclAction::Allow, HTTPS, "0.0.0.0/0")];
        assert_eq!(codes(&platform), ["public-acl-blocks-return-traffic"]);
    }

    #[test]
    fn seed_private_acl_with_only_the_vpc_is_caught() {
        let mut platform = design();
        acl_mut(&mut platform, "private").inbound =
            vec![rule(100, AclAction::Allow, Traffic::All, "10.0.0.0/16")];
        assert_eq!(codes(&platform), ["private-acl-blocks-nat-return-traffic"]);
    }

    #[test]
    fn gaps_follow_rule_order() {
        let allow_all = rule(200, AclAction::Allow, EPHEMERAL, "0.0.0.0/0");
        assert!(first_gap(&[allow_all], PortRange::EPHEMERAL).is_none());
        let deny_first = rule(
            100,
            AclAction::Deny,
            Traffic::Tcp(PortRange::new_assert(2000, 3000)),
            "0.0.0.0/0",
        );
        assert!(matches!(
            first_gap(&[allow_all, deny_first], PortRange::EPHEMERAL),
            Some(Gap::Denied { idx: 1, .. })
        ));
        let deny_later = rule(300, AclAction::Deny, Traffic::All, "0.0.0.0/0");
        assert!(first_gap(&[deny_later, allow_all], PortRange::EPHEMERAL).is_none());
        let narrow_deny = rule(50, AclAction::Deny, Traffic::All, "198.51.100.0/24");
        assert!(first_gap(&[narrow_deny, allow_all], PortRange::EPHEMERAL).is_none());
        let split = [
            rule(
                100,
                AclAction::Allow,
                Traffic::Tcp(PortRange::new_assert(1024, 30000)),
                "0.0.0.0/0",
            ),
            rule(
                110,
                AclAction::Allow,
                Traffic::Tcp(PortRange::new_assert(30001, 65535)),
                "0.0.0.0/0",
            ),
        ];
        assert!(first_gap(&split, PortRange::EPHEMERAL).is_none());
        assert!(
            matches!(first_gap(&split[..1], PortRange::EPHEMERAL), Some(Gap::Unmatched { ports }) if ports == PortRange::new_assert(30001, 65535))
        );
        let udp_only = rule(
            100,
            AclAction::Allow,
            Traffic::Udp(PortRange::EPHEMERAL),
            "0.0.0.0/0",
        );
        assert!(first_gap(&[udp_only], PortRange::EPHEMERAL).is_some());
    }

    #[test]
    fn private_tier_may_allow_just_the_linux_range() {
        let mut platform = design();
        acl_mut(&mut platform, "private").inbound[1].traffic =
            Traffic::Tcp(PortRange::new_assert(32768, 65535));
        assert_eq!(codes(&platform), Vec::<&str>::new());
    }

    #[test]
    fn rule_numbers_are_unique_per_direction() {
        let mut platform = design();
        let acl = acl_mut(&mut platform, "public");
        let first = acl.inbound[0];
        acl.inbound.push(rule(
            u32::from(first.number.get()),
            AclAction::Deny,
            Traffic::Icmp,
            "0.0.0.0/0",
        ));
        // 110 is taken inbound only: the same number in the other direction is fine.
        acl.outbound
            .push(rule(110, AclAction::Allow, Traffic::Icmp, "0.0.0.0/0"));
        assert_eq!(codes(&platform), ["duplicate-acl-rule-number"]);
    }

    #[test]
    fn acl_of_unknown_tier() {
        let mut platform = design();
        acl_mut(&mut platform, "private").tier = crate::value::Name::new_assert("privte");
        let findings = crate::rules::check(&platform);
        assert_eq!(
            findings.iter().map(|d| d.code).collect::<Vec<_>>(),
            ["unknown-tier"]
        );
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `private`?"));
    }
}
