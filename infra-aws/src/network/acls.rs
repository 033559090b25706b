//! Network ACLs: one per tier that has one, its numbered entries and its subnet associations.

use infra_core::model::{AclAction, AclRule, NetworkAcl};
use infra_core::value::Traffic;

use crate::intrinsic::Expr;
use crate::logical_id::{self, LogicalId};
use crate::stack::Stack;
use crate::template::{Resource, Template};

/// Adds each ACL whose tier exists, with its entries and associations.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    for acl in &stack.network().acls {
        let Some(tier) = stack.network().find_tier(acl.tier.as_str()) else {
            continue;
        };
        let id = logical_id::network_acl(&acl.tier);
        template.add_resource(
            id.clone(),
            Resource::new("AWS::EC2::NetworkAcl")
                .property("VpcId", Expr::reference(&logical_id::vpc()))
                .property("Tags", stack.tags(&format!("acl-{}", acl.tier))),
        );
        add_entries(template, acl, &id, false, &acl.inbound);
        add_entries(template, acl, &id, true, &acl.outbound);
        for subnet in stack.subnets(tier) {
            template.add_resource(
                logical_id::network_acl_association(&tier.name, &subnet.zone),
                Resource::new("AWS::EC2::SubnetNetworkAclAssociation")
                    .property("NetworkAclId", Expr::reference(&id))
                    .property(
                        "SubnetId",
                        Expr::reference(&logical_id::subnet(&tier.name, &subnet.zone)),
                    ),
            );
        }
    }
}

fn add_entries(
    template: &mut Template,
    acl: &NetworkAcl,
    id: &LogicalId,
    egress: bool,
    rules: &[AclRule],
) {
    for rule in rules {
        template.add_resource(
            logical_id::network_acl_entry(&acl.tier, egress, rule.number),
            entry(id, egress, rule),
        );
    }
}

/// One entry. The protocol is its number; TCP and UDP name their ports, ICMP every type and
/// code, and "all protocols" (`-1`) needs neither.
fn entry(acl: &LogicalId, egress: bool, rule: &AclRule) -> Resource {
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
        .property("CidrBlock", rule.cidr.to_string());
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
