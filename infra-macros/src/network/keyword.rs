//! The network section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `network { ... }`.
    pub enum NetworkKey: "network item" {
        Vpc = "vpc",
        Subnets = "subnets",
        NatGateways = "nat_gateways",
        SecurityGroup = "security_group",
        NetworkAcl = "network_acl",
        GatewayEndpoints = "gateway_endpoints",
        InterfaceEndpoints = "interface_endpoints",
        FlowLogs = "flow_logs",
    }

    /// How a tier reaches the internet.
    pub enum TierRoleWord: "tier role" {
        Public = "public",
        Private = "private",
        Isolated = "isolated",
    }

    /// The NAT gateways of an environment.
    pub enum NatWord: "NAT gateway setting" {
        OnePerZone = "one_per_zone",
        Shared = "shared",
        None = "none",
    }

    /// The fields of a security group.
    pub enum GroupKey: "security group field" {
        Description = "description",
        Tier = "tier",
        Ingress = "ingress",
        Egress = "egress",
    }

    /// The fields of a network ACL.
    pub enum AclKey: "network ACL field" {
        Inbound = "inbound",
        Outbound = "outbound",
    }

    /// What a network ACL rule does.
    pub enum ActionWord: "rule action" {
        Allow = "allow",
        Deny = "deny",
    }

    /// The protocol word that may open a rule's traffic.
    pub enum TrafficWord: "traffic" {
        All = "all",
        Icmp = "icmp",
        Tcp = "tcp",
        Udp = "udp",
    }

    /// Where a rule's peer is named: `from` inbound, `to` outbound.
    pub enum DirectionWord: "direction" {
        From = "from",
        To = "to",
    }

    /// The gateway endpoints.
    pub enum EndpointWord: "gateway endpoint" {
        S3 = "s3",
        Dynamodb = "dynamodb",
    }

    /// The fields of `interface_endpoints { ... }`.
    pub enum InterfaceEndpointKey: "interface endpoints field" {
        Tier = "tier",
        Services = "services",
    }

    /// The fields of `flow_logs { ... }`.
    pub enum FlowLogKey: "flow log field" {
        Retention = "retention",
        Traffic = "traffic",
        KmsKey = "kms_key",
    }

    /// Which traffic flow logs record.
    pub enum FlowLogTrafficWord: "flow log traffic" {
        All = "all",
        Accept = "accept",
        Reject = "reject",
    }
}

/// The word that stands for each environment's VPC block in a network ACL rule.
pub const VPC: &str = "vpc";
