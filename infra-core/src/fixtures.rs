//! A design for tests: the reference design's network, corrected. Built for infra-core's own
//! tests and, through the internal `_fixtures` feature, for the backends' tests. Not part of the API.

use crate::model::{
    AclRule, Environment, FlowLogs, GatewayEndpoint, NatGateways, Network, NetworkAcl, Peer,
    PerEnv, Platform, SecurityGroup, SecurityGroupRule, SubnetTier,
};
use crate::value::{AclRuleNumber, Cidr, Name, PortRange, Region, RetentionDays, Traffic, Zone};

/// The first zone of the design.
pub const A: Zone = Zone::new_assert("ap-northeast-1a");
/// The second zone of the design.
pub const C: Zone = Zone::new_assert("ap-northeast-1c");

fn tier(tier: SubnetTier, a: &'static str, c: &'static str) -> SubnetTier {
    tier.subnet(A, Cidr::new_assert(a))
        .subnet(C, Cidr::new_assert(c))
}

fn allow(number: u32, traffic: Traffic, cidr: &'static str) -> AclRule {
    AclRule::allow(
        AclRuleNumber::new_assert(number),
        traffic,
        Cidr::new_assert(cidr),
    )
}

fn tcp(port: u16) -> Traffic {
    Traffic::Tcp(PortRange::single(port))
}

/// The reference design's network, corrected: three tiers in two zones, three security groups,
/// network ACLs for the public and private tiers, S3 and DynamoDB endpoints, flow logs, a NAT
/// gateway per zone in production and a shared one elsewhere; and the environments production
/// (multi-AZ), staging and development. Every rule accepts it.
pub fn reference_network() -> Platform {
    let group = |name: &'static str| Peer::Group(Name::new_assert(name));
    let network = Network::new(Cidr::new_assert("10.0.0.0/16"))
        .tier(tier(
            SubnetTier::public(Name::new_assert("public")),
            "10.0.1.0/24",
            "10.0.2.0/24",
        ))
        .tier(tier(
            SubnetTier::private(Name::new_assert("private")),
            "10.0.11.0/24",
            "10.0.12.0/24",
        ))
        .tier(tier(
            SubnetTier::isolated(Name::new_assert("database")),
            "10.0.21.0/24",
            "10.0.22.0/24",
        ))
        .security_group(
            SecurityGroup::new(Name::new_assert("alb"), "Load balancer")
                .ingress(
                    SecurityGroupRule::new(tcp(443), Peer::Cidr(Cidr::ANYWHERE)).described("HTTPS"),
                )
                .egress(SecurityGroupRule::new(
                    Traffic::All,
                    Peer::Cidr(Cidr::ANYWHERE),
                )),
        )
        .security_group(
            SecurityGroup::new(Name::new_assert("application"), "API tasks")
                .in_tier(Name::new_assert("private"))
                .ingress(SecurityGroupRule::new(tcp(8080), group("alb")).described("API"))
                .egress(SecurityGroupRule::new(
                    Traffic::All,
                    Peer::Cidr(Cidr::ANYWHERE),
                )),
        )
        .security_group(
            SecurityGroup::new(Name::new_assert("database"), "PostgreSQL")
                .in_tier(Name::new_assert("database"))
                .ingress(
                    SecurityGroupRule::new(tcp(5432), group("application")).described("PostgreSQL"),
                ),
        )
        .acl(
            NetworkAcl::new(Name::new_assert("public"))
                .inbound(allow(100, tcp(443), "0.0.0.0/0"))
                .inbound(allow(110, Traffic::Tcp(PortRange::EPHEMERAL), "0.0.0.0/0"))
                .outbound(allow(100, Traffic::All, "0.0.0.0/0")),
        )
        .acl(
            NetworkAcl::new(Name::new_assert("private"))
                .inbound(allow(100, Traffic::All, "10.0.0.0/16"))
                .inbound(allow(110, Traffic::Tcp(PortRange::EPHEMERAL), "0.0.0.0/0"))
                .outbound(allow(100, Traffic::All, "0.0.0.0/0")),
        )
        .endpoint(GatewayEndpoint::S3)
        .endpoint(GatewayEndpoint::DynamoDb)
        .flow_logs(FlowLogs::new(RetentionDays::new_assert(30)))
        .nat_gateways(
            PerEnv::new(NatGateways::Shared)
                .with(Name::new_assert("production"), NatGateways::OnePerZone),
        );
    Platform::new(
        Name::new_assert("datasets"),
        Region::new_assert("ap-northeast-1"),
        network,
    )
    .environment(Environment::new(Name::new_assert("production"), [A, C]).multi_az(true))
    .environment(Environment::new(Name::new_assert("staging"), [A, C]))
    .environment(Environment::new(Name::new_assert("development"), [A, C]))
}
