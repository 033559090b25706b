//! Network ACLs: one per tier that has one, its numbered entries and its subnet associations.

use infra_core::model::{path, AclAction, AclRule, Direction, NetworkAcl, SubnetTier, TierRole};
use infra_core::rules::{
    Rule, DUPLICATE_ACL_RULE_NUMBER, INVALID_ACL_RULE_NUMBER, INVALID_PORT_RANGE,
    PRIVATE_ACL_BLOCKS_NAT_RETURN_TRAFFIC, PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC, UNKNOWN_TIER,
};
use infra_core::value::Traffic;

use super::logical_id;
use crate::context::State;
use crate::intrinsic::Expr;
use crate::logical_id::LogicalId;
use crate::stack::Stack;
use crate::template::{Resource, Template};

/// Adds each ACL whose tier exists, with its entries and associations.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    for acl in &stack.network().acls {
        let Some(tier) = stack.network().find_tier(acl.tier.as_str()) else {
            continue;
        };
        let id = logical_id::network_acl(&acl.tier);
        let at = path::acl(acl.tier.as_str());
        let why = format!(
            "The network ACL of {} tier `{}`: a stateless filter on its subnets' traffic, {} \
             inbound and {} outbound rules, evaluated lowest number first",
            tier.role.keyword(),
            tier.name,
            acl.inbound.len(),
            acl.outbound.len()
        );
        let mut rules = vec![&UNKNOWN_TIER, &DUPLICATE_ACL_RULE_NUMBER];
        rules.extend(return_traffic_rule(stack, tier));
        template.add_resource(
            id.clone(),
            Resource::new("AWS::EC2::NetworkAcl")
                .property("VpcId", Expr::reference(&logical_id::vpc()))
                .property("Tags", stack.tags(&format!("acl-{}", acl.tier)))
                .context(stack.context(at.clone(), why, State::Stateless).must(rules)),
        );
        add_entries(stack, template, tier, acl, &id, Direction::Inbound);
        add_entries(stack, template, tier, acl, &id, Direction::Outbound);
        for subnet in stack.subnets(tier) {
            let why = format!(
                "Puts subnet `{}` in {} under its tier's network ACL",
                tier.name, subnet.zone
            );
            template.add_resource(
                logical_id::network_acl_association(&tier.name, &subnet.zone),
                Resource::new("AWS::EC2::SubnetNetworkAclAssociation")
                    .property("NetworkAclId", Expr::reference(&id))
                    .property(
                        "SubnetId",
                        Expr::reference(&logical_id::subnet(&tier.name, &subnet.zone)),
                    )
                    .context(stack.context(at.clone(), why, State::Stateless)),
            );
        }
    }
}

/// The rule that checked that the ACL of `tier` lets return traffic in: the NAT host's ACL lets
/// the NAT gateways' replies in, a private tier's ACL the replies that come through them.
fn return_traffic_rule(stack: &Stack<'_>, tier: &SubnetTier) -> Option<&'static Rule> {
    let hosts_nat = stack.network().needs_nat()
        && stack
            .network()
            .nat_tier()
            .is_some_and(|host| host.name == tier.name);
    match tier.role {
        TierRole::Public if hosts_nat => Some(&PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC),
        TierRole::Private => Some(&PRIVATE_ACL_BLOCKS_NAT_RETURN_TRAFFIC),
        TierRole::Public | TierRole::Isolated => None,
    }
}

fn add_entries(
    stack: &Stack<'_>,
    template: &mut Template,
    tier: &SubnetTier,
    acl: &NetworkAcl,
    id: &LogicalId,
    direction: Direction,
) {
    let (egress, rules, way) = match direction {
        Direction::Inbound => (false, &acl.inbound, "in from"),
        Direction::Outbound => (true, &acl.outbound, "out to"),
    };
    for (idx, rule) in rules.iter().enumerate() {
        let action = match rule.action {
            AclAction::Allow => "allows",
            AclAction::Deny => "denies",
        };
        let why = format!(
            "Rule {} of the network ACL of tier `{}`: {action} {} {way} {}",
            rule.number.get(),
            acl.tier,
            rule.traffic,
            stack.value(&rule.cidr)
        );
        let mut rules = vec![&INVALID_ACL_RULE_NUMBER, &DUPLICATE_ACL_RULE_NUMBER];
        if rule.traffic.ports().is_some() {
            rules.push(&INVALID_PORT_RANGE);
        }
        if direction == Direction::Inbound {
            rules.extend(return_traffic_rule(stack, tier));
        }
        let at = path::acl_rule(acl.tier.as_str(), direction, idx);
        template.add_resource(
            logical_id::network_acl_entry(&acl.tier, egress, rule.number),
            entry(stack, id, egress, rule)
                .context(stack.context(at, why, State::Stateless).must(rules)),
        );
    }
}

/// One entry. The protocol is its number; TCP and UDP name their ports, ICMP every type and
/// code, and "all protocols" (`-1`) needs neither.
fn entry(stack: &Stack<'_>, acl: &LogicalId, egress: bool, rule: &AclRule) -> Resource {
    let action = match rule.action {
        AclAction::Allow => "allow",
        AclAction::Deny => "deny",
    };
    let resource = Resource::new("AWS::EC2::NetworkAclEntry")
        .property("NetworkAclId", Expr::reference(acl))
        .property("RuleNumber", rule.number.get())
        .property("Protocol", rule.traffic.protocol().number())
        .property("RuleAction", action)
        .property("Egress", egress)
        .property("CidrBlock", stack.value(&rule.cidr).to_string());
    match rule.traffic {
        Traffic::Tcp(ports) | Traffic::Udp(ports) => resource.property(
            "PortRange",
            Expr::map([("From", ports.from().into()), ("To", ports.to().into())]),
        ),
        Traffic::Icmp => resource.property(
            "Icmp",
            Expr::map([("Code", Expr::Int(-1)), ("Type", Expr::Int(-1))]),
        ),
        Traffic::All => resource,
    }
}
