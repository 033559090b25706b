//! The lowering of the network section: VPC, subnets, routing, firewalls, endpoints, flow logs.
//!
//! The network is shared by all environments, but each environment is its own stack: only the
//! subnets of the environment's zones are lowered, with the environment's own settings of
//! per-environment values (blocks, NAT gateways, retention).

mod acls;
mod endpoints;
mod flow_logs;
mod interface_endpoints;
pub(crate) mod logical_id;
mod routing;
mod security_groups;
mod vpc;

use infra_core::model::{Network, Peer, SecurityGroupRule, Subnet, SubnetTier, TierRole};

use crate::intrinsic::Expr;
use crate::stack::Stack;
use crate::template::{Section, Template};

impl<'a> Stack<'a> {
    /// The platform's network.
    pub(crate) fn network(&self) -> &'a Network {
        &self.platform().network
    }

    /// The subnets of `tier` in the environment's zones, in zone order.
    pub(crate) fn subnets(&self, tier: &'a SubnetTier) -> impl Iterator<Item = &'a Subnet> + 'a {
        self.zones()
            .iter()
            .filter_map(move |zone| tier.subnet_in(zone))
    }

    /// `Ref`s to the subnets of the tier named `tier` in the environment's zones (none when the
    /// design has no such tier, which validation has already reported).
    pub(crate) fn subnet_ids(&self, tier: &str) -> Vec<Expr> {
        self.network()
            .find_tier(tier)
            .into_iter()
            .flat_map(|tier| {
                self.subnets(tier)
                    .map(|subnet| Expr::reference(&logical_id::subnet(&tier.name, &subnet.zone)))
            })
            .collect()
    }
}

/// Adds the network of `stack`'s environment to `template`, and says what it added.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    vpc::lower(stack, template);
    routing::lower(stack, template);
    security_groups::lower(stack, template);
    acls::lower(stack, template);
    endpoints::lower(stack, template);
    interface_endpoints::lower(stack, template);
    flow_logs::lower(stack, template);
    template.add_section(Section {
        summary: summary(stack),
        arch: arch(stack),
    });
}

/// `kind `a`` or `kinds `a`, `b` and `c``.
pub(crate) fn named(kind: &str, names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.as_slice() {
        [] => format!("no {kind}s"),
        [one] => format!("{kind} {one}"),
        [rest @ .., last] => format!("{kind}s {} and {last}", rest.join(", ")),
    }
}

/// The interface endpoints that are lowered (their tier exists), as (tier, service).
fn interface_endpoints<'a>(stack: &Stack<'a>) -> Vec<(&'a str, &'a str)> {
    let network = stack.network();
    network
        .interface_endpoints
        .iter()
        .filter(|endpoints| network.find_tier(endpoints.tier.as_str()).is_some())
        .flat_map(|endpoints| {
            endpoints
                .services
                .iter()
                .map(|service| (endpoints.tier.as_str(), service.as_str()))
        })
        .collect()
}

/// `1 thing` or `n things`.
fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// What the section lowered, for the template's description: `the network (VPC, 3 subnet tiers
/// in 2 zones, ...)`, naming only what the design has.
fn summary(stack: &Stack<'_>) -> String {
    let network = stack.network();
    let mut parts = vec![
        "VPC".to_owned(),
        format!(
            "{} in {}",
            count(network.tiers.len(), "subnet tier"),
            count(stack.zones().len(), "zone")
        ),
    ];
    let nat = routing::nat_zones(stack).len();
    // Gateway endpoints are lowered only where a route table can take them.
    let gateway_endpoints = if routing::has_endpoint_tables(stack) {
        network.endpoints.len()
    } else {
        0
    };
    let acls = network
        .acls
        .iter()
        .filter(|acl| network.find_tier(acl.tier.as_str()).is_some())
        .count();
    for (n, thing) in [
        (nat, "NAT gateway"),
        (network.security_groups.len(), "security group"),
        (acls, "network ACL"),
        (gateway_endpoints, "gateway endpoint"),
        (interface_endpoints(stack).len(), "interface endpoint"),
    ] {
        if n > 0 {
            parts.push(count(n, thing));
        }
    }
    if network.flow_logs.is_some() {
        parts.push("flow logs".to_owned());
    }
    format!("the network ({})", parts.join(", "))
}

/// The network's shape and data flow, for the template's `arch`: the VPC and its tiers, how each
/// reaches the internet, the traffic the security groups allow between groups and addresses, the
/// gateway endpoints and the flow logs.
fn arch(stack: &Stack<'_>) -> String {
    let network = stack.network();
    let nat_zones: Vec<&str> = routing::nat_zones(stack)
        .iter()
        .map(|zone| zone.as_str())
        .collect();
    let tiers: Vec<String> = network
        .tiers
        .iter()
        .map(|tier| {
            let way = match tier.role {
                TierRole::Public if nat_zones.is_empty() => "internet gateway".to_owned(),
                TierRole::Public => "internet gateway; NAT gateways".to_owned(),
                TierRole::Private if nat_zones.is_empty() => "no route out".to_owned(),
                TierRole::Private => format!("internet through NAT in {}", nat_zones.join(", ")),
                TierRole::Isolated => "no route out".to_owned(),
            };
            format!("{} `{}` ({way})", tier.role.keyword(), tier.name)
        })
        .collect();
    let mut arch = format!(
        "Network: VPC {} with tiers {}.",
        stack.value(&network.vpc),
        tiers.join(", ")
    );
    let flows = flows(network);
    if !flows.is_empty() {
        arch.push_str(&format!(" Traffic: {}.", flows.join("; ")));
    }
    if !network.endpoints.is_empty() && routing::has_endpoint_tables(stack) {
        let services: Vec<&str> = network.endpoints.iter().map(|e| e.service()).collect();
        arch.push_str(&format!(" Gateway endpoints: {}.", services.join(", ")));
    }
    for (tier, services) in interface_endpoints(stack).into_iter().fold(
        Vec::<(&str, Vec<&str>)>::new(),
        |mut tiers, (tier, service)| {
            match tiers.iter_mut().find(|(known, _)| *known == tier) {
                Some((_, services)) => services.push(service),
                None => tiers.push((tier, vec![service])),
            }
            tiers
        },
    ) {
        arch.push_str(&format!(
            " Interface endpoints in tier `{tier}` (private DNS): {}.",
            services.join(", ")
        ));
    }
    if let Some(flow_logs) = &network.flow_logs {
        arch.push_str(&format!(
            " Flow logs: {} traffic to CloudWatch Logs, kept {} days.",
            flow_logs.traffic.aws_name(),
            stack.value(&flow_logs.retention).days()
        ));
    }
    arch
}

/// The traffic the security groups allow, as `source -> destination (traffic)`, each once: an
/// ingress rule of `g` from `p` is `p -> g`, an egress rule of `g` to `p` is `g -> p`.
fn flows(network: &Network) -> Vec<String> {
    let end = |peer: &Peer| match peer {
        Peer::Cidr(cidr) => cidr.to_string(),
        Peer::Group(group) => group.to_string(),
    };
    let mut flows: Vec<String> = Vec::new();
    for group in &network.security_groups {
        let ingress = group.ingress.iter().map(|rule: &SecurityGroupRule| {
            format!("{} -> {} ({})", end(&rule.peer), group.name, rule.traffic)
        });
        let egress = group.egress.iter().map(|rule: &SecurityGroupRule| {
            format!("{} -> {} ({})", group.name, end(&rule.peer), rule.traffic)
        });
        for flow in ingress.chain(egress) {
            if !flows.contains(&flow) {
                flows.push(flow);
            }
        }
    }
    flows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_a_list() {
        assert_eq!(named("tier", &["public"]), "tier `public`");
        assert_eq!(named("tier", &["a", "b", "c"]), "tiers `a`, `b` and `c`");
        assert_eq!(named("tier", &[]), "no tiers");
        assert_eq!(count(1, "zone"), "1 zone");
        assert_eq!(count(2, "zone"), "2 zones");
    }
}
