//! Security groups and their rules.
//!
//! Rules whose peer is a CIDR block are written inline in the group. Rules whose peer is another
//! group become separate `AWS::EC2::SecurityGroupIngress` / `AWS::EC2::SecurityGroupEgress`
//! resources: two groups that name each other inline would form a dependency cycle.
//!
//! Every rule has a description: the design's, or else one derived from the rule, such as
//! `tcp 8080 from security group alb` (reviewers and checkov's `CKV_AWS_23` ask for one).

use infra_core::model::TierRole;
use infra_core::model::{
    path, Direction as ModelDirection, Peer, SecurityGroup, SecurityGroupRule,
};
use infra_core::rules::{
    Rule, DATABASE_OPEN_TO_WORLD, DUPLICATE_NAME, INVALID_DESCRIPTION, INVALID_PORT_RANGE,
    UNKNOWN_SECURITY_GROUP, UNKNOWN_TIER,
};
use infra_core::value::Traffic;

use super::logical_id;
use crate::context::State;
use crate::intrinsic::Expr;
use crate::stack::Stack;
use crate::template::{Resource, Template};

/// Adds every security group, with its inline rules, and its rules that name other groups.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    for group in &stack.network().security_groups {
        add_group(stack, template, group);
        add_group_rules(stack, template, group, Direction::Ingress, &group.ingress);
        add_group_rules(stack, template, group, Direction::Egress, &group.egress);
    }
}

/// A rule's description: the design's, or else `<traffic> from|to <peer>`, such as
/// `tcp 8080 from security group alb` or `all to 0.0.0.0/0`. Names, CIDR blocks and traffic
/// keywords use only characters EC2 accepts in descriptions.
pub(super) fn rule_description(rule: &SecurityGroupRule, ingress: bool) -> String {
    if let Some(description) = &rule.description {
        return description.clone();
    }
    let side = if ingress { "from" } else { "to" };
    match &rule.peer {
        Peer::Cidr(cidr) => format!("{} {side} {cidr}", rule.traffic),
        Peer::Group(group) => format!("{} {side} security group {group}", rule.traffic),
    }
}

/// Which way a rule lets traffic through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Ingress,
    Egress,
}

impl Direction {
    /// The resource type of a standalone rule.
    const fn resource_type(self) -> &'static str {
        match self {
            Self::Ingress => "AWS::EC2::SecurityGroupIngress",
            Self::Egress => "AWS::EC2::SecurityGroupEgress",
        }
    }

    /// The property that names the other group.
    const fn peer_group_property(self) -> &'static str {
        match self {
            Self::Ingress => "SourceSecurityGroupId",
            Self::Egress => "DestinationSecurityGroupId",
        }
    }
}

/// Whether the group's members live in an isolated (database) tier.
fn in_isolated_tier(stack: &Stack<'_>, group: &SecurityGroup) -> bool {
    group
        .tier
        .as_ref()
        .and_then(|tier| stack.network().find_tier(tier.as_str()))
        .is_some_and(|tier| tier.role == TierRole::Isolated)
}

/// The rules that checked a group, with its inline rules.
fn group_rules(stack: &Stack<'_>, group: &SecurityGroup) -> Vec<&'static Rule> {
    let mut rules: Vec<&'static Rule> = vec![&DUPLICATE_NAME, &INVALID_DESCRIPTION];
    let mut rules_of_group = group.ingress.iter().chain(&group.egress);
    if rules_of_group
        .clone()
        .any(|rule| rule.traffic.ports().is_some())
    {
        rules.push(&INVALID_PORT_RANGE);
    }
    if rules_of_group.any(|rule| matches!(rule.peer, Peer::Group(_))) {
        rules.push(&UNKNOWN_SECURITY_GROUP);
    }
    if group.tier.is_some() {
        rules.push(&UNKNOWN_TIER);
    }
    if in_isolated_tier(stack, group) {
        rules.push(&DATABASE_OPEN_TO_WORLD);
    }
    rules
}

/// A rule in a few words: `tcp 443 from 0.0.0.0/0 (HTTPS)`, the design's description last.
fn rule_summary(rule: &SecurityGroupRule, ingress: bool) -> String {
    let side = if ingress { "from" } else { "to" };
    let peer = match &rule.peer {
        Peer::Cidr(cidr) => cidr.to_string(),
        Peer::Group(group) => format!("`{group}`"),
    };
    match &rule.description {
        Some(description) => format!("{} {side} {peer} ({description})", rule.traffic),
        None => format!("{} {side} {peer}", rule.traffic),
    }
}

/// Why the group exists: its description, where its members live, what it admits and sends.
fn group_why(group: &SecurityGroup) -> String {
    let members = match &group.tier {
        Some(tier) => format!(", for members in tier `{tier}`"),
        None => String::new(),
    };
    let list = |rules: &[SecurityGroupRule], ingress: bool| -> String {
        if rules.is_empty() {
            return "nothing".to_owned();
        }
        let rules: Vec<String> = rules
            .iter()
            .map(|rule| rule_summary(rule, ingress))
            .collect();
        rules.join(", ")
    };
    format!(
        "Security group `{}` ({}){members}: admits {}; sends {}",
        group.name,
        group.description,
        list(&group.ingress, true),
        list(&group.egress, false)
    )
}

fn add_group(stack: &Stack<'_>, template: &mut Template, group: &SecurityGroup) {
    let ingress = inline_rules(&group.ingress, true);
    let mut egress = inline_rules(&group.egress, false);
    if egress.is_empty() {
        egress.push(disallow_all_egress());
    }
    let resource = Resource::new("AWS::EC2::SecurityGroup")
        .property("GroupDescription", group.description.as_str())
        .property("VpcId", Expr::reference(&logical_id::vpc()))
        .property("SecurityGroupEgress", egress)
        .property("Tags", stack.tags(&format!("sg-{}", group.name)))
        .context(
            stack
                .context(
                    path::security_group(group.name.as_str()),
                    group_why(group),
                    State::Stateless,
                )
                .must(group_rules(stack, group)),
        );
    let resource = if ingress.is_empty() {
        resource
    } else {
        resource.property("SecurityGroupIngress", ingress)
    };
    template.add_resource(logical_id::security_group(&group.name), resource);
}

/// The rules of `rules` whose peer is a CIDR block, in CloudFormation's inline form.
fn inline_rules(rules: &[SecurityGroupRule], ingress: bool) -> Vec<Expr> {
    rules
        .iter()
        .filter_map(|rule| match rule.peer {
            Peer::Cidr(cidr) => {
                let mut entries = traffic(rule.traffic);
                entries.push(("CidrIp", cidr.to_string().into()));
                entries.push(("Description", rule_description(rule, ingress).into()));
                Some(Expr::map(entries))
            }
            Peer::Group(_) => None,
        })
        .collect()
}

/// An egress rule that matches no packet: ICMP type 252 code 86 (no such message exists) to the
/// broadcast address `255.255.255.255/32`.
///
/// In the model an empty egress list means no traffic may leave. CloudFormation, however, gives
/// a group whose `SecurityGroupEgress` is absent or empty AWS's default allow-all egress rule,
/// and removes it only when the property lists a rule; standalone
/// `AWS::EC2::SecurityGroupEgress` resources do not remove it. So a group without inline egress
/// (none at all, or only rules to other groups) gets this rule in place of the default one.
pub(super) fn disallow_all_egress() -> Expr {
    Expr::map([
        ("CidrIp", Expr::from("255.255.255.255/32")),
        ("Description", "Disallow all traffic".into()),
        ("FromPort", 252i64.into()),
        ("IpProtocol", "icmp".into()),
        ("ToPort", 86i64.into()),
    ])
}

/// The rules of `rules` whose peer is a group, as standalone resources.
fn add_group_rules(
    stack: &Stack<'_>,
    template: &mut Template,
    group: &SecurityGroup,
    direction: Direction,
    rules: &[SecurityGroupRule],
) {
    let this = logical_id::security_group(&group.name);
    let ingress = direction == Direction::Ingress;
    let model_direction = if ingress {
        ModelDirection::Inbound
    } else {
        ModelDirection::Outbound
    };
    for (idx, rule) in rules.iter().enumerate() {
        let Peer::Group(peer_name) = &rule.peer else {
            continue;
        };
        let peer = logical_id::security_group(peer_name);
        let why = if ingress {
            format!(
                "Lets members of security group `{peer_name}` reach members of `{}` on {}",
                group.name, rule.traffic
            )
        } else {
            format!(
                "Lets members of security group `{}` reach members of `{peer_name}` on {}",
                group.name, rule.traffic
            )
        };
        let at = path::security_group_rule(group.name.as_str(), model_direction, idx);
        let resource = Resource::new(direction.resource_type())
            .property("GroupId", Expr::get_att(&this, "GroupId"))
            .property(
                direction.peer_group_property(),
                Expr::get_att(&peer, "GroupId"),
            )
            .with(traffic(rule.traffic))
            .property("Description", rule_description(rule, ingress))
            .context(
                stack
                    .context(at, why, State::Stateless)
                    .must([&UNKNOWN_SECURITY_GROUP, &INVALID_DESCRIPTION])
                    .must(rule.traffic.ports().map(|_| &INVALID_PORT_RANGE)),
            );
        let id = logical_id::security_group_rule(&group.name, direction == Direction::Ingress, idx);
        template.add_resource(id, resource);
    }
}

/// `IpProtocol` and, where the protocol has them, `FromPort` and `ToPort` (ICMP: type and code,
/// `-1` for all).
fn traffic(traffic: Traffic) -> Vec<(&'static str, Expr)> {
    let (protocol, ports) = match traffic {
        Traffic::Tcp(ports) => ("tcp", Some((ports.from().into(), ports.to().into()))),
        Traffic::Udp(ports) => ("udp", Some((ports.from().into(), ports.to().into()))),
        Traffic::Icmp => ("icmp", Some((Expr::Int(-1), Expr::Int(-1)))),
        Traffic::All => ("-1", None),
    };
    let mut entries = vec![("IpProtocol", Expr::from(protocol))];
    if let Some((from, to)) = ports {
        entries.push(("FromPort", from));
        entries.push(("ToPort", to));
    }
    entries
}

#[cfg(test)]
mod tests {
    use infra_core::value::PortRange;

    use super::*;

    fn keys(entries: &[(&'static str, Expr)]) -> Vec<&'static str> {
        entries.iter().map(|(key, _)| *key).collect()
    }

    #[test]
    fn ports_only_where_the_protocol_has_them() {
        let https = traffic(Traffic::Tcp(PortRange::single(443)));
        assert_eq!(keys(&https), ["IpProtocol", "FromPort", "ToPort"]);
        assert_eq!(https[1].1, Expr::Int(443));
        let icmp = traffic(Traffic::Icmp);
        assert_eq!(icmp[1].1, Expr::Int(-1));
        assert_eq!(keys(&traffic(Traffic::All)), ["IpProtocol"]);
        assert_eq!(traffic(Traffic::All)[0].1, Expr::from("-1"));
    }
}
