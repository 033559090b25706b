//! Rules on network ACLs, which are stateless: replies need rules of their own, in both
//! directions, on both sides of the NAT gateways.
//!
//! Every rule here asks one question, "does this ACL let these TCP flows through?", answered by
//! [`first_gap`]: the flows still undecided (peer addresses x ports, as boxes) are cut by each
//! rule in number order, exactly as AWS evaluates them.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::model::{
    path, AclAction, AclRule, Direction, NatGateways, NetworkAcl, Platform, Subnet, SubnetTier,
    TierRole,
};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::per_env::per_environment;
use crate::rules::suggest::help_for;
use crate::value::{Cidr, PortRange};

use super::subnets::UNKNOWN_TIER;

declare_rules! {
    /// Two rules of one ACL direction share a number.
    DUPLICATE_ACL_RULE_NUMBER = "duplicate-acl-rule-number", Error,
        "network ACL rule numbers are unique per direction",
        "EC2 API CreateNetworkAclEntry (NetworkAclEntryAlreadyExists); VPC User Guide, network ACL rules";
    /// The tier hosting NAT gateways does not let their return traffic in.
    PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC = "public-acl-blocks-return-traffic", Error,
        "the public tier's ACL lets return traffic in on ports 1024-65535 from anywhere",
        "VPC User Guide, network ACLs (stateless; NAT gateways use ports 1024-65535) and the recommended rules for a VPC with public and private subnets";
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
    /// A private tier's ACL does not let NAT return traffic in.
    PRIVATE_ACL_BLOCKS_NAT_RETURN_TRAFFIC = "private-acl-blocks-nat-return-traffic", Error,
        "a private tier's ACL lets internet replies in on the ephemeral ports",
        "VPC User Guide, network ACLs (ephemeral ports) and the recommended private-subnet rule 0.0.0.0/0 TCP 1024-65535 ALLOW";
    /// A private tier's ACL does not let its tasks' connections out to the internet.
    PRIVATE_ACL_BLOCKS_OUTBOUND_TRAFFIC = "private-acl-blocks-outbound-traffic", Error,
        "a private tier's ACL lets TCP 443 out to 0.0.0.0/0",
        "VPC User Guide, recommended network ACL rules for a VPC with public and private subnets: private-subnet outbound 0.0.0.0/0 TCP 443 ALLOW";
}

/// The ports Linux picks for outgoing connections (`ip_local_port_range`), which Fargate tasks use.
const LINUX_EPHEMERAL: PortRange = PortRange::new_assert(32768, 60999);

/// The port every task of a private tier needs out: ECR, CloudWatch Logs, Secrets Manager and
/// STS are HTTPS APIs.
const HTTPS: PortRange = PortRange::single(443);

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
    let private_tiers: Vec<&SubnetTier> = network
        .tiers
        .iter()
        .filter(|tier| tier.role == TierRole::Private)
        .collect();
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
        // The NAT path exists only in the environments that run NAT gateways.
        per_environment(cx, platform, |cx, env| {
            if *network.nat_gateways.get(env) == NatGateways::None || !network.needs_nat() {
                return;
            }
            let hosts_nat = network.nat_tier().is_some_and(|nat| nat.name == tier.name);
            if hosts_nat {
                check_public_return_traffic(cx, acl, env);
                check_nat_outbound_traffic(cx, acl, env);
                let private = private_subnets(&private_tiers, *network.vpc.get(env), env);
                check_private_traffic_in(cx, acl, &private, *network.vpc.get(env), env);
                check_replies_to_private(cx, acl, &private, env);
            }
            if tier.role == TierRole::Private {
                check_private_return_traffic(cx, acl, env);
                check_private_outbound_traffic(cx, acl, env);
            }
        });
    }
}

/// A private subnet in one environment: its tier, the subnet, its block there and where that
/// block is written.
struct PrivateSubnet<'a> {
    tier: &'a SubnetTier,
    subnet: &'a Subnet,
    cidr: Cidr,
    at: crate::diag::ModelPath,
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
fn check_public_return_traffic(cx: &mut Vec<Diagnostic>, acl: &NetworkAcl, env: &str) {
    let tier = acl.tier.as_str();
    let wanted = Flows::new(Cidr::ANYWHERE, PortRange::EPHEMERAL);
    let help = format!(
        "network ACLs are stateless; add an inbound rule `allow tcp 1024..=65535 from \"0.0.0.0/0\"` to tier `{tier}`"
    );
    if let Some(finding) = gap_finding(
        &PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC,
        acl,
        Direction::Inbound,
        wanted,
        |reason| {
            format!("network ACL of public tier `{tier}` blocks return traffic to its NAT gateways: {reason}")
        },
        help,
        env,
    ) {
        cx.push(finding);
    }
}

/// The tier hosting the NAT gateways lets their connections out to the internet, at least on
/// TCP 443: the NAT gateways forward the private tiers' connections from this tier's subnets.
///
/// Source: VPC User Guide, "Troubleshoot NAT gateways" (the NAT gateway subnet's network ACL
/// must allow outbound traffic to the internet destinations) and the recommended public-subnet
/// rules for a VPC with public and private subnets: "0.0.0.0/0 TCP 443 ALLOW" outbound.
fn check_nat_outbound_traffic(cx: &mut Vec<Diagnostic>, acl: &NetworkAcl, env: &str) {
    let tier = acl.tier.as_str();
    let wanted = Flows::new(Cidr::ANYWHERE, HTTPS);
    let help = format!(
        "the NAT gateways forward the private tiers' traffic from this tier; add an outbound rule `allow all to \"0.0.0.0/0\"` to tier `{tier}`"
    );
    if let Some(finding) = gap_finding(
        &PUBLIC_ACL_BLOCKS_NAT_OUTBOUND_TRAFFIC,
        acl,
        Direction::Outbound,
        wanted,
        |reason| {
            format!("network ACL of public tier `{tier}` blocks its NAT gateways' connections to the internet: {reason}")
        },
        help,
        env,
    ) {
        cx.push(finding);
    }
}

/// The tier hosting the NAT gateways lets the private subnets' traffic in, at least on TCP 443:
/// it enters the NAT gateway's subnet with the private task's address as its source.
///
/// Source: VPC User Guide, "Troubleshoot NAT gateways" (the NAT gateway subnet's network ACL
/// must allow inbound traffic from the instances) and the recommended public-subnet rules for a
/// VPC with public and private subnets: "0.0.0.0/0 TCP 443 ALLOW" inbound.
fn check_private_traffic_in(
    cx: &mut Vec<Diagnostic>,
    acl: &NetworkAcl,
    private: &[PrivateSubnet<'_>],
    vpc: Cidr,
    env: &str,
) {
    let tier = acl.tier.as_str();
    for subnet in private {
        let wanted = Flows::new(subnet.cidr, HTTPS);
        let help = format!(
            "add an inbound rule `allow all from \"{vpc}\"` to tier `{tier}`, so the private subnets reach their NAT gateways"
        );
        let finding = gap_finding(
            &PUBLIC_ACL_BLOCKS_PRIVATE_TRAFFIC,
            acl,
            Direction::Inbound,
            wanted,
            |reason| {
                format!("network ACL of public tier `{tier}` blocks traffic from private subnet `{}` in `{}` to its NAT gateways: {reason}", subnet.tier.name, subnet.subnet.zone)
            },
            help,
            env,
        );
        if let Some(finding) = finding {
            cx.push(with_subnet(finding, subnet));
            return;
        }
    }
}

/// The tier hosting the NAT gateways lets the replies out to the private subnets: they leave the
/// NAT gateway's subnet for the task's ephemeral port (Linux: 32768-60999).
///
/// Source: VPC User Guide, "Network ACLs" (ephemeral ports), "Troubleshoot NAT gateways" (the
/// NAT gateway subnet's network ACL must allow outbound traffic to the instances) and the
/// recommended public-subnet rule "0.0.0.0/0 TCP 32768-65535 ALLOW" outbound.
fn check_replies_to_private(
    cx: &mut Vec<Diagnostic>,
    acl: &NetworkAcl,
    private: &[PrivateSubnet<'_>],
    env: &str,
) {
    let tier = acl.tier.as_str();
    for subnet in private {
        let wanted = Flows::new(subnet.cidr, LINUX_EPHEMERAL);
        let help = format!(
            "network ACLs are stateless; add an outbound rule `allow tcp 1024..=65535 to \"0.0.0.0/0\"` to tier `{tier}`, as AWS recommends"
        );
        let finding = gap_finding(
            &PUBLIC_ACL_BLOCKS_REPLIES_TO_PRIVATE,
            acl,
            Direction::Outbound,
            wanted,
            |reason| {
                format!("network ACL of public tier `{tier}` blocks replies from its NAT gateways to private subnet `{}` in `{}`: {reason}", subnet.tier.name, subnet.subnet.zone)
            },
            help,
            env,
        );
        if let Some(finding) = finding {
            cx.push(with_subnet(finding, subnet));
            return;
        }
    }
}

/// A private tier lets NAT return traffic in: replies keep the internet source address and come
/// back to the task's ephemeral port (Linux: 32768-60999), so an inbound rule must allow TCP on
/// those ports from `0.0.0.0/0`.
///
/// Source: VPC User Guide, "Network ACLs" (ephemeral ports) and the recommended private-subnet rule
/// "0.0.0.0/0 TCP 1024-65535 ALLOW, inbound return traffic from the NAT device".
fn check_private_return_traffic(cx: &mut Vec<Diagnostic>, acl: &NetworkAcl, env: &str) {
    let tier = acl.tier.as_str();
    let wanted = Flows::new(Cidr::ANYWHERE, LINUX_EPHEMERAL);
    let help = format!(
        "replies keep their internet source address; add an inbound rule `allow tcp 1024..=65535 from \"0.0.0.0/0\"` to tier `{tier}`, as AWS recommends"
    );
    if let Some(finding) = gap_finding(
        &PRIVATE_ACL_BLOCKS_NAT_RETURN_TRAFFIC,
        acl,
        Direction::Inbound,
        wanted,
        |reason| {
            format!("network ACL of private tier `{tier}` blocks replies coming back through the NAT gateway: {reason}")
        },
        help,
        env,
    ) {
        cx.push(finding);
    }
}

/// A private tier, routed to the internet through NAT gateways, lets its tasks' connections out
/// to every address, at least on TCP 443 (ECR, CloudWatch Logs, Secrets Manager and STS).
///
/// Source: VPC User Guide, the recommended private-subnet rules for a VPC with public and private
/// subnets: "0.0.0.0/0 TCP 443 ALLOW, outbound HTTPS traffic from the subnet to the internet".
fn check_private_outbound_traffic(cx: &mut Vec<Diagnostic>, acl: &NetworkAcl, env: &str) {
    let tier = acl.tier.as_str();
    let wanted = Flows::new(Cidr::ANYWHERE, HTTPS);
    let help = format!(
        "tasks reach ECR, CloudWatch Logs and Secrets Manager over HTTPS; add an outbound rule `allow all to \"0.0.0.0/0\"` to tier `{tier}`, or make the tier `isolated` if it must not reach the internet"
    );
    if let Some(finding) = gap_finding(
        &PRIVATE_ACL_BLOCKS_OUTBOUND_TRAFFIC,
        acl,
        Direction::Outbound,
        wanted,
        |reason| {
            format!("network ACL of private tier `{tier}` blocks its connections to the internet through the NAT gateway: {reason}")
        },
        help,
        env,
    ) {
        cx.push(finding);
    }
}

/// Every subnet of the private tiers inside the VPC in `env`, with its tier (one outside is the
/// finding of `subnet-outside-vpc`, not of the ACL).
fn private_subnets<'a>(
    private_tiers: &[&'a SubnetTier],
    vpc: Cidr,
    env: &str,
) -> Vec<PrivateSubnet<'a>> {
    private_tiers
        .iter()
        .flat_map(|tier| tier.subnets.iter().map(move |subnet| (*tier, subnet)))
        .map(|(tier, subnet)| PrivateSubnet {
            tier,
            subnet,
            cidr: *subnet.cidr.get(env),
            at: subnet.cidr.path_in(
                &path::subnet_cidr(tier.name.as_str(), subnet.zone.as_str()),
                env,
            ),
        })
        .filter(|subnet| vpc.contains(&subnet.cidr))
        .collect()
}

/// Adds the private subnet a finding is about, as a related place.
fn with_subnet(finding: Diagnostic, subnet: &PrivateSubnet<'_>) -> Diagnostic {
    finding.with_related(
        subnet.at.clone(),
        format!(
            "private subnet `{}` in `{}` is `{}` and routes to the internet through the NAT gateways",
            subnet.tier.name, subnet.subnet.zone, subnet.cidr
        ),
    )
}

/// The finding of `rule` when the `direction` rules of `acl` do not let `wanted` through: at the
/// deny rule that drops it, or at the ACL when no rule matches it. `message` turns the reason
/// (`no inbound rule allows TCP 443 from 0.0.0.0/0`) into the message; `help` says which rule
/// to add, or, when a deny rule drops the flows, the help says to move it.
pub(crate) fn gap_finding(
    rule: &super::Rule,
    acl: &NetworkAcl,
    direction: Direction,
    wanted: Flows,
    message: impl FnOnce(String) -> String,
    help: String,
    env: &str,
) -> Option<Diagnostic> {
    let rules = match direction {
        Direction::Inbound => &acl.inbound,
        Direction::Outbound => &acl.outbound,
    };
    let gap = first_gap(rules, wanted, env)?;
    let tier = acl.tier.as_str();
    let (at, reason) = match gap {
        Gap::Denied { idx, flows } => (
            path::acl_rule(tier, direction, idx),
            format!(
                "{} deny rule {} drops TCP {} {} {} first",
                word(direction),
                rules[idx].number,
                flows.ports,
                preposition(direction),
                flows.peers()
            ),
        ),
        Gap::Unmatched { flows } => {
            let (word, preposition) = (word(direction), preposition(direction));
            let reason = if (flows.first, flows.last) == (wanted.first, wanted.last) {
                format!(
                    "no {word} rule allows TCP {} {preposition} {}",
                    flows.ports,
                    flows.peers()
                )
            } else {
                let peers = flows.peers();
                let verb = if peers.starts_with("addresses") {
                    "match"
                } else {
                    "matches"
                };
                format!(
                    "no {word} rule allows TCP {} {preposition} all of {} ({peers} {verb} none)",
                    flows.ports,
                    wanted.peers()
                )
            };
            (path::acl(tier), reason)
        }
    };
    let help = match gap {
        Gap::Denied { idx, .. } => format!(
            "rule {} is evaluated before any rule that allows this; remove it, narrow it, or give it a number above the allowing rule's",
            rules[idx].number
        ),
        Gap::Unmatched { .. } => help,
    };
    Some(rule.at(at, message(reason)).with_help(help))
}

/// TCP flows between a tier's subnets and the peer addresses `first..=last`, to the ports `ports`
/// (the destination port: the peer's for outbound traffic, the subnet's for inbound traffic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Flows {
    first: u32,
    last: u32,
    ports: PortRange,
}

impl Flows {
    /// The flows between a tier's subnets and `peers`, to `ports`.
    pub(crate) fn new(peers: Cidr, ports: PortRange) -> Flows {
        Flows {
            first: peers.first(),
            last: peers.last(),
            ports,
        }
    }

    /// The flows in both `self` and `other`, if any.
    fn intersection(&self, other: &Flows) -> Option<Flows> {
        let (first, last) = (self.first.max(other.first), self.last.min(other.last));
        let from = self.ports.from().max(other.ports.from());
        let to = self.ports.to().min(other.ports.to());
        let ports = PortRange::new(from, to).ok()?;
        (first <= last).then_some(Flows { first, last, ports })
    }

    /// Pushes onto `out` the flows of `self` outside `inner`, a part of `self`: at most four boxes
    /// (the addresses below and above `inner`'s, then `inner`'s addresses on the other ports).
    fn push_rest(&self, inner: &Flows, out: &mut Vec<Flows>) {
        if self.first < inner.first {
            out.push(Flows {
                last: inner.first - 1,
                ..*self
            });
        }
        if inner.last < self.last {
            out.push(Flows {
                first: inner.last + 1,
                ..*self
            });
        }
        let middle = |from, to| Flows {
            first: inner.first,
            last: inner.last,
            ports: PortRange::new_assert(from, to),
        };
        if self.ports.from() < inner.ports.from() {
            out.push(middle(self.ports.from(), inner.ports.from() - 1));
        }
        if inner.ports.to() < self.ports.to() {
            out.push(middle(inner.ports.to() + 1, self.ports.to()));
        }
    }

    /// The peer addresses as a block (`10.0.11.0/24`) when they form one, else as a range.
    fn peers(&self) -> String {
        let count = u64::from(self.last - self.first) + 1;
        if count.is_power_of_two() && u64::from(self.first) % count == 0 {
            let prefix = 32 - count.trailing_zeros() as u8;
            Cidr::from_parts(self.first, prefix).to_string()
        } else {
            let ip = |address: u32| std::net::Ipv4Addr::from(address).to_string();
            format!("addresses {} to {}", ip(self.first), ip(self.last))
        }
    }
}

/// What an ACL's rules of one direction do with some flows.
#[derive(Debug, Default)]
struct Outcome {
    /// The flows explicit deny rules drop, each with the index of its rule, in rule-number order.
    denied: Vec<(usize, Flows)>,
    /// The flows no rule matches: the final `*` rule drops them.
    unmatched: Vec<Flows>,
}

/// Cuts `wanted` by each rule, lowest number first: the first rule that matches a flow decides
/// it. Only TCP flows are asked about, so UDP and ICMP rules match nothing; a rule for every
/// protocol matches every port. A rule whose block contains the wanted addresses decides for
/// all of them, one whose block only overlaps them decides for the shared part.
fn evaluate(rules: &[AclRule], wanted: Flows, env: &str) -> Outcome {
    let mut ordered: Vec<(usize, &AclRule)> = rules.iter().enumerate().collect();
    ordered.sort_by_key(|(_, rule)| rule.number);
    let mut outcome = Outcome::default();
    let mut undecided = vec![wanted];
    for (idx, rule) in ordered {
        let Some(ports) = rule.traffic.tcp_ports() else {
            continue;
        };
        let matched = Flows::new(*rule.cidr.get(env), ports);
        let mut rest = Vec::with_capacity(undecided.len());
        for flows in undecided {
            match flows.intersection(&matched) {
                Some(hit) => {
                    if rule.action == AclAction::Deny {
                        outcome.denied.push((idx, hit));
                    }
                    flows.push_rest(&hit, &mut rest);
                }
                None => rest.push(flows),
            }
        }
        undecided = rest;
        if undecided.is_empty() {
            break;
        }
    }
    outcome.unmatched = undecided;
    outcome
}

/// Why some wanted flows do not get through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Deny rules drop these ports for every wanted address; the rule at `idx` comes first.
    Denied { idx: usize, flows: Flows },
    /// No rule matches these flows, so the final `*` rule drops them.
    Unmatched { flows: Flows },
}

/// The first reason the rules do not let all of `wanted` through, if any.
///
/// Flows that no rule matches are a gap: the implicit final rule denies them. Flows an explicit
/// deny rule drops are a gap when, for some port, deny rules drop it for every wanted address
/// (one rule, or several whose blocks together cover them); a deny rule for only some of the
/// addresses is a deliberate block of those peers (a known bad range), not a mistake.
fn first_gap(rules: &[AclRule], wanted: Flows, env: &str) -> Option<Gap> {
    let outcome = evaluate(rules, wanted, env);
    fully_denied(&outcome.denied, &wanted).or_else(|| {
        let flows = outcome.unmatched.into_iter().min()?;
        Some(Gap::Unmatched { flows })
    })
}

/// A port that the denied flows cover for every address of `wanted`, as a [`Gap::Denied`] with
/// every such port next to it and the first rule that drops them.
fn fully_denied(denied: &[(usize, Flows)], wanted: &Flows) -> Option<Gap> {
    let mut candidates: Vec<u16> = denied.iter().map(|(_, flows)| flows.ports.from()).collect();
    candidates.sort_unstable();
    candidates.dedup();
    for port in candidates {
        let mut covering: Vec<(usize, &Flows)> = denied
            .iter()
            .enumerate()
            .filter(|(_, (_, flows))| flows.ports.from() <= port && port <= flows.ports.to())
            .map(|(order, (_, flows))| (order, flows))
            .collect();
        covering.sort_by_key(|(_, flows)| flows.first);
        let mut next = u64::from(wanted.first);
        for (_, flows) in &covering {
            if u64::from(flows.first) > next {
                break;
            }
            next = next.max(u64::from(flows.last) + 1);
        }
        if next > u64::from(wanted.last) {
            let from = covering.iter().map(|(_, f)| f.ports.from()).max()?;
            let to = covering.iter().map(|(_, f)| f.ports.to()).min()?;
            let (first_order, _) = covering.iter().min_by_key(|(order, _)| *order)?;
            return Some(Gap::Denied {
                idx: denied[*first_order].0,
                flows: Flows {
                    ports: PortRange::new(from, to).ok()?,
                    ..*wanted
                },
            });
        }
    }
    None
}

fn word(direction: Direction) -> &'static str {
    match direction {
        Direction::Inbound => "inbound",
        Direction::Outbound => "outbound",
    }
}

fn preposition(direction: Direction) -> &'static str {
    match direction {
        Direction::Inbound => "from",
        Direction::Outbound => "to",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AclRule;
    use crate::testing::{acl_mut, codes, design, one_block};
    use crate::value::{AclRuleNumber, Cidr, Traffic};

    fn rule(number: u32, action: AclAction, traffic: Traffic, cidr: &'static str) -> AclRule {
        AclRule {
            number: AclRuleNumber::new_assert(number),
            action,
            traffic,
            cidr: Cidr::new_assert(cidr).into(),
        }
    }

    fn flows(cidr: &'static str, ports: PortRange) -> Flows {
        Flows::new(Cidr::new_assert(cidr), ports)
    }

    const ANYWHERE_EPHEMERAL: Flows = Flows {
        first: 0,
        last: u32::MAX,
        ports: PortRange::EPHEMERAL,
    };
    const HTTPS_TRAFFIC: Traffic = Traffic::Tcp(PortRange::single(443));
    const EPHEMERAL: Traffic = Traffic::Tcp(PortRange::EPHEMERAL);

    /// The design without its load balancer, whose traffic through the ACLs is the load
    /// balancer section's finding.
    fn without_load_balancer(mut platform: crate::model::Platform) -> crate::model::Platform {
        platform.load_balancer = crate::model::LoadBalancing::new();
        platform
    }

    #[test]
    fn seed_public_acl_with_only_443_is_caught() {
        let mut platform = design();
        acl_mut(&mut platform, "public").inbound =
            vec![rule(100, AclAction::Allow, HTTPS_TRAFFIC, "0.0.0.0/0")];
        // It drops the load balancer's targets' replies too, from each environment's private
        // blocks (the load balancer section's finding).
        assert_eq!(
            codes(&platform),
            [
                "load-balancer-acl-blocks-traffic",
                "load-balancer-acl-blocks-traffic",
                "public-acl-blocks-return-traffic"
            ]
        );
    }

    #[test]
    fn seed_private_acl_with_only_the_vpc_is_caught() {
        let mut platform = design();
        acl_mut(&mut platform, "private").inbound =
            vec![rule(100, AclAction::Allow, Traffic::All, "10.0.0.0/16")];
        // Staging's load balancer subnets are outside 10.0.0.0/16: its requests are dropped too
        // (the load balancer section's finding).
        assert_eq!(
            codes(&platform),
            [
                "private-acl-blocks-nat-return-traffic",
                "target-acl-blocks-load-balancer"
            ]
        );
    }

    #[test]
    fn gaps_follow_rule_order() {
        let allow_all = rule(200, AclAction::Allow, EPHEMERAL, "0.0.0.0/0");
        assert!(first_gap(std::slice::from_ref(&allow_all), ANYWHERE_EPHEMERAL, "").is_none());
        let deny_first = rule(
            100,
            AclAction::Deny,
            Traffic::Tcp(PortRange::new_assert(2000, 3000)),
            "0.0.0.0/0",
        );
        assert_eq!(
            first_gap(
                &[allow_all.clone(), deny_first.clone()],
                ANYWHERE_EPHEMERAL,
                ""
            ),
            Some(Gap::Denied {
                idx: 1,
                flows: flows("0.0.0.0/0", PortRange::new_assert(2000, 3000))
            })
        );
        let deny_later = rule(300, AclAction::Deny, Traffic::All, "0.0.0.0/0");
        assert!(first_gap(
            &[deny_later.clone(), allow_all.clone()],
            ANYWHERE_EPHEMERAL,
            ""
        )
        .is_none());
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
        assert!(first_gap(&split, ANYWHERE_EPHEMERAL, "").is_none());
        assert_eq!(
            first_gap(&split[..1], ANYWHERE_EPHEMERAL, ""),
            Some(Gap::Unmatched {
                flows: flows("0.0.0.0/0", PortRange::new_assert(30001, 65535))
            })
        );
        let udp_only = rule(
            100,
            AclAction::Allow,
            Traffic::Udp(PortRange::EPHEMERAL),
            "0.0.0.0/0",
        );
        assert!(first_gap(std::slice::from_ref(&udp_only), ANYWHERE_EPHEMERAL, "").is_some());
    }

    #[test]
    fn a_deny_before_the_allow_drops_the_traffic() {
        let deny = rule(90, AclAction::Deny, Traffic::All, "0.0.0.0/0");
        let allow = rule(100, AclAction::Allow, Traffic::All, "0.0.0.0/0");
        assert_eq!(
            first_gap(&[allow.clone(), deny.clone()], ANYWHERE_EPHEMERAL, ""),
            Some(Gap::Denied {
                idx: 1,
                flows: ANYWHERE_EPHEMERAL
            })
        );
        // Two deny rules whose blocks together cover every address drop it just the same.
        let halves = [
            rule(80, AclAction::Deny, EPHEMERAL, "0.0.0.0/1"),
            rule(90, AclAction::Deny, EPHEMERAL, "128.0.0.0/1"),
            allow.clone(),
        ];
        assert!(matches!(
            first_gap(&halves, ANYWHERE_EPHEMERAL, ""),
            Some(Gap::Denied { idx: 0, .. })
        ));
        // A deny rule for some addresses only is a deliberate block of those peers.
        let narrow = rule(50, AclAction::Deny, Traffic::All, "198.51.100.0/24");
        assert!(first_gap(&[narrow.clone(), allow.clone()], ANYWHERE_EPHEMERAL, "").is_none());
    }

    #[test]
    fn a_union_of_blocks_covers_their_sum() {
        let halves = [
            rule(100, AclAction::Allow, EPHEMERAL, "0.0.0.0/1"),
            rule(110, AclAction::Allow, EPHEMERAL, "128.0.0.0/1"),
        ];
        assert!(first_gap(&halves, ANYWHERE_EPHEMERAL, "").is_none());
        assert_eq!(
            first_gap(&halves[..1], ANYWHERE_EPHEMERAL, ""),
            Some(Gap::Unmatched {
                flows: flows("128.0.0.0/1", PortRange::EPHEMERAL)
            })
        );
        let mut platform = design();
        acl_mut(&mut platform, "private").inbound[1] =
            rule(110, AclAction::Allow, EPHEMERAL, "0.0.0.0/1");
        acl_mut(&mut platform, "private").inbound.push(rule(
            120,
            AclAction::Allow,
            EPHEMERAL,
            "128.0.0.0/1",
        ));
        assert_eq!(codes(&platform), Vec::<&str>::new());
    }

    #[test]
    fn blocks_that_contain_or_overlap_the_wanted_block() {
        let subnet = flows("10.0.11.0/24", PortRange::single(443));
        let vpc = rule(100, AclAction::Allow, Traffic::All, "10.0.0.0/16");
        assert!(first_gap(std::slice::from_ref(&vpc), subnet, "").is_none());
        let half = rule(100, AclAction::Allow, HTTPS_TRAFFIC, "10.0.11.0/25");
        let gap = first_gap(std::slice::from_ref(&half), subnet, "");
        assert_eq!(
            gap,
            Some(Gap::Unmatched {
                flows: flows("10.0.11.128/25", PortRange::single(443))
            })
        );
        let wider = rule(100, AclAction::Allow, HTTPS_TRAFFIC, "10.0.8.0/21");
        let odd = Flows {
            first: Cidr::new_assert("10.0.11.0/24").first() + 5,
            ..subnet
        };
        assert!(first_gap(std::slice::from_ref(&wider), odd, "").is_none());
        assert_eq!(
            Flows {
                last: odd.last - 1,
                ..odd
            }
            .peers(),
            "addresses 10.0.11.5 to 10.0.11.254"
        );
        let deny_wider = rule(90, AclAction::Deny, HTTPS_TRAFFIC, "10.0.0.0/8");
        assert!(matches!(
            first_gap(&[deny_wider.clone(), vpc.clone()], subnet, ""),
            Some(Gap::Denied { idx: 0, .. })
        ));
    }

    #[test]
    fn private_tier_may_allow_just_the_linux_range() {
        let mut platform = design();
        acl_mut(&mut platform, "private").inbound[1].traffic =
            Traffic::Tcp(PortRange::new_assert(32768, 65535));
        assert_eq!(codes(&platform), Vec::<&str>::new());
    }

    #[test]
    fn private_tier_must_reach_the_internet() {
        let mut platform = without_load_balancer(design());
        acl_mut(&mut platform, "private").outbound =
            vec![rule(100, AclAction::Allow, Traffic::All, "10.0.0.0/16")];
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "private-acl-blocks-outbound-traffic");
        assert!(
            findings[0].message.ends_with(
                "no outbound rule allows TCP 443 to all of 0.0.0.0/0 (addresses 0.0.0.0 to 9.255.255.255 match none)"
            ),
            "{}",
            findings[0].message
        );
        let mut platform = without_load_balancer(design());
        acl_mut(&mut platform, "private").outbound.push(rule(
            50,
            AclAction::Deny,
            HTTPS_TRAFFIC,
            "0.0.0.0/0",
        ));
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].path.as_str(),
            "network.acls.private.outbound[1]"
        );
        assert!(findings[0]
            .message
            .ends_with("outbound deny rule 50 drops TCP 443 to 0.0.0.0/0 first"));
    }

    #[test]
    fn nat_tier_must_pass_the_private_tiers_traffic_both_ways() {
        let one_block = || without_load_balancer(one_block());
        // Out to the internet.
        let mut platform = one_block();
        acl_mut(&mut platform, "public").outbound = vec![
            rule(100, AclAction::Allow, EPHEMERAL, "0.0.0.0/0"),
            rule(
                110,
                AclAction::Allow,
                Traffic::Tcp(PortRange::single(80)),
                "0.0.0.0/0",
            ),
        ];
        assert_eq!(codes(&platform), ["public-acl-blocks-nat-outbound-traffic"]);
        // Replies back to the private subnets' ephemeral ports.
        let mut platform = one_block();
        acl_mut(&mut platform, "public").outbound = vec![
            rule(100, AclAction::Allow, HTTPS_TRAFFIC, "0.0.0.0/0"),
            rule(110, AclAction::Allow, EPHEMERAL, "10.0.11.0/24"),
        ];
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "public-acl-blocks-replies-to-private");
        assert!(findings[0]
            .message
            .contains("to private subnet `private` in `ap-northeast-1c`"));
        assert_eq!(
            findings[0].related[0].path.as_str(),
            r#"network.subnets.private["ap-northeast-1c"].cidr"#
        );
        // In from the private subnets.
        let mut platform = one_block();
        acl_mut(&mut platform, "public").inbound = vec![
            rule(100, AclAction::Allow, HTTPS_TRAFFIC, "10.0.11.0/24"),
            rule(110, AclAction::Allow, EPHEMERAL, "0.0.0.0/0"),
        ];
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "public-acl-blocks-private-traffic");
        assert!(findings[0]
            .message
            .ends_with("no inbound rule allows TCP 443 from 10.0.12.0/24"));
        // A private subnet outside the VPC is reported by `subnet-outside-vpc` alone.
        let mut outside = platform.clone();
        outside.network.tiers[1].subnets[1].cidr = Cidr::new_assert("192.168.12.0/24").into();
        assert_eq!(codes(&outside), ["subnet-outside-vpc"]);
        // A rule for the VPC block covers both private subnets.
        acl_mut(&mut platform, "public").inbound.push(rule(
            120,
            AclAction::Allow,
            Traffic::All,
            "10.0.0.0/16",
        ));
        assert_eq!(codes(&platform), Vec::<&str>::new());
    }

    #[test]
    fn without_private_tiers_the_public_acl_needs_no_nat_rules() {
        let mut platform = one_block();
        platform
            .network
            .tiers
            .retain(|tier| tier.role != TierRole::Private);
        platform
            .network
            .acls
            .retain(|acl| acl.tier.as_str() == "public");
        platform.network.interface_endpoints.clear();
        // The groups of the private tier (`application`, `password_rotation`) lose their tier.
        for group in &mut platform.network.security_groups {
            if group.tier.as_ref().is_some_and(|tier| tier.as_str() == "private") {
                group.tier = None;
            }
        }
        // The batch jobs and the services ran in the private tier, the load balancer's target
        // among them.
        platform.batch = crate::model::Batch::new();
        platform.compute = crate::model::Compute::new();
        platform.load_balancer = crate::model::LoadBalancing::new();
        // The database's password rotation ran there too.
        platform.database = crate::model::Databases::new();
        let acl = acl_mut(&mut platform, "public");
        acl.inbound.truncate(1);
        acl.outbound.clear();
        assert_eq!(codes(&platform), Vec::<&str>::new());
    }

    /// What the first matching rule does with one TCP flow, looked up rule by rule.
    fn naive(rules: &[AclRule], address: u32, port: u16) -> Option<AclAction> {
        let mut ordered: Vec<&AclRule> = rules.iter().collect();
        ordered.sort_by_key(|rule| rule.number);
        ordered
            .into_iter()
            .find(|rule| {
                let peers = Flows::new(*rule.cidr.default_value(), PortRange::ALL);
                let ports = rule.traffic.tcp_ports();
                (peers.first..=peers.last).contains(&address)
                    && ports.is_some_and(|p| (p.from()..=p.to()).contains(&port))
            })
            .map(|rule| rule.action)
    }

    fn arbitrary_rule() -> impl proptest::strategy::Strategy<Value = AclRule> {
        use proptest::prelude::*;
        let traffic = prop_oneof![
            Just(Traffic::All),
            Just(Traffic::Icmp),
            (0u16..8, 0u16..8)
                .prop_map(|(a, b)| Traffic::Udp(PortRange::new_assert(a.min(b), a.max(b)))),
            (0u16..8, 0u16..8)
                .prop_map(|(a, b)| Traffic::Tcp(PortRange::new_assert(a.min(b), a.max(b)))),
        ];
        // Blocks inside 10.0.0.0/28 and around it, so that rules contain, overlap or miss.
        let cidr = (0u32..16, 24u8..=32).prop_map(|(host, prefix)| {
            let address = 0x0a00_0000 | host;
            let mask = if prefix == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(prefix))
            };
            Cidr::from_parts(address & mask, prefix)
        });
        (1u32..40, any::<bool>(), traffic, cidr).prop_map(|(number, allow, traffic, cidr)| {
            AclRule {
                number: AclRuleNumber::new_assert(number),
                action: if allow {
                    AclAction::Allow
                } else {
                    AclAction::Deny
                },
                traffic,
                cidr: cidr.into(),
            }
        })
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// The boxes of an evaluation decide every flow of the wanted box exactly as the first
        /// matching rule does.
        #[test]
        fn evaluation_agrees_with_the_first_matching_rule(
            rules in proptest::collection::vec(arbitrary_rule(), 0..8),
            (first, last) in (0u32..16, 0u32..16).prop_map(|(a, b)| (a.min(b), a.max(b))),
            (from, to) in (0u16..8, 0u16..8).prop_map(|(a, b)| (a.min(b), a.max(b))),
        ) {
            // Unique numbers (as `duplicate-acl-rule-number` demands), in the generated order.
            let mut numbers = std::collections::HashSet::new();
            let unique: Vec<AclRule> = rules
                .iter()
                .filter(|rule| numbers.insert(rule.number))
                .cloned()
                .collect();
            let wanted = Flows {
                first: 0x0a00_0000 | first,
                last: 0x0a00_0000 | last,
                ports: PortRange::new_assert(from, to),
            };
            let outcome = evaluate(&unique, wanted, "");
            let inside = |flows: &Flows, address: u32, port: u16| {
                (flows.first..=flows.last).contains(&address)
                    && (flows.ports.from()..=flows.ports.to()).contains(&port)
            };
            for address in wanted.first..=wanted.last {
                for port in from..=to {
                    let denied: Vec<usize> = outcome
                        .denied
                        .iter()
                        .filter(|(_, flows)| inside(flows, address, port))
                        .map(|(idx, _)| *idx)
                        .collect();
                    let unmatched = outcome
                        .unmatched
                        .iter()
                        .filter(|flows| inside(flows, address, port))
                        .count();
                    proptest::prop_assert!(denied.len() + unmatched <= 1, "boxes overlap");
                    let decided = match (denied.first(), unmatched) {
                        (Some(_), _) => Some(AclAction::Deny),
                        (None, 1) => None,
                        _ => Some(AclAction::Allow),
                    };
                    proptest::prop_assert_eq!(decided, naive(&unique, address, port));
                }
            }
        }
    }

    #[test]
    fn rule_numbers_are_unique_per_direction() {
        let mut platform = design();
        let acl = acl_mut(&mut platform, "public");
        let first = acl.inbound[0].clone();
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
