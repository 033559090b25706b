//! The VPC, its subnets (with their zone parameters and outputs) and the internet gateway.

use infra_core::model::{SubnetTier, TierRole};
use infra_core::value::Zone;

use crate::intrinsic::{Expr, Pseudo};
use crate::logical_id::{self, LogicalId};
use crate::stack::Stack;
use crate::template::{Output, Parameter, Resource, Template};

/// Adds the VPC, the zone parameters, the subnets, the internet gateway and the outputs.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let vpc = logical_id::vpc();
    template.add_resource(
        vpc.clone(),
        Resource::new("AWS::EC2::VPC")
            .property("CidrBlock", stack.value(&stack.network().vpc).to_string())
            .property("EnableDnsSupport", true)
            .property("EnableDnsHostnames", true)
            .property("Tags", stack.tags("vpc")),
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

fn add_subnets(stack: &Stack<'_>, template: &mut Template, tier: &SubnetTier) {
    for subnet in stack.subnets(tier) {
        let id = logical_id::subnet(&tier.name, &subnet.zone);
        template.add_resource(
            id.clone(),
            Resource::new("AWS::EC2::Subnet")
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

fn add_internet_gateway(stack: &Stack<'_>, template: &mut Template) {
    let gateway = logical_id::internet_gateway();
    template.add_resource(
        gateway.clone(),
        Resource::new("AWS::EC2::InternetGateway").property("Tags", stack.tags("igw")),
    );
    template.add_resource(
        logical_id::internet_gateway_attachment(),
        Resource::new("AWS::EC2::VPCGatewayAttachment")
            .property("VpcId", Expr::reference(&logical_id::vpc()))
            .property("InternetGatewayId", Expr::reference(&gateway)),
    );
}

/// Exports the id of `resource` as `<stack name>-<logical id>`.
fn add_id_output(template: &mut Template, resource: &LogicalId, description: String) {
    let export = format!("${{{}}}-{resource}", Pseudo::StackName.name());
    template.add_output(
        logical_id::id_output(resource),
        Output::exported(description, Expr::reference(resource), Expr::sub(export)),
    );
}
