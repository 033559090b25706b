//! Route tables, NAT gateways and the routes to the internet.
//!
//! * A public tier has one route table with `0.0.0.0/0` to the internet gateway.
//! * A private tier has one route table per zone with `0.0.0.0/0` to a NAT gateway: the one of
//!   its zone when the environment has one per zone, else the shared one; none without NAT
//!   gateways.
//! * An isolated tier has one route table with no route out of the VPC.

use infra_core::diag::ModelPath;
use infra_core::model::{path, NatGateways, SubnetTier, TierRole};
use infra_core::rules::{
    Rule, MULTI_AZ_SINGLE_ZONE, NAT_WITHOUT_PUBLIC_TIER, PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC,
};
use infra_core::value::{Cidr, Zone};

use super::logical_id;
use crate::context::{Context, State};
use crate::intrinsic::Expr;
use crate::logical_id::LogicalId;
use crate::stack::Stack;
use crate::template::{Resource, Template};

use super::named;

/// Adds the NAT gateways, then each tier's route tables, routes and associations.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let nat_zones = nat_zones(stack);
    for zone in &nat_zones {
        add_nat_gateway(stack, template, zone);
    }
    for tier in &stack.network().tiers {
        for (table, zone) in route_tables(stack, tier) {
            add_route_table(stack, template, tier, zone, &table);
            let target = match tier.role {
                TierRole::Public => Some(Target::Internet),
                TierRole::Private => nat_for(zone, &nat_zones).map(Target::Nat),
                TierRole::Isolated => None,
            };
            if let Some(target) = target {
                add_default_route(stack, template, tier, zone, &table, target);
            }
            add_associations(stack, template, tier, zone, &table);
        }
    }
}

/// The route tables of `tier` in the stack, each with the zone it serves (`None`: every zone).
pub(super) fn route_tables<'a>(
    stack: &Stack<'a>,
    tier: &'a SubnetTier,
) -> Vec<(LogicalId, Option<&'a Zone>)> {
    match tier.role {
        TierRole::Private => stack
            .subnets(tier)
            .map(|subnet| {
                let zone = Some(&subnet.zone);
                (logical_id::route_table(&tier.name, zone), zone)
            })
            .collect(),
        TierRole::Public | TierRole::Isolated => {
            vec![(logical_id::route_table(&tier.name, None), None)]
        }
    }
}

/// The zones that get a NAT gateway: none without a private tier or a public tier to host them;
/// every zone for one per zone; the environment's first zone for a shared one.
pub(super) fn nat_zones<'a>(stack: &Stack<'a>) -> Vec<&'a Zone> {
    let network = stack.network();
    let Some(host) = network.nat_tier().filter(|_| network.needs_nat()) else {
        return Vec::new();
    };
    let count = match stack.value(&network.nat_gateways) {
        NatGateways::OnePerZone => usize::MAX,
        NatGateways::Shared => 1,
        NatGateways::None => 0,
    };
    stack
        .zones()
        .iter()
        .take(count)
        .filter(|zone| host.subnet_in(zone).is_some())
        .collect()
}

/// Whether some tier's route tables can carry the gateway endpoints (see `endpoints`).
pub(super) fn has_endpoint_tables(stack: &Stack<'_>) -> bool {
    stack
        .network()
        .tiers
        .iter()
        .any(|tier| matches!(tier.role, TierRole::Private | TierRole::Isolated))
}

/// The zone of the NAT gateway that serves `zone`: its own, or else the first (the single one).
pub(super) fn nat_zone_for<'a>(zone: Option<&Zone>, nat_zones: &[&'a Zone]) -> Option<&'a Zone> {
    let own = zone.and_then(|zone| nat_zones.iter().find(|nat| **nat == zone));
    own.or(nat_zones.first()).copied()
}

/// The NAT gateway that serves `zone`: its own, or else the first (the single one).
fn nat_for(zone: Option<&Zone>, nat_zones: &[&Zone]) -> Option<LogicalId> {
    nat_zone_for(zone, nat_zones).map(logical_id::nat_gateway)
}

/// The rules that checked a NAT gateway: a public tier hosts it, that tier's ACL lets its return
/// traffic in, and a multi-AZ environment (one gateway per zone) has two zones or more.
fn nat_rules(stack: &Stack<'_>) -> Vec<&'static Rule> {
    let mut rules: Vec<&'static Rule> =
        vec![&NAT_WITHOUT_PUBLIC_TIER, &PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC];
    if stack.environment().multi_az {
        rules.push(&MULTI_AZ_SINGLE_ZONE);
    }
    rules
}

/// An Elastic IP and a NAT gateway in the NAT tier's subnet of `zone`.
fn add_nat_gateway(stack: &Stack<'_>, template: &mut Template, zone: &Zone) {
    let Some(host) = stack.network().nat_tier() else {
        return;
    };
    let at = path::subnet(host.name.as_str(), zone.as_str());
    let private: Vec<&str> = stack
        .network()
        .tiers
        .iter()
        .filter(|tier| tier.role == TierRole::Private)
        .map(|tier| tier.name.as_str())
        .collect();
    let served = match stack.value(&stack.network().nat_gateways) {
        NatGateways::OnePerZone => format!("in {zone}"),
        NatGateways::Shared | NatGateways::None => "in every zone".to_owned(),
    };
    let eip = logical_id::nat_eip(zone);
    let why = format!(
        "The public address of the NAT gateway in {zone}: what the internet sees as the source of \
         private {} {served}",
        named("tier", &private)
    );
    // The address can only be associated once the VPC has its internet gateway.
    template.add_resource(
        eip.clone(),
        Resource::new("AWS::EC2::EIP")
            .property("Domain", "vpc")
            .property("Tags", stack.tags(&format!("nat-eip-{zone}")))
            .depends_on(logical_id::internet_gateway_attachment())
            .context(
                stack
                    .context(at.clone(), why, State::Stateful)
                    .must(nat_rules(stack)),
            ),
    );
    let why = format!(
        "The NAT gateway in public subnet `{}` of {zone}: outbound internet access for private {} \
         {served}, with no inbound connections",
        host.name,
        named("tier", &private)
    );
    template.add_resource(
        logical_id::nat_gateway(zone),
        Resource::new("AWS::EC2::NatGateway")
            .property("AllocationId", Expr::get_att(&eip, "AllocationId"))
            .property(
                "SubnetId",
                Expr::reference(&logical_id::subnet(&host.name, zone)),
            )
            .property("Tags", stack.tags(&format!("nat-{zone}")))
            .context(
                stack
                    .context(at, why, State::Stateless)
                    .must(nat_rules(stack)),
            ),
    );
}

/// The element a route table and its routes are lowered from: the tier's subnet in `zone`, or the
/// tier when one table serves every zone.
fn table_path(tier: &SubnetTier, zone: Option<&Zone>) -> ModelPath {
    match zone {
        Some(zone) => path::subnet(tier.name.as_str(), zone.as_str()),
        None => path::tier(tier.name.as_str()),
    }
}

/// Where the table of `tier` (in `zone`, or in every zone) sends traffic for the internet.
fn way_out(stack: &Stack<'_>, tier: &SubnetTier, zone: Option<&Zone>) -> String {
    match tier.role {
        TierRole::Public => "the internet through the internet gateway".to_owned(),
        TierRole::Private => match nat_zone_for(zone, &nat_zones(stack)) {
            Some(nat) => format!("the internet through the NAT gateway in {nat}"),
            None => "no route out of the VPC (no NAT gateway)".to_owned(),
        },
        TierRole::Isolated => "no route out of the VPC".to_owned(),
    }
}

/// The context of the table of `tier` in `zone`, and of its routes.
fn table_context(
    stack: &Stack<'_>,
    tier: &SubnetTier,
    zone: Option<&Zone>,
    why: String,
) -> Context {
    let context = stack.context(table_path(tier, zone), why, State::Stateless);
    match tier.role {
        TierRole::Private => context.must([&NAT_WITHOUT_PUBLIC_TIER]),
        TierRole::Public | TierRole::Isolated => context,
    }
}

fn add_route_table(
    stack: &Stack<'_>,
    template: &mut Template,
    tier: &SubnetTier,
    zone: Option<&Zone>,
    table: &LogicalId,
) {
    let what = match zone {
        Some(zone) => format!("rt-{}-{zone}", tier.name),
        None => format!("rt-{}", tier.name),
    };
    let scope = match zone {
        Some(zone) => format!("in {zone}"),
        None => "in every zone".to_owned(),
    };
    let why = format!(
        "The routes of {} tier `{}` {scope}: {}",
        tier.role.keyword(),
        tier.name,
        way_out(stack, tier, zone)
    );
    template.add_resource(
        table.clone(),
        Resource::new("AWS::EC2::RouteTable")
            .property("VpcId", Expr::reference(&logical_id::vpc()))
            .property("Tags", stack.tags(&what))
            .context(table_context(stack, tier, zone, why)),
    );
}

/// Where a default route goes.
enum Target {
    /// The internet gateway.
    Internet,
    /// A NAT gateway.
    Nat(LogicalId),
}

fn add_default_route(
    stack: &Stack<'_>,
    template: &mut Template,
    tier: &SubnetTier,
    zone: Option<&Zone>,
    table: &LogicalId,
    target: Target,
) {
    let why = format!(
        "The default route of {} tier `{}`: {}",
        tier.role.keyword(),
        tier.name,
        way_out(stack, tier, zone)
    );
    let route = Resource::new("AWS::EC2::Route")
        .property("RouteTableId", Expr::reference(table))
        .property("DestinationCidrBlock", Cidr::ANYWHERE.to_string());
    let route = match target {
        // A route to the gateway fails until the gateway is attached to the VPC.
        Target::Internet => route
            .property(
                "GatewayId",
                Expr::reference(&logical_id::internet_gateway()),
            )
            .depends_on(logical_id::internet_gateway_attachment()),
        Target::Nat(nat) => route.property("NatGatewayId", Expr::reference(&nat)),
    };
    template.add_resource(
        logical_id::default_route(&tier.name, zone),
        route.context(table_context(stack, tier, zone, why)),
    );
}

/// Associates `table` with the tier's subnets in `zone`, or in every zone of the stack.
fn add_associations(
    stack: &Stack<'_>,
    template: &mut Template,
    tier: &SubnetTier,
    zone: Option<&Zone>,
    table: &LogicalId,
) {
    let subnets = stack
        .subnets(tier)
        .filter(|subnet| zone.is_none_or(|zone| subnet.zone == *zone));
    for subnet in subnets {
        let why = format!(
            "Gives subnet `{}` in {} its tier's routes: {}",
            tier.name,
            subnet.zone,
            way_out(stack, tier, Some(&subnet.zone))
        );
        let at = path::subnet(tier.name.as_str(), subnet.zone.as_str());
        template.add_resource(
            logical_id::route_table_association(&tier.name, &subnet.zone),
            Resource::new("AWS::EC2::SubnetRouteTableAssociation")
                .property("RouteTableId", Expr::reference(table))
                .property(
                    "SubnetId",
                    Expr::reference(&logical_id::subnet(&tier.name, &subnet.zone)),
                )
                .context(stack.context(at, why, State::Stateless)),
        );
    }
}
