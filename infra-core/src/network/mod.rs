//! The network section: a VPC, its subnet tiers and routing, security groups, network ACLs,
//! gateway and interface endpoints, and flow logs.

mod interface_endpoints;
pub mod model;
pub mod path;
pub mod rules;

pub use model::*;

use crate::model::{Direction, Platform};
use crate::section::Section;
use crate::ModelPath;

/// The network section, as registered in the crate root.
pub const SECTION: Section = Section {
    name: "network",
    rules: rules::RULES,
    check: rules::check,
    paths,
};

/// Every element of the network that a front end must be able to point at.
fn paths(platform: &Platform) -> Vec<ModelPath> {
    let network = &platform.network;
    let mut paths = vec![path::network(), path::vpc(), path::nat_gateways()];
    for tier in &network.tiers {
        let name = tier.name.as_str();
        paths.push(path::tier(name));
        for subnet in &tier.subnets {
            paths.push(path::subnet(name, subnet.zone.as_str()));
            paths.push(path::subnet_cidr(name, subnet.zone.as_str()));
        }
    }
    for group in &network.security_groups {
        let name = group.name.as_str();
        paths.push(path::security_group(name));
        for (direction, rules) in [
            (Direction::Inbound, &group.ingress),
            (Direction::Outbound, &group.egress),
        ] {
            for idx in 0..rules.len() {
                paths.push(path::security_group_rule(name, direction, idx));
                paths.push(path::security_group_rule_peer(name, direction, idx));
            }
        }
    }
    for acl in &network.acls {
        let tier = acl.tier.as_str();
        paths.push(path::acl(tier));
        for (direction, rules) in [
            (Direction::Inbound, &acl.inbound),
            (Direction::Outbound, &acl.outbound),
        ] {
            for idx in 0..rules.len() {
                paths.push(path::acl_rule(tier, direction, idx));
                paths.push(path::acl_rule_number(tier, direction, idx));
                paths.push(path::acl_rule_cidr(tier, direction, idx));
            }
        }
    }
    paths.extend((0..network.endpoints.len()).map(path::endpoint));
    for (idx, endpoints) in network.interface_endpoints.iter().enumerate() {
        paths.push(path::interface_endpoints(idx));
        paths.push(path::interface_endpoints_tier(idx));
        paths.extend(
            (0..endpoints.services.len()).map(|service| path::interface_endpoint_service(idx, service)),
        );
    }
    if network.flow_logs.is_some() {
        paths.extend([path::flow_logs(), path::flow_logs_retention()]);
        if network.flow_logs.as_ref().is_some_and(|logs| logs.kms_key.is_some()) {
            paths.push(path::flow_logs_kms_key());
        }
    }
    paths
}
