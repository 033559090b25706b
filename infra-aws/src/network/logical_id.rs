//! The logical ids of the network's resources: a fixed word for the kind of resource followed
//! by the PascalCase names it belongs to (`SubnetPrivateApNortheast1a`).

use infra_core::model::GatewayEndpoint;
use infra_core::value::{AclRuleNumber, EndpointService, Name, Zone};

use crate::logical_id::LogicalId;

/// `Vpc`
pub(crate) fn vpc() -> LogicalId {
    LogicalId::new(["Vpc"])
}

/// `InternetGateway`
pub(crate) fn internet_gateway() -> LogicalId {
    LogicalId::new(["InternetGateway"])
}

/// `InternetGatewayAttachment`
pub(crate) fn internet_gateway_attachment() -> LogicalId {
    LogicalId::new(["InternetGatewayAttachment"])
}

/// `AvailabilityZone<Zone>`: the parameter that carries a zone's name.
pub(crate) fn zone_parameter(zone: &Zone) -> LogicalId {
    LogicalId::new(["AvailabilityZone", &zone.pascal_case()])
}

/// `Subnet<Tier><Zone>`
pub(crate) fn subnet(tier: &Name, zone: &Zone) -> LogicalId {
    LogicalId::new(["Subnet", &tier.pascal_case(), &zone.pascal_case()])
}

/// `RouteTable<Tier>`, or `RouteTable<Tier><Zone>` for a table of one zone.
pub(crate) fn route_table(tier: &Name, zone: Option<&Zone>) -> LogicalId {
    LogicalId::new(["RouteTable", &tier.pascal_case(), &pascal_or_empty(zone)])
}

/// `DefaultRoute<Tier>`, or `DefaultRoute<Tier><Zone>`: the `0.0.0.0/0` route of a table.
pub(crate) fn default_route(tier: &Name, zone: Option<&Zone>) -> LogicalId {
    LogicalId::new(["DefaultRoute", &tier.pascal_case(), &pascal_or_empty(zone)])
}

/// `RouteTableAssociation<Tier><Zone>`
pub(crate) fn route_table_association(tier: &Name, zone: &Zone) -> LogicalId {
    LogicalId::new([
        "RouteTableAssociation",
        &tier.pascal_case(),
        &zone.pascal_case(),
    ])
}

/// `NatEip<Zone>`
pub(crate) fn nat_eip(zone: &Zone) -> LogicalId {
    LogicalId::new(["NatEip", &zone.pascal_case()])
}

/// `NatGateway<Zone>`
pub(crate) fn nat_gateway(zone: &Zone) -> LogicalId {
    LogicalId::new(["NatGateway", &zone.pascal_case()])
}

/// `SecurityGroup<Group>`
pub(crate) fn security_group(group: &Name) -> LogicalId {
    LogicalId::new(["SecurityGroup", &group.pascal_case()])
}

/// `SecurityGroup<Group>Ingress<idx>` or `...Egress<idx>`: a rule that names another group, by
/// its index in the model (`ingress[idx]`).
pub(crate) fn security_group_rule(group: &Name, ingress: bool, idx: usize) -> LogicalId {
    let direction = if ingress { "Ingress" } else { "Egress" };
    LogicalId::new([
        "SecurityGroup",
        &group.pascal_case(),
        direction,
        &idx.to_string(),
    ])
}

/// `NetworkAcl<Tier>`
pub(crate) fn network_acl(tier: &Name) -> LogicalId {
    LogicalId::new(["NetworkAcl", &tier.pascal_case()])
}

/// `NetworkAcl<Tier>Inbound<number>` or `...Outbound<number>`; numbers are unique per direction.
pub(crate) fn network_acl_entry(tier: &Name, egress: bool, number: AclRuleNumber) -> LogicalId {
    let direction = if egress { "Outbound" } else { "Inbound" };
    LogicalId::new([
        "NetworkAcl",
        &tier.pascal_case(),
        direction,
        &number.to_string(),
    ])
}

/// `NetworkAclAssociation<Tier><Zone>`
pub(crate) fn network_acl_association(tier: &Name, zone: &Zone) -> LogicalId {
    LogicalId::new([
        "NetworkAclAssociation",
        &tier.pascal_case(),
        &zone.pascal_case(),
    ])
}

/// `GatewayEndpointS3`, `GatewayEndpointDynamodb`
pub(crate) fn gateway_endpoint(endpoint: GatewayEndpoint) -> LogicalId {
    let service = match endpoint {
        GatewayEndpoint::S3 => "S3",
        GatewayEndpoint::DynamoDb => "DynamoDb",
    };
    LogicalId::new(["GatewayEndpoint", service])
}

/// `InterfaceEndpoint<Service>`: `InterfaceEndpointEcrApi`. infra-core's
/// `duplicate-endpoint-service` rule compares services in this form.
pub(crate) fn interface_endpoint(service: &EndpointService) -> LogicalId {
    LogicalId::new(["InterfaceEndpoint", &service.pascal_case()])
}

/// `InterfaceEndpointsSecurityGroup`: the group of every interface endpoint. No service id can
/// meet it, since a service's fragment starts with a capital letter.
pub(crate) fn interface_endpoints_security_group() -> LogicalId {
    LogicalId::new(["InterfaceEndpointsSecurityGroup"])
}

/// `FlowLogGroup`
pub(crate) fn flow_log_group() -> LogicalId {
    LogicalId::new(["FlowLogGroup"])
}

/// `FlowLogRole`
pub(crate) fn flow_log_role() -> LogicalId {
    LogicalId::new(["FlowLogRole"])
}

/// `FlowLog`
pub(crate) fn flow_log() -> LogicalId {
    LogicalId::new(["FlowLog"])
}

fn pascal_or_empty(zone: Option<&Zone>) -> String {
    zone.map(Zone::pascal_case).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Zone = Zone::new_assert("ap-northeast-1a");

    #[test]
    fn ids_are_pascal_case_names() {
        let private = Name::new_assert("private");
        assert_eq!(subnet(&private, &A).as_str(), "SubnetPrivateApNortheast1a");
        assert_eq!(route_table(&private, None).as_str(), "RouteTablePrivate");
        assert_eq!(
            route_table(&private, Some(&A)).as_str(),
            "RouteTablePrivateApNortheast1a"
        );
        assert_eq!(
            security_group_rule(&Name::new_assert("app_servers"), true, 2).as_str(),
            "SecurityGroupAppServersIngress2"
        );
        assert_eq!(
            network_acl_entry(&private, true, AclRuleNumber::new_assert(100)).as_str(),
            "NetworkAclPrivateOutbound100"
        );
        assert_eq!(
            gateway_endpoint(GatewayEndpoint::DynamoDb).as_str(),
            "GatewayEndpointDynamoDb"
        );
    }
}
