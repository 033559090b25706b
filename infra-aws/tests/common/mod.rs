//! The reference design's network (the shape of infra-core's test design), for the template tests.

// Each test crate uses a part of this module.
#![allow(dead_code)]

use infra_core::model::{
    AclRule, Environment, FlowLogs, GatewayEndpoint, Network, NetworkAcl, Peer, Platform,
    SecurityGroup, SecurityGroupRule, SubnetTier,
};
use infra_core::value::{
    AclRuleNumber, Cidr, Name, PortRange, Region, RetentionDays, Traffic, Zone,
};
use infra_core::Validated;

pub const A: Zone = Zone::new_assert("ap-northeast-1a");
pub const C: Zone = Zone::new_assert("ap-northeast-1c");

/// The environments of [`design`].
pub const ENVIRONMENTS: [&str; 3] = ["production", "staging", "development"];

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

fn group(name: &'static str) -> Peer {
    Peer::Group(Name::new_assert(name))
}

fn security_groups(network: Network) -> Network {
    let anywhere = Peer::Cidr(Cidr::ANYWHERE);
    network
        .security_group(
            SecurityGroup::new(Name::new_assert("alb"), "Load balancer")
                .ingress(SecurityGroupRule::new(tcp(443), anywhere.clone()).described("HTTPS"))
                .egress(SecurityGroupRule::new(Traffic::All, anywhere.clone())),
        )
        .security_group(
            SecurityGroup::new(Name::new_assert("application"), "API tasks")
                .in_tier(Name::new_assert("private"))
                .ingress(SecurityGroupRule::new(tcp(8080), group("alb")).described("API"))
                .egress(SecurityGroupRule::new(Traffic::All, anywhere)),
        )
        .security_group(
            SecurityGroup::new(Name::new_assert("database"), "PostgreSQL")
                .in_tier(Name::new_assert("database"))
                .ingress(
                    SecurityGroupRule::new(tcp(5432), group("application")).described("PostgreSQL"),
                ),
        )
}

fn acls(network: Network) -> Network {
    let ephemeral = Traffic::Tcp(PortRange::EPHEMERAL);
    network
        .acl(
            NetworkAcl::new(Name::new_assert("public"))
                .inbound(allow(100, tcp(443), "0.0.0.0/0"))
                .inbound(allow(110, ephemeral, "0.0.0.0/0"))
                .outbound(allow(100, Traffic::All, "0.0.0.0/0")),
        )
        .acl(
            NetworkAcl::new(Name::new_assert("private"))
                .inbound(allow(100, Traffic::All, "10.0.0.0/16"))
                .inbound(allow(110, ephemeral, "0.0.0.0/0"))
                .outbound(allow(100, Traffic::All, "0.0.0.0/0")),
        )
}

/// The unvalidated design: production (multi-AZ), staging and development, all in 1a and 1c.
pub fn platform() -> Platform {
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
        .endpoint(GatewayEndpoint::S3)
        .endpoint(GatewayEndpoint::DynamoDb)
        .flow_logs(FlowLogs::new(RetentionDays::new_assert(30)));
    let network = acls(security_groups(network));
    Platform::new(
        Name::new_assert("datasets"),
        Region::new_assert("ap-northeast-1"),
        network,
    )
    .environment(Environment::new(Name::new_assert("production"), [A, C]).multi_az(true))
    .environment(Environment::new(Name::new_assert("staging"), [A, C]))
    .environment(Environment::new(Name::new_assert("development"), [A, C]))
}

/// The design, validated.
pub fn design() -> Validated<Platform> {
    platform()
        .validate()
        .expect("the reference design is valid")
}

/// The template of `environment` of `design`.
pub fn synth(design: &Validated<Platform>, environment: &str) -> infra_aws::Template {
    infra_aws::synth(design, environment).expect("an environment of the design")
}

/// The logical ids of the resources of `resource_type`.
pub fn ids_of(template: &infra_aws::Template, resource_type: &str) -> Vec<String> {
    template
        .resources_of_type(resource_type)
        .map(|(id, _)| id.to_string())
        .collect()
}
