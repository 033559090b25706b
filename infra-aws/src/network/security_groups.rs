//! Security groups and their rules.
//!
//! Rules whose peer is a CIDR block are written inline in the group. Rules whose peer is another
//! group become separate `AWS::EC2::SecurityGroupIngress` / `AWS::EC2::SecurityGroupEgress`
//! resources: two groups that name each other inline would form a dependency cycle.

use infra_core::model::{Peer, SecurityGroup, SecurityGroupRule};
use infra_core::value::Traffic;

use crate::intrinsic::Expr;
use crate::logical_id;
use crate::stack::Stack;
use crate::template::{Resource, Template};

/// Adds every security group, with its inline rules, and its rules that name other groups.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    for group in &stack.network().security_groups {
        add_group(stack, template, group);
        add_group_rules(template, group, Direction::Ingress, &group.ingress);
        add_group_rules(template, group, Direction::Egress, &group.egress);
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

fn add_group(stack: &Stack<'_>, template: &mut Template, group: &SecurityGroup) {
    let ingress = inline_rules(&group.ingress);
    let mut egress = inline_rules(&group.egress);
    if egress.is_empty() {
        egress.push(disallow_all_egress());
    }
    let resource = Resource::new("AWS::EC2::SecurityGroup")
        .property("GroupDescription", group.description.as_str())
        .property("VpcId", Expr::reference(&logical_id::vpc()))
        .property("SecurityGroupEgress", egress)
        .property("Tags", stack.tags(&format!("sg-{}", group.name)));
    let resource = if ingress.is_empty() {
        resource
    } else {
        resource.property("SecurityGroupIngress", ingress)
    };
    template.add_resource(logical_id::security_group(&group.name), resource);
}

/// The rules of `rules` whose peer is a CIDR block, in CloudFormation's inline form.
fn inline_rules(rules: &[SecurityGroupRule]) -> Vec<Expr> {
    rules
        .iter()
        .filter_map(|rule| match rule.peer {
            Peer::Cidr(cidr) => {
                let mut entries = traffic(rule.traffic);
                entries.push(("CidrIp", cidr.to_string().into()));
                if let Some(description) = &rule.description {
                    entries.push(("Description", description.as_str().into()));
                }
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
    template: &mut Template,
    group: &SecurityGroup,
    direction: Direction,
    rules: &[SecurityGroupRule],
) {
    let this = logical_id::security_group(&group.name);
    for (idx, rule) in rules.iter().enumerate() {
        let Peer::Group(peer) = &rule.peer else {
            continue;
        };
        let peer = logical_id::security_group(peer);
        let resource = Resource::new(direction.resource_type())
            .property("GroupId", Expr::get_att(&this, "GroupId"))
            .property(
                direction.peer_group_property(),
                Expr::get_att(&peer, "GroupId"),
            )
            .with(traffic(rule.traffic))
            .optional("Description", rule.description.as_deref());
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
