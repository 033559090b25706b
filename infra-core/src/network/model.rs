//! The network section's model.

use crate::value::{AclRuleNumber, Cidr, Name, RetentionDays, Traffic, Zone};

use crate::model::PerEnv;

pub use super::interface_endpoints::InterfaceEndpoints;

/// The network section: a VPC, its subnet tiers, firewalls, endpoints and flow logs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Network {
    /// The VPC's IPv4 block, per environment.
    pub vpc: PerEnv<Cidr>,
    /// The subnet tiers, each with one subnet per zone.
    pub tiers: Vec<SubnetTier>,
    /// The security groups.
    pub security_groups: Vec<SecurityGroup>,
    /// The network ACLs, at most one per tier.
    pub acls: Vec<NetworkAcl>,
    /// Gateway endpoints, attached to the private tiers' route tables.
    pub endpoints: Vec<GatewayEndpoint>,
    /// Interface endpoints, each group in one tier.
    #[serde(default)]
    pub interface_endpoints: Vec<InterfaceEndpoints>,
    /// VPC flow logs, if enabled.
    pub flow_logs: Option<FlowLogs>,
    /// How many NAT gateways the private tiers route through, per environment.
    #[serde(default = "one_per_zone")]
    pub nat_gateways: PerEnv<NatGateways>,
}

impl Network {
    /// A VPC with the block `vpc` (one for all environments, or a [`PerEnv`]) and nothing in it
    /// yet; private tiers get a NAT gateway in each zone unless [`Network::nat_gateways`] says
    /// otherwise.
    pub fn new(vpc: impl Into<PerEnv<Cidr>>) -> Network {
        Network {
            vpc: vpc.into(),
            tiers: Vec::new(),
            security_groups: Vec::new(),
            acls: Vec::new(),
            endpoints: Vec::new(),
            interface_endpoints: Vec::new(),
            flow_logs: None,
            nat_gateways: one_per_zone(),
        }
    }

    /// Sets how many NAT gateways the private tiers route through (per environment, if need be).
    pub fn nat_gateways(mut self, nat_gateways: impl Into<PerEnv<NatGateways>>) -> Network {
        self.nat_gateways = nat_gateways.into();
        self
    }

    /// Adds a subnet tier.
    pub fn tier(mut self, tier: SubnetTier) -> Network {
        self.tiers.push(tier);
        self
    }

    /// Adds a security group.
    pub fn security_group(mut self, group: SecurityGroup) -> Network {
        self.security_groups.push(group);
        self
    }

    /// Adds a network ACL.
    pub fn acl(mut self, acl: NetworkAcl) -> Network {
        self.acls.push(acl);
        self
    }

    /// Adds a gateway endpoint.
    pub fn endpoint(mut self, endpoint: GatewayEndpoint) -> Network {
        self.endpoints.push(endpoint);
        self
    }

    /// Adds interface endpoints in a tier.
    pub fn interface_endpoints(mut self, endpoints: InterfaceEndpoints) -> Network {
        self.interface_endpoints.push(endpoints);
        self
    }

    /// Turns VPC flow logs on.
    pub fn flow_logs(mut self, flow_logs: FlowLogs) -> Network {
        self.flow_logs = Some(flow_logs);
        self
    }

    /// Looks a tier up by name.
    pub fn find_tier(&self, name: &str) -> Option<&SubnetTier> {
        self.tiers.iter().find(|tier| tier.name.as_str() == name)
    }

    /// The tier that hosts the NAT gateways (the first public tier), if any.
    pub fn nat_tier(&self) -> Option<&SubnetTier> {
        self.tiers.iter().find(|tier| tier.role == TierRole::Public)
    }

    /// Whether any tier routes through NAT gateways.
    pub fn needs_nat(&self) -> bool {
        self.tiers.iter().any(|tier| tier.role == TierRole::Private)
    }
}

/// The default NAT setting: a gateway in each zone.
fn one_per_zone() -> PerEnv<NatGateways> {
    PerEnv::new(NatGateways::OnePerZone)
}

/// How many NAT gateways an environment runs for its private tiers.
///
/// Source: VPC User Guide, "NAT gateways": a NAT gateway lives in one zone; "for a zone-independent
/// architecture, create a NAT gateway in each Availability Zone". One shared gateway costs less
/// but routes every zone's traffic through one zone.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum NatGateways {
    /// One in each zone of the environment; each zone's private subnets use their own.
    OnePerZone,
    /// One, in the environment's first zone, used by every zone.
    Shared,
    /// None: private tiers have no route to the internet (they reach AWS services through
    /// endpoints).
    None,
}

impl NatGateways {
    /// The DSL keyword: `one_per_zone`, `shared` or `none`.
    pub const fn keyword(&self) -> &'static str {
        match self {
            Self::OnePerZone => "one_per_zone",
            Self::Shared => "shared",
            Self::None => "none",
        }
    }
}

/// How a tier reaches the internet.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TierRole {
    /// Routed to an internet gateway; hosts the NAT gateways.
    Public,
    /// Routed to the environment's NAT gateways (see [`NatGateways`]).
    Private,
    /// No route to the internet (databases).
    Isolated,
}

impl TierRole {
    /// The DSL keyword: `public`, `private` or `isolated`.
    pub const fn keyword(&self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Private => "private",
            Self::Isolated => "isolated",
        }
    }
}

/// A subnet tier: subnets with one role, one per zone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubnetTier {
    /// The tier's name.
    pub name: Name,
    /// How it reaches the internet.
    pub role: TierRole,
    /// One subnet per zone.
    pub subnets: Vec<Subnet>,
}

impl SubnetTier {
    /// An empty tier.
    pub fn new(name: Name, role: TierRole) -> SubnetTier {
        SubnetTier {
            name,
            role,
            subnets: Vec::new(),
        }
    }

    /// An empty public tier.
    pub fn public(name: Name) -> SubnetTier {
        SubnetTier::new(name, TierRole::Public)
    }

    /// An empty private tier.
    pub fn private(name: Name) -> SubnetTier {
        SubnetTier::new(name, TierRole::Private)
    }

    /// An empty isolated tier.
    pub fn isolated(name: Name) -> SubnetTier {
        SubnetTier::new(name, TierRole::Isolated)
    }

    /// Adds the tier's subnet in `zone`, with one block for all environments or a [`PerEnv`].
    pub fn subnet(mut self, zone: Zone, cidr: impl Into<PerEnv<Cidr>>) -> SubnetTier {
        self.subnets.push(Subnet {
            zone,
            cidr: cidr.into(),
        });
        self
    }

    /// The tier's subnet in `zone`, if any.
    pub fn subnet_in(&self, zone: &Zone) -> Option<&Subnet> {
        self.subnets.iter().find(|subnet| &subnet.zone == zone)
    }
}

/// One subnet of a tier.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    /// Its availability zone.
    pub zone: Zone,
    /// Its IPv4 block, inside the VPC's, per environment.
    pub cidr: PerEnv<Cidr>,
}

/// A security group: stateful allow rules in and out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SecurityGroup {
    /// Its name.
    pub name: Name,
    /// What it is for (AWS's `GroupDescription`).
    pub description: String,
    /// The tier its members live in, if the design says so.
    pub tier: Option<Name>,
    /// What may come in.
    pub ingress: Vec<SecurityGroupRule>,
    /// What may go out; empty means nothing.
    pub egress: Vec<SecurityGroupRule>,
}

impl SecurityGroup {
    /// A group with no rules.
    pub fn new(name: Name, description: impl Into<String>) -> SecurityGroup {
        SecurityGroup {
            name,
            description: description.into(),
            tier: None,
            ingress: Vec::new(),
            egress: Vec::new(),
        }
    }

    /// Says which tier the group's members live in.
    pub fn in_tier(mut self, tier: Name) -> SecurityGroup {
        self.tier = Some(tier);
        self
    }

    /// Allows `traffic` in from `peer`.
    pub fn ingress(mut self, rule: SecurityGroupRule) -> SecurityGroup {
        self.ingress.push(rule);
        self
    }

    /// Allows `traffic` out to `peer`.
    pub fn egress(mut self, rule: SecurityGroupRule) -> SecurityGroup {
        self.egress.push(rule);
        self
    }
}

/// One security group rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupRule {
    /// The protocol and ports.
    pub traffic: Traffic,
    /// The other end.
    pub peer: Peer,
    /// What the rule is for.
    pub description: Option<String>,
}

impl SecurityGroupRule {
    /// A rule without a description.
    pub fn new(traffic: Traffic, peer: Peer) -> SecurityGroupRule {
        SecurityGroupRule {
            traffic,
            peer,
            description: None,
        }
    }

    /// Adds a description.
    pub fn described(mut self, description: impl Into<String>) -> SecurityGroupRule {
        self.description = Some(description.into());
        self
    }
}

/// The other end of a security group rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Peer {
    /// Addresses in a block.
    Cidr(Cidr),
    /// Members of another security group of the design.
    Group(Name),
}

/// A network ACL: the stateless, numbered rules of one tier's subnets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NetworkAcl {
    /// The tier it guards.
    pub tier: Name,
    /// Rules for traffic entering the subnets.
    pub inbound: Vec<AclRule>,
    /// Rules for traffic leaving the subnets.
    pub outbound: Vec<AclRule>,
}

impl NetworkAcl {
    /// An ACL with no rules (everything denied).
    pub fn new(tier: Name) -> NetworkAcl {
        NetworkAcl {
            tier,
            inbound: Vec::new(),
            outbound: Vec::new(),
        }
    }

    /// Adds an inbound rule.
    pub fn inbound(mut self, rule: AclRule) -> NetworkAcl {
        self.inbound.push(rule);
        self
    }

    /// Adds an outbound rule.
    pub fn outbound(mut self, rule: AclRule) -> NetworkAcl {
        self.outbound.push(rule);
        self
    }
}

/// One numbered network ACL rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AclRule {
    /// Its number: rules are evaluated lowest first, and the first match decides.
    pub number: AclRuleNumber,
    /// Allow or deny.
    pub action: AclAction,
    /// The protocol and ports.
    pub traffic: Traffic,
    /// The other end's addresses, per environment (the VPC's block may differ between them).
    pub cidr: PerEnv<Cidr>,
}

impl AclRule {
    /// An allow rule for `cidr` (one block for all environments, or a [`PerEnv`]).
    pub fn allow(
        number: AclRuleNumber,
        traffic: Traffic,
        cidr: impl Into<PerEnv<Cidr>>,
    ) -> AclRule {
        AclRule {
            number,
            action: AclAction::Allow,
            traffic,
            cidr: cidr.into(),
        }
    }

    /// A deny rule for `cidr` (one block for all environments, or a [`PerEnv`]).
    pub fn deny(number: AclRuleNumber, traffic: Traffic, cidr: impl Into<PerEnv<Cidr>>) -> AclRule {
        AclRule {
            number,
            action: AclAction::Deny,
            traffic,
            cidr: cidr.into(),
        }
    }
}

/// What a network ACL rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AclAction {
    /// Let the traffic through.
    Allow,
    /// Drop the traffic.
    Deny,
}

/// A gateway VPC endpoint.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum GatewayEndpoint {
    /// Amazon S3.
    S3,
    /// Amazon DynamoDB.
    DynamoDb,
}

impl GatewayEndpoint {
    /// The service's short name in `com.amazonaws.<region>.<service>`.
    pub const fn service(&self) -> &'static str {
        match self {
            Self::S3 => "s3",
            Self::DynamoDb => "dynamodb",
        }
    }
}

/// VPC flow logs to CloudWatch Logs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowLogs {
    /// How long the log group keeps them, per environment.
    pub retention: PerEnv<RetentionDays>,
    /// Which traffic is logged.
    pub traffic: FlowLogTraffic,
    /// The KMS key of the design (`security { kms_key <name> {} }`) that encrypts the log group, by name;
    /// unencrypted without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<Name>,
}

impl FlowLogs {
    /// Logs all traffic, kept for `retention` (one for all environments, or a [`PerEnv`]).
    pub fn new(retention: impl Into<PerEnv<RetentionDays>>) -> FlowLogs {
        FlowLogs {
            retention: retention.into(),
            traffic: FlowLogTraffic::All,
            kms_key: None,
        }
    }

    /// Encrypts the log group with the design's KMS key `key`.
    pub fn kms_key(mut self, key: Name) -> FlowLogs {
        self.kms_key = Some(key);
        self
    }
}

/// Which traffic flow logs record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowLogTraffic {
    /// Accepted and rejected traffic.
    All,
    /// Accepted traffic only.
    Accept,
    /// Rejected traffic only.
    Reject,
}

impl FlowLogTraffic {
    /// AWS's `TrafficType` value.
    pub const fn aws_name(&self) -> &'static str {
        match self {
            Self::All => "ALL",
            Self::Accept => "ACCEPT",
            Self::Reject => "REJECT",
        }
    }
}
