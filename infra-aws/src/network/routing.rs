//! Route tables, NAT gateways and the routes to the internet.
//!
//! * A public tier has one route table with `0.0.0.0/0` to the internet gateway.
//! * A private tier has one route table per zone with `0.0.0.0/0` to a NAT gateway: the one of
//!   its zone when the environment has one per zone, else the shared one; none without NAT
//!   gateways.
//! * An isolated tier has one route table with no route out of the VPC.

use infra_core::model::{NatGateways, SubnetTier, TierRole};
use infra_core::value::{Cidr, Zone};

use crate::intrinsic::Expr;
use crate::logical_id::{self, LogicalId};
use crate::stack::Stack;
use crate::template::{Resource, Template};

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
                add_default_route(template, tier, zone, &table, target);
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
fn nat_zones<'a>(stack: &Stack<'a>) -> Vec<&'a Zone> {
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

/// The NAT gateway that serves `zone`: its own, or else the first (the single one).
fn nat_for(zone: Option<&Zone>, nat_zones: &[&Zone]) -> Option<LogicalId> {
    let own = zone.and_then(|zone| nat_zones.iter().find(|nat| **nat == zone));
    own.or(nat_zones.first())
        .map(|zone| logical_id::nat_gateway(zone))
}

/// An Elastic IP and a NAT gateway in the NAT tier's subnet of `zone`.
fn add_nat_gateway(stack: &Stack<'_>, template: &mut Template, zone: &Zone) {
    let Some(host) = stack.network().nat_tier() else {
        return;
    };
    let eip = logical_id::nat_eip(zone);
    // The address can only be associated once the VPC has its internet gateway.
    template.add_resource(
        eip.clone(),
        Resource::new("AWS::EC2::EIP")
            .property("Domain", "vpc")
            .property("Tags", stack.tags(&format!("nat-eip-{zone}")))
            .depends_on(logical_id::internet_gateway_attachment()),
    );
    template.add_resource(
        logical_id::nat_gateway(zone),
        Resource::new("AWS::EC2::NatGateway")
            .property("AllocationId", Expr::get_att(&eip, "AllocationId"))
            .property(
                "SubnetId",
                Expr::reference(&logical_id::subnet(&host.name, zone)),
            )
            .property("Tags", stack.tags(&format!("nat-{zone}"))),
    );
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
    template.add_resource(
        table.clone(),
        Resource::new("AWS::EC2::RouteTable")
            .property("VpcId", Expr::reference(&logical_id::vpc()))
            .property("Tags", stack.tags(&what)),
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
    template: &mut Template,
    tier: &SubnetTier,
    zone: Option<&Zone>,
    table: &LogicalId,
    target: Target,
) {
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
    template.add_resource(logical_id::default_route(&tier.name, zone), route);
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
        template.add_resource(
            logical_id::route_table_association(&tier.name, &subnet.zone),
            Resource::new("AWS::EC2::SubnetRouteTableAssociation")
                .property("RouteTableId", Expr::reference(table))
                .property(
                    "SubnetId",
                    Expr::reference(&logical_id::subnet(&tier.name, &subnet.zone)),
                ),
        );
    }
}
