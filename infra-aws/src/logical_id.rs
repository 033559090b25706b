//! Stable logical ids, derived from the design's names.
//!
//! Every id is a fixed word for the kind of resource followed by the PascalCase names it belongs
//! to (`SubnetPrivateApNortheast1a`), so the same design always gets the same ids and a rename
//! shows up in review as exactly that. infra-core's `duplicate-name` rule compares names in
//! this PascalCase form, so two elements of one kind never share an id. (Ids that join two
//! names, such as a tier and a zone, could only meet for contrived Local-Zone-shaped names such
//! as a zone `ap-northeast-1-x1a`; synth then fails with `SynthError::LogicalIdClash`.)

use std::borrow::Borrow;
use std::fmt;

use infra_core::model::GatewayEndpoint;
use infra_core::value::{AclRuleNumber, EndpointService, Name, Zone};
use serde::{Serialize, Serializer};

/// The longest logical id CloudFormation accepts.
pub const MAX_LEN: usize = 255;

/// The length of the hash suffix that replaces the tail of an id that would be too long.
const HASH_LEN: usize = 16;

/// A CloudFormation logical id: ASCII letters and digits only, at most 255 characters.
///
/// ```
/// use infra_aws::LogicalId;
///
/// let id = LogicalId::new(["Subnet", "Private", "ApNortheast1a"]);
/// assert_eq!(id.as_str(), "SubnetPrivateApNortheast1a");
/// assert_eq!(LogicalId::new(["a-b"]).as_str(), "ab");
/// assert_eq!(LogicalId::new(["X".repeat(300)]).as_str().len(), 255);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LogicalId(String);

impl LogicalId {
    /// Concatenates `parts`, keeping only ASCII letters and digits. An id longer than 255
    /// characters keeps its first 239 and ends in 16 hex digits of a hash of the whole, so that
    /// it stays unique and stable.
    pub fn new<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> LogicalId {
        let mut id: String = parts
            .into_iter()
            .flat_map(|part| {
                part.as_ref()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<Vec<_>>()
            })
            .collect();
        if id.len() > MAX_LEN {
            let hash = fnv1a(id.as_bytes());
            id.truncate(MAX_LEN - HASH_LEN);
            id.push_str(&format!("{hash:016X}"));
        }
        LogicalId(id)
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The 64-bit FNV-1a hash: small, stable across platforms and releases.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl fmt::Display for LogicalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for LogicalId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for LogicalId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for LogicalId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

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

/// `<Resource>Id`: the output that exports a resource's id.
pub(crate) fn id_output(resource: &LogicalId) -> LogicalId {
    LogicalId::new([resource.as_str(), "Id"])
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

    #[test]
    fn long_ids_are_cut_to_255_and_stay_distinct() {
        let long = |tail: &str| LogicalId::new(["A".repeat(300), tail.to_owned()]);
        let (one, two) = (long("One"), long("Two"));
        assert_eq!(one.as_str().len(), MAX_LEN);
        assert_ne!(one, two);
        assert_eq!(one, long("One"));
        assert!(one.as_str().chars().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn only_letters_and_digits_are_kept() {
        assert_eq!(LogicalId::new(["a-b_c", "1.2"]).as_str(), "abc12");
    }
}
