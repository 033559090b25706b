//! The paths of the network section's elements.

use crate::diag::ModelPath;
use crate::model::Direction;

/// `network`
pub fn network() -> ModelPath {
    ModelPath::root("network")
}

/// `network.vpc`
pub fn vpc() -> ModelPath {
    network().field("vpc")
}

/// `network.nat_gateways`
pub fn nat_gateways() -> ModelPath {
    network().field("nat_gateways")
}

/// `network.subnets.<tier>`
pub fn tier(tier: &str) -> ModelPath {
    network().field("subnets").field(tier)
}

/// `network.subnets.<tier>["<zone>"]`
pub fn subnet(tier_name: &str, zone: &str) -> ModelPath {
    tier(tier_name).key(zone)
}

/// `network.subnets.<tier>["<zone>"].cidr`
pub fn subnet_cidr(tier_name: &str, zone: &str) -> ModelPath {
    subnet(tier_name, zone).field("cidr")
}

/// `network.security_groups.<group>`
pub fn security_group(group: &str) -> ModelPath {
    network().field("security_groups").field(group)
}

/// `network.security_groups.<group>.tier`
pub fn security_group_tier(group: &str) -> ModelPath {
    security_group(group).field("tier")
}

/// `network.security_groups.<group>.description`
pub fn security_group_description(group: &str) -> ModelPath {
    security_group(group).field("description")
}

/// `network.security_groups.<group>.ingress[<idx>]` or `.egress[<idx>]`
pub fn security_group_rule(group: &str, direction: Direction, idx: usize) -> ModelPath {
    let field = match direction {
        Direction::Inbound => "ingress",
        Direction::Outbound => "egress",
    };
    security_group(group).field(field).index(idx)
}

/// `...ingress[<idx>].peer`: the CIDR or group a rule names.
pub fn security_group_rule_peer(group: &str, direction: Direction, idx: usize) -> ModelPath {
    security_group_rule(group, direction, idx).field("peer")
}

/// `...ingress[<idx>].description`
pub fn security_group_rule_description(group: &str, direction: Direction, idx: usize) -> ModelPath {
    security_group_rule(group, direction, idx).field("description")
}

/// `network.acls.<tier>`
pub fn acl(tier: &str) -> ModelPath {
    network().field("acls").field(tier)
}

/// `network.acls.<tier>.inbound` or `.outbound`
pub fn acl_rules(tier: &str, direction: Direction) -> ModelPath {
    acl(tier).field(match direction {
        Direction::Inbound => "inbound",
        Direction::Outbound => "outbound",
    })
}

/// `network.acls.<tier>.inbound[<idx>]`
pub fn acl_rule(tier: &str, direction: Direction, idx: usize) -> ModelPath {
    acl_rules(tier, direction).index(idx)
}

/// `network.acls.<tier>.inbound[<idx>].cidr`
pub fn acl_rule_cidr(tier: &str, direction: Direction, idx: usize) -> ModelPath {
    acl_rule(tier, direction, idx).field("cidr")
}

/// `network.acls.<tier>.inbound[<idx>].number`
pub fn acl_rule_number(tier: &str, direction: Direction, idx: usize) -> ModelPath {
    acl_rule(tier, direction, idx).field("number")
}

/// `network.endpoints[<idx>]`
pub fn endpoint(idx: usize) -> ModelPath {
    network().field("endpoints").index(idx)
}

/// `network.interface_endpoints`: every group of interface endpoints.
pub fn interface_endpoint_groups() -> ModelPath {
    network().field("interface_endpoints")
}

/// `network.interface_endpoints[<idx>]`
pub fn interface_endpoints(idx: usize) -> ModelPath {
    interface_endpoint_groups().index(idx)
}

/// `network.interface_endpoints[<idx>].tier`
pub fn interface_endpoints_tier(idx: usize) -> ModelPath {
    interface_endpoints(idx).field("tier")
}

/// `network.interface_endpoints[<idx>].services[<service>]`
pub fn interface_endpoint_service(idx: usize, service: usize) -> ModelPath {
    interface_endpoints(idx).field("services").index(service)
}

/// `network.flow_logs`
pub fn flow_logs() -> ModelPath {
    network().field("flow_logs")
}

/// `network.flow_logs.retention`
pub fn flow_logs_retention() -> ModelPath {
    flow_logs().field("retention")
}


/// `<rule>.ports`: the port range of a security group or network ACL rule at `rule`.
pub fn rule_ports(rule: &ModelPath) -> ModelPath {
    rule.field("ports")
}

/// `<rule>.from_port`: the first port of a rule's range.
pub fn rule_from_port(rule: &ModelPath) -> ModelPath {
    rule.field("from_port")
}

/// `<rule>.to_port`: the last port of a rule's range.
pub fn rule_to_port(rule: &ModelPath) -> ModelPath {
    rule.field("to_port")
}

/// `network.flow_logs.kms_key`
pub fn flow_logs_kms_key() -> ModelPath {
    flow_logs().field("kms_key")
}
