//! The VPC, its subnets (with their zone parameters and outputs) and the internet gateway.

use infra_core::model::{path, Subnet, SubnetTier, TierRole};
use infra_core::rules::{
    Rule, NAT_WITHOUT_PUBLIC_TIER, SUBNET_OUTSIDE_VPC, SUBNET_OVERLAP, SUBNET_PREFIX_LENGTH,
    VPC_PREFIX_LENGTH, ZONE_NOT_COVERED,
};
use infra_core::value::Zone;

use super::logical_id;
use crate::context::State;
use crate::intrinsic::{Expr, Pseudo};
use crate::logical_id::LogicalId;
use crate::stack::Stack;
use crate::template::{Output, Parameter, Resource, Template};

use super::{named, routing};

/// The rules that check a subnet's block and zone.
const SUBNET_RULES: [&Rule; 4] = [
    &SUBNET_PREFIX_LENGTH,
    &SUBNET_OUTSIDE_VPC,
    &SUBNET_OVERLAP,
    &ZONE_NOT_COVERED,
];

/// Adds the VPC, the zone parameters, the subnets, the internet gateway and the outputs.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let vpc = logical_id::vpc();
    let tiers: Vec<&str> = stack
        .network()
        .tiers
        .iter()
        .map(|tier| tier.name.as_str())
        .collect();
    let why = format!(
        "The network of `{}` {}: the subnets of {} lie in its block, and every other network \
         resource belongs to it",
        stack.platform().name,
        stack.environment().name,
        named("tier", &tiers)
    );
    template.add_resource(
        vpc.clone(),
        Resource::new("AWS::EC2::VPC")
            .property("CidrBlock", stack.value(&stack.network().vpc).to_string())
            .property("EnableDnsSupport", true)
            .property("EnableDnsHostnames", true)
            .property("Tags", stack.tags("vpc"))
            .context(
                stack
                    .context(path::vpc(), why, State::Stateful)
                    .must([&VPC_PREFIX_LENGTH, &SUBNET_OUTSIDE_VPC]),
            ),
    );
    add_id_output(template, &vpc, "The id of the VPC".to_owned());
    for zone in stack.zones() {
        add_zone_parameter(template, zone);
    }
    for tier in &stack.network().tiers {
        add_subnets(stack, template, tier);
    }
    if stack
        .network()
        .tiers
        .iter()
        .any(|tier| tier.role == TierRole::Public)
    {
        add_internet_gateway(stack, template);
    }
}

/// Availability zones are parameters whose default is the design's zone name, because zone
/// names map to physical zones per AWS account (aws-rules.md §12): a deployer whose account lacks
/// a zone can pick another without editing the template, and CloudFormation checks the zone
/// exists before it creates anything. cfn-lint also warns on hard-coded zones (W3010).
fn add_zone_parameter(template: &mut Template, zone: &Zone) {
    template.add_parameter(
        logical_id::zone_parameter(zone),
        Parameter::new(
            "AWS::EC2::AvailabilityZone::Name",
            format!("The availability zone the design calls {zone} (zone names map to physical zones per account)"),
        )
        .default_value(zone.as_str()),
    );
}

/// Why a subnet exists: its tier's role and how it reaches (or does not reach) the internet.
fn subnet_why(stack: &Stack<'_>, tier: &SubnetTier, subnet: &Subnet) -> String {
    let zone = &subnet.zone;
    let name = &tier.name;
    let nat_zones = routing::nat_zones(stack);
    match tier.role {
        TierRole::Public => {
            let hosts_nat = stack
                .network()
                .nat_tier()
                .is_some_and(|host| host.name == *name)
                && nat_zones.contains(&zone);
            let nat = if hosts_nat {
                "; hosts the zone's NAT gateway"
            } else {
                ""
            };
            format!(
                "Public subnet `{name}` in {zone}: reaches the internet through the internet gateway{nat}"
            )
        }
        TierRole::Private => match routing::nat_zone_for(Some(zone), &nat_zones) {
            Some(nat_zone) => format!(
                "Private subnet `{name}` in {zone}: its members reach the internet only through the \
                 NAT gateway in {nat_zone}"
            ),
            None => format!("Private subnet `{name}` in {zone}: no NAT gateway serves it"),
        },
        TierRole::Isolated => format!(
            "Isolated subnet `{name}` in {zone}: no route leaves the VPC, so its members are \
             reachable only from inside it"
        ),
    }
}

fn add_subnets(stack: &Stack<'_>, template: &mut Template, tier: &SubnetTier) {
    for subnet in stack.subnets(tier) {
        let id = logical_id::subnet(&tier.name, &subnet.zone);
        let mut context = stack
            .context(
                path::subnet(tier.name.as_str(), subnet.zone.as_str()),
                subnet_why(stack, tier, subnet),
                State::Stateful,
            )
            .must(SUBNET_RULES);
        if tier.role == TierRole::Private {
            context = context.must([&NAT_WITHOUT_PUBLIC_TIER]);
        }
        template.add_resource(
            id.clone(),
            Resource::new("AWS::EC2::Subnet")
                .context(context)
                .property("VpcId", Expr::reference(&logical_id::vpc()))
                .property("CidrBlock", stack.value(&subnet.cidr).to_string())
                .property(
                    "AvailabilityZone",
                    Expr::reference(&logical_id::zone_parameter(&subnet.zone)),
                )
                .property("MapPublicIpOnLaunch", false)
                .property(
                    "Tags",
                    stack.tags(&format!("subnet-{}-{}", tier.name, subnet.zone)),
                ),
        );
        let description = format!(
            "The id of the {} subnet `{}` in `{}`",
            tier.role.keyword(),
            tier.name,
            subnet.zone
        );
        add_id_output(template, &id, description);
    }
}

/// The internet gateway and its attachment, lowered from the public tiers (the first one's path).
fn add_internet_gateway(stack: &Stack<'_>, template: &mut Template) {
    let public: Vec<&str> = stack
        .network()
        .tiers
        .iter()
        .filter(|tier| tier.role == TierRole::Public)
        .map(|tier| tier.name.as_str())
        .collect();
    let at = path::tier(public[0]);
    let gateway = logical_id::internet_gateway();
    let why = format!(
        "The internet gateway of public {}: the route to and from the internet",
        named("tier", &public)
    );
    template.add_resource(
        gateway.clone(),
        Resource::new("AWS::EC2::InternetGateway")
            .property("Tags", stack.tags("igw"))
            .context(stack.context(at.clone(), why, State::Stateless)),
    );
    let why = "Attaches the internet gateway to the VPC: the routes to it and the NAT gateways' \
               addresses wait for the attachment";
    template.add_resource(
        logical_id::internet_gateway_attachment(),
        Resource::new("AWS::EC2::VPCGatewayAttachment")
            .property("VpcId", Expr::reference(&logical_id::vpc()))
            .property("InternetGatewayId", Expr::reference(&gateway))
            .context(stack.context(at, why, State::Stateless)),
    );
}

/// Exports the id of `resource` as `<stack name>-<logical id>`.
fn add_id_output(template: &mut Template, resource: &LogicalId, description: String) {
    let export = format!("${{{}}}-{resource}", Pseudo::StackName.name());
    template.add_output(
        crate::logical_id::id_output(resource),
        Output::exported(description, Expr::reference(resource), Expr::sub(export)),
    );
}
