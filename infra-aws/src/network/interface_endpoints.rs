//! Interface VPC endpoints (AWS PrivateLink): one endpoint per service, with a network interface
//! in the tier's subnet of each of the stack's zones, private DNS, and one security group for
//! all of them that admits HTTPS from the VPC.

use infra_core::model::{path, InterfaceEndpoints, SubnetTier};
use infra_core::rules::{
    DUPLICATE_ENDPOINT_SERVICE, INTERFACE_ENDPOINT_IN_PUBLIC_TIER, INVALID_DESCRIPTION,
    INVALID_ENDPOINT_SERVICE, UNKNOWN_TIER,
};

use crate::context::State;

use super::logical_id;
use crate::intrinsic::{Expr, Pseudo};
use crate::stack::Stack;
use crate::template::{Resource, Template};

use super::security_groups::disallow_all_egress;

/// Adds the endpoints' security group, then each endpoint.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let network = stack.network();
    let placed: Vec<(usize, &SubnetTier, &InterfaceEndpoints)> = network
        .interface_endpoints
        .iter()
        .enumerate()
        .filter(|(_, endpoints)| !endpoints.services.is_empty())
        .filter_map(|(idx, endpoints)| {
            let tier = network.find_tier(endpoints.tier.as_str())?;
            Some((idx, tier, endpoints))
        })
        .collect();
    if placed.is_empty() {
        return;
    }
    add_security_group(stack, template);
    let group = Expr::get_att(&logical_id::interface_endpoints_security_group(), "GroupId");
    for (idx, tier, endpoints) in placed {
        let subnets: Vec<Expr> = stack
            .subnets(tier)
            .map(|subnet| Expr::reference(&logical_id::subnet(&tier.name, &subnet.zone)))
            .collect();
        for (service_idx, service) in endpoints.services.iter().enumerate() {
            let name = format!("com.amazonaws.${{{}}}.{service}", Pseudo::Region.name());
            let why = format!(
                "Interface endpoint for {service} in the subnets of tier `{}`: with private DNS, \
                 the VPC reaches the service without the internet or NAT gateways",
                tier.name
            );
            let context = stack
                .context(
                    path::interface_endpoint_service(idx, service_idx),
                    why,
                    State::Stateless,
                )
                .must([
                    &INVALID_ENDPOINT_SERVICE,
                    &DUPLICATE_ENDPOINT_SERVICE,
                    &UNKNOWN_TIER,
                    &INTERFACE_ENDPOINT_IN_PUBLIC_TIER,
                ]);
            template.add_resource(
                logical_id::interface_endpoint(service),
                Resource::new("AWS::EC2::VPCEndpoint")
                    .property("VpcId", Expr::reference(&logical_id::vpc()))
                    .property("VpcEndpointType", "Interface")
                    .property("ServiceName", Expr::sub(name))
                    .property("PrivateDnsEnabled", true)
                    .property("SubnetIds", Expr::list(subnets.clone()))
                    .property("SecurityGroupIds", Expr::list([group.clone()]))
                    .property("Tags", stack.tags(&format!("vpce-{service}")))
                    .context(context),
            );
        }
    }
}

/// The endpoints answer HTTPS from anywhere in the VPC (private DNS sends every tier's calls to
/// them) and open no connections of their own; replies pass, as security groups are stateful.
fn add_security_group(stack: &Stack<'_>, template: &mut Template) {
    let vpc = stack.value(&stack.network().vpc).to_string();
    let https = Expr::map([
        ("IpProtocol", Expr::from("tcp")),
        ("FromPort", Expr::Int(443)),
        ("ToPort", Expr::Int(443)),
        ("CidrIp", Expr::from(vpc)),
        ("Description", Expr::from("HTTPS from the VPC")),
    ]);
    template.add_resource(
        logical_id::interface_endpoints_security_group(),
        Resource::new("AWS::EC2::SecurityGroup")
            .property(
                "GroupDescription",
                "Interface VPC endpoints: HTTPS from the VPC",
            )
            .property("VpcId", Expr::reference(&logical_id::vpc()))
            .property("SecurityGroupIngress", Expr::list([https]))
            .property("SecurityGroupEgress", Expr::list([disallow_all_egress()]))
            .property("Tags", stack.tags("sg-interface-endpoints"))
            .context(
                stack
                    .context(
                        path::interface_endpoint_groups(),
                        "Security group of the interface endpoints: admits HTTPS from the VPC \
                         and opens no connection of its own",
                        State::Stateless,
                    )
                    .must([&INVALID_DESCRIPTION]),
            ),
    );
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;
    use infra_core::model::InterfaceEndpoints;
    use infra_core::value::{EndpointService, Name};

    use crate::intrinsic::Expr;

    fn with_endpoints(tier: &'static str, services: &[&'static str]) -> crate::Template {
        let mut platform = reference_network();
        platform.network.interface_endpoints.clear();
        let endpoints = services.iter().fold(
            InterfaceEndpoints::new(Name::new_assert(tier)),
            |endpoints, service| endpoints.service(EndpointService::new_assert(service)),
        );
        platform.network.interface_endpoints.push(endpoints);
        let platform = platform.validate().expect("a valid design");
        crate::synth(&platform, "staging").expect("a known environment")
    }

    #[test]
    fn one_endpoint_per_service_in_every_zone() {
        let template = with_endpoints("private", &["ecr.api", "logs"]);
        let endpoint = template
            .resource("InterfaceEndpointEcrApi")
            .expect("the ecr.api endpoint");
        assert_eq!(
            endpoint.get("VpcEndpointType"),
            Some(&Expr::from("Interface"))
        );
        assert_eq!(endpoint.get("PrivateDnsEnabled"), Some(&Expr::Bool(true)));
        assert_eq!(
            endpoint.get("ServiceName"),
            Some(&Expr::sub("com.amazonaws.${AWS::Region}.ecr.api"))
        );
        assert_eq!(
            endpoint.get("SubnetIds"),
            Some(&Expr::list([
                Expr::Ref("SubnetPrivateApNortheast1a".into()),
                Expr::Ref("SubnetPrivateApNortheast1c".into()),
            ]))
        );
        assert_eq!(
            endpoint.get("SecurityGroupIds"),
            Some(&Expr::list([Expr::GetAtt(
                "InterfaceEndpointsSecurityGroup".into(),
                "GroupId".into()
            )]))
        );
        assert!(template.resource("InterfaceEndpointLogs").is_some());
        assert_eq!(
            template.resources_of_type("AWS::EC2::VPCEndpoint").count(),
            4,
            "two gateway and two interface endpoints"
        );
    }

    #[test]
    fn the_group_admits_https_from_the_vpc_only() {
        let template = with_endpoints("database", &["secretsmanager"]);
        let group = template
            .resource("InterfaceEndpointsSecurityGroup")
            .expect("the endpoints' group");
        let Some(Expr::List(ingress)) = group.get("SecurityGroupIngress") else {
            panic!("inline ingress rules");
        };
        assert_eq!(ingress.len(), 1);
        // Staging's own VPC block.
        assert_eq!(ingress[0].get("CidrIp"), Some(&Expr::from("10.1.0.0/16")));
        assert_eq!(ingress[0].get("FromPort"), Some(&Expr::Int(443)));
        assert_eq!(ingress[0].get("ToPort"), Some(&Expr::Int(443)));
        let endpoint = template
            .resource("InterfaceEndpointSecretsmanager")
            .expect("the endpoint");
        assert_eq!(
            endpoint.get("SubnetIds"),
            Some(&Expr::list([
                Expr::Ref("SubnetDatabaseApNortheast1a".into()),
                Expr::Ref("SubnetDatabaseApNortheast1c".into()),
            ]))
        );
    }

    #[test]
    fn without_interface_endpoints_there_is_no_group() {
        let template = with_endpoints("private", &[]);
        assert!(template
            .resource("InterfaceEndpointsSecurityGroup")
            .is_none());
    }
}
