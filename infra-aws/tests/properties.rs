//! Property tests: generated valid designs lower without panicking, to templates whose
//! references resolve, whose ids are valid and whose bytes are stable.

use infra_aws::{Expr, Template};
use infra_core::model::{
    AclRule, Environment, FlowLogTraffic, FlowLogs, GatewayEndpoint, NatGateways, Network,
    NetworkAcl, Peer, PerEnv, Platform, SecurityGroup, SecurityGroupRule, SubnetTier, TierRole,
};
use infra_core::value::{
    AclRuleNumber, Cidr, Name, PortRange, Region, RetentionDays, Traffic, Zone,
};
use proptest::prelude::*;

const ZONES: [&str; 3] = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"];
const ENVIRONMENTS: [&str; 3] = ["production", "staging", "development"];
const TIERS: [(&str, TierRole); 5] = [
    ("public", TierRole::Public),
    ("private", TierRole::Private),
    ("workers", TierRole::Private),
    ("database", TierRole::Isolated),
    ("cache", TierRole::Isolated),
];
const GROUPS: [&str; 4] = ["alb", "application", "database", "bastion"];

fn zone(idx: usize) -> Zone {
    ZONES[idx].parse().expect("a zone")
}

fn name(text: &str) -> Name {
    text.parse().expect("a name")
}

fn traffic() -> impl Strategy<Value = Traffic> {
    prop_oneof![
        any::<u16>().prop_map(|port| Traffic::Tcp(PortRange::single(port))),
        (0u16..1000, 0u16..1000)
            .prop_map(|(a, b)| Traffic::Udp(PortRange::new_assert(a.min(b), a.max(b)))),
        Just(Traffic::Icmp),
        Just(Traffic::All),
    ]
}

/// A rule whose peer is a block or one of the first `groups` groups.
fn rule(groups: usize) -> impl Strategy<Value = SecurityGroupRule> {
    let peer = prop_oneof![
        (0u8..=255)
            .prop_map(|octet| Peer::Cidr(format!("10.{octet}.0.0/16").parse().expect("a block"))),
        Just(Peer::Cidr(Cidr::ANYWHERE)),
        (0..groups).prop_map(|idx| Peer::Group(name(GROUPS[idx]))),
    ];
    (traffic(), peer, any::<bool>()).prop_map(|(traffic, peer, described)| {
        let rule = SecurityGroupRule::new(traffic, peer);
        if described {
            rule.described("generated rule")
        } else {
            rule
        }
    })
}

fn security_groups() -> impl Strategy<Value = Vec<SecurityGroup>> {
    (1..=GROUPS.len()).prop_flat_map(|count| {
        let group = (
            prop::collection::vec(rule(count), 0..3),
            prop::collection::vec(rule(count), 0..3),
        );
        prop::collection::vec(group, count).prop_map(|groups| {
            groups
                .into_iter()
                .enumerate()
                .map(|(idx, (ingress, egress))| {
                    let group = SecurityGroup::new(name(GROUPS[idx]), "generated group");
                    let group = ingress.into_iter().fold(group, SecurityGroup::ingress);
                    egress.into_iter().fold(group, SecurityGroup::egress)
                })
                .collect()
        })
    })
}

/// An ACL for `tier` that lets return traffic and the VPC in and everything out first (rules 1
/// and 2), then generated rules.
fn acl(tier: &'static str) -> impl Strategy<Value = NetworkAcl> {
    let extra = || (traffic(), any::<bool>());
    (
        prop::collection::vec(extra(), 0..3),
        prop::collection::vec(extra(), 0..3),
    )
        .prop_map(move |(inbound, outbound)| {
            let entry = |idx: usize, (traffic, allow): (Traffic, bool)| {
                let number = AclRuleNumber::new_assert(100 + idx as u32);
                if allow {
                    AclRule::allow(number, traffic, Cidr::ANYWHERE)
                } else {
                    AclRule::deny(number, traffic, Cidr::ANYWHERE)
                }
            };
            let ephemeral = Traffic::Tcp(PortRange::EPHEMERAL);
            let acl = NetworkAcl::new(name(tier))
                .inbound(AclRule::allow(
                    AclRuleNumber::new_assert(1),
                    ephemeral,
                    Cidr::ANYWHERE,
                ))
                .inbound(AclRule::allow(
                    AclRuleNumber::new_assert(2),
                    Traffic::All,
                    Cidr::new_assert("10.0.0.0/16"),
                ))
                .outbound(AclRule::allow(
                    AclRuleNumber::new_assert(1),
                    Traffic::All,
                    Cidr::ANYWHERE,
                ));
            let acl = inbound
                .into_iter()
                .enumerate()
                .fold(acl, |acl, (idx, rule)| acl.inbound(entry(idx, rule)));
            outbound
                .into_iter()
                .enumerate()
                .fold(acl, |acl, (idx, rule)| acl.outbound(entry(idx, rule)))
        })
}

/// Which tiers exist: a private tier only alongside the public tier, and at least one tier.
fn tiers() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(any::<bool>(), TIERS.len()).prop_map(|chosen| {
        let mut tiers: Vec<usize> = (0..TIERS.len()).filter(|&idx| chosen[idx]).collect();
        let needs_public = tiers.iter().any(|&idx| TIERS[idx].1 == TierRole::Private);
        if (needs_public || tiers.is_empty()) && !tiers.contains(&0) {
            tiers.insert(0, 0);
        }
        tiers
    })
}

fn network() -> impl Strategy<Value = Network> {
    let endpoints =
        prop::sample::subsequence(vec![GatewayEndpoint::S3, GatewayEndpoint::DynamoDb], 0..=2);
    let flow_logs = prop::option::of((
        prop::sample::select(vec![1u64, 30, 365]),
        prop::sample::select(vec![
            FlowLogTraffic::All,
            FlowLogTraffic::Accept,
            FlowLogTraffic::Reject,
        ]),
    ));
    (tiers(), security_groups(), endpoints, flow_logs)
        .prop_flat_map(|(tiers, groups, endpoints, flow_logs)| {
            let acls: Vec<_> = tiers
                .iter()
                .map(|&idx| prop::option::of(acl(TIERS[idx].0)))
                .collect();
            (acls, Just((tiers, groups, endpoints, flow_logs)))
        })
        .prop_map(|(acls, (tiers, groups, endpoints, flow_logs))| {
            let mut network = Network::new(Cidr::new_assert("10.0.0.0/16"));
            for &idx in &tiers {
                let (tier_name, role) = TIERS[idx];
                let tier =
                    (0..ZONES.len()).fold(SubnetTier::new(name(tier_name), role), |tier, z| {
                        let block = format!("10.0.{}.0/24", idx * 10 + z);
                        tier.subnet(zone(z), block.parse::<Cidr>().expect("a block"))
                    });
                network = network.tier(tier);
            }
            network = groups.into_iter().fold(network, Network::security_group);
            network = acls.into_iter().flatten().fold(network, Network::acl);
            network = endpoints.into_iter().fold(network, Network::endpoint);
            if let Some((days, traffic)) = flow_logs {
                let mut logs =
                    FlowLogs::new(RetentionDays::new(days).expect("an allowed retention"));
                logs.traffic = traffic;
                network = network.flow_logs(logs);
            }
            network
        })
}

/// An environment: a non-empty ordered subset of the zones, multi-AZ only with two or more.
fn environment(env: &'static str) -> impl Strategy<Value = Environment> {
    (
        prop::sample::subsequence(vec![0usize, 1, 2], 1..=3),
        any::<bool>(),
    )
        .prop_map(move |(zones, multi_az)| {
            let multi_az = multi_az && zones.len() > 1;
            Environment::new(name(env), zones.into_iter().map(zone)).multi_az(multi_az)
        })
}

fn nat_gateways() -> impl Strategy<Value = NatGateways> {
    prop_oneof![
        Just(NatGateways::OnePerZone),
        Just(NatGateways::Shared),
        Just(NatGateways::None)
    ]
}

/// A default NAT setting, and maybe an environment's own.
fn nat_settings() -> impl Strategy<Value = PerEnv<NatGateways>> {
    (
        nat_gateways(),
        prop::collection::vec(prop::option::of(nat_gateways()), ENVIRONMENTS.len()),
    )
        .prop_map(|(default, own)| {
            own.into_iter()
                .zip(ENVIRONMENTS)
                .fold(PerEnv::new(default), |settings, (own, env)| match own {
                    Some(setting) => settings.with(name(env), setting),
                    None => settings,
                })
        })
}

fn platform() -> impl Strategy<Value = Platform> {
    let environments = (
        environment(ENVIRONMENTS[0]),
        environment(ENVIRONMENTS[1]),
        environment(ENVIRONMENTS[2]),
    );
    (network(), nat_settings(), environments).prop_map(|(network, nat, (a, b, c))| {
        Platform::new(
            name("generated"),
            Region::new_assert("ap-northeast-1"),
            network.nat_gateways(nat),
        )
        .environment(a)
        .environment(b)
        .environment(c)
    })
}

fn check(platform: &Platform, template: &Template, env: &str) -> Result<(), TestCaseError> {
    for reference in template.references() {
        let target = reference.target.as_str();
        prop_assert!(
            template.resource(target).is_some() || template.parameters().contains_key(target),
            "{:?} names nothing",
            reference
        );
    }
    for id in template
        .resources()
        .keys()
        .chain(template.parameters().keys())
    {
        prop_assert!(id.as_str().len() <= 255);
        prop_assert!(id.as_str().chars().all(|c| c.is_ascii_alphanumeric()));
    }
    let environment = platform.find_environment(env).expect("the environment");
    let nat_gateways = template.resources_of_type("AWS::EC2::NatGateway").count();
    let expected = match platform.network.nat_gateways.get(env) {
        _ if !platform.network.needs_nat() => 0,
        NatGateways::OnePerZone => environment.zones.len(),
        NatGateways::Shared => 1,
        NatGateways::None => 0,
    };
    prop_assert_eq!(nat_gateways, expected);
    for (id, group) in template.resources_of_type("AWS::EC2::SecurityGroup") {
        let egress = group.get("SecurityGroupEgress");
        prop_assert!(
            matches!(egress, Some(Expr::List(rules)) if !rules.is_empty()),
            "{}",
            id
        );
        // Every inline rule has a description (checkov CKV_AWS_23).
        for direction in ["SecurityGroupIngress", "SecurityGroupEgress"] {
            if let Some(Expr::List(rules)) = group.get(direction) {
                for rule in rules {
                    prop_assert!(
                        matches!(rule, Expr::Map(entries) if entries.contains_key("Description")),
                        "{} {}",
                        id,
                        direction
                    );
                }
            }
        }
    }
    for kind in [
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroupEgress",
    ] {
        for (id, rule) in template.resources_of_type(kind) {
            prop_assert!(rule.get("Description").is_some(), "{}", id);
        }
    }
    // Every resource explains itself; so does the template, within the description's quota.
    for (id, resource) in template.resources() {
        let context = resource.metadata_context();
        prop_assert!(context.is_some_and(|c| !c.why().is_empty()), "{}", id);
    }
    prop_assert!(template.arch().is_some_and(|arch| !arch.is_empty()));
    prop_assert!(template.description().len() <= 1024);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_designs_lower_to_consistent_templates(platform in platform()) {
        let validated = platform.clone().validate();
        prop_assert!(validated.is_ok(), "{:?}", validated.err().map(|e| e.codes()));
        let validated = validated.expect("checked above");
        for env in ENVIRONMENTS {
            let template = infra_aws::synth(&validated, env).expect("a known environment");
            check(&platform, &template, env)?;
            let again = infra_aws::synth(&validated, env).expect("a known environment");
            prop_assert_eq!(template.to_json(), again.to_json());
        }
    }
}
