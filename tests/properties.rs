//! Property tests over generated designs: valid ones validate and lower to templates whose every
//! reference resolves; each deliberately broken one yields exactly the expected diagnostic; every
//! one is the same model after a trip through JSON; and nothing panics, whatever the input.

use std::collections::BTreeSet;

use infra::model::{
    AclRule, Environment, Network, NetworkAcl, Peer, Platform, SecurityGroup, SecurityGroupRule,
    SubnetTier, TierRole,
};
use infra::value::{AclRuleNumber, Cidr, Name, PortRange, Region, Traffic, Zone};
use proptest::prelude::*;

const ZONES: [&str; 3] = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"];

fn zone(idx: usize) -> Zone {
    ZONES[idx].parse().expect("a zone")
}

fn name(text: String) -> Name {
    text.parse().expect("a generated name")
}

fn cidr(text: String) -> Cidr {
    text.parse().expect("a generated block")
}

/// The shape of a valid design; [`Shape::build`] turns it into one.
#[derive(Debug, Clone)]
struct Shape {
    n_zones: usize,
    roles: Vec<TierRole>,
    /// Per group: ingress rules naming an earlier group (by index) or `None` for a CIDR.
    groups: Vec<Vec<Option<usize>>>,
    /// Per environment: a non-empty set of zone indexes, and whether it is multi-AZ.
    environments: Vec<(BTreeSet<usize>, bool)>,
}

fn role() -> impl Strategy<Value = TierRole> {
    prop_oneof![
        Just(TierRole::Public),
        Just(TierRole::Private),
        Just(TierRole::Isolated)
    ]
}

fn shape() -> impl Strategy<Value = Shape> {
    (1..=3usize)
        .prop_flat_map(|n_zones| {
            let roles = prop::collection::vec(role(), 1..=4);
            let groups = prop::collection::vec(
                prop::collection::vec(prop::option::of(0..8usize), 0..3),
                0..4,
            );
            let environments = prop::collection::vec(
                (
                    prop::collection::btree_set(0..n_zones, 1..=n_zones),
                    any::<bool>(),
                ),
                1..=3,
            );
            (Just(n_zones), roles, groups, environments)
        })
        .prop_map(|(n_zones, mut roles, groups, environments)| {
            if roles.contains(&TierRole::Private) && !roles.contains(&TierRole::Public) {
                roles.insert(0, TierRole::Public);
            }
            let groups = groups
                .into_iter()
                .enumerate()
                .map(|(idx, rules)| {
                    rules
                        .into_iter()
                        .map(|peer| peer.filter(|_| idx > 0).map(|p| p % idx.max(1)))
                        .collect()
                })
                .collect();
            Shape {
                n_zones,
                roles,
                groups,
                environments,
            }
        })
}

impl Shape {
    fn build(&self) -> Platform {
        let mut network = Network::new(Cidr::new_assert("10.0.0.0/16"));
        for (tier_idx, role) in self.roles.iter().enumerate() {
            let mut tier = SubnetTier::new(name(format!("tier{tier_idx}")), *role);
            for zone_idx in 0..self.n_zones {
                tier = tier.subnet(
                    zone(zone_idx),
                    cidr(format!("10.0.{}.0/24", tier_idx * 4 + zone_idx)),
                );
            }
            network = network.tier(tier);
            if *role != TierRole::Isolated {
                let ephemeral = Traffic::Tcp(PortRange::EPHEMERAL);
                network = network.acl(
                    NetworkAcl::new(name(format!("tier{tier_idx}")))
                        .inbound(AclRule::allow(
                            AclRuleNumber::new_assert(100),
                            ephemeral,
                            Cidr::ANYWHERE,
                        ))
                        .inbound(AclRule::allow(
                            AclRuleNumber::new_assert(110),
                            Traffic::All,
                            Cidr::new_assert("10.0.0.0/16"),
                        ))
                        .outbound(AclRule::allow(
                            AclRuleNumber::new_assert(100),
                            Traffic::All,
                            Cidr::ANYWHERE,
                        )),
                );
            }
        }
        for (group_idx, rules) in self.groups.iter().enumerate() {
            let mut group = SecurityGroup::new(name(format!("group{group_idx}")), "generated");
            for (rule_idx, peer) in rules.iter().enumerate() {
                let peer = match peer {
                    Some(other) => Peer::Group(name(format!("group{other}"))),
                    None => Peer::Cidr(Cidr::new_assert("10.0.0.0/16")),
                };
                let port = 8000 + u16::try_from(rule_idx).expect("few rules");
                group = group.ingress(SecurityGroupRule::new(
                    Traffic::Tcp(PortRange::single(port)),
                    peer,
                ));
            }
            network = network.security_group(group);
        }
        let mut platform = Platform::new(
            Name::new_assert("generated"),
            Region::new_assert("ap-northeast-1"),
            network,
        );
        for (env_idx, (zones, multi_az)) in self.environments.iter().enumerate() {
            let env = Environment::new(
                name(format!("env{env_idx}")),
                zones.iter().map(|&z| zone(z)),
            );
            platform = platform.environment(env.multi_az(*multi_az && zones.len() > 1));
        }
        platform
    }

    fn used_zones(&self) -> BTreeSet<usize> {
        self.environments
            .iter()
            .flat_map(|(zones, _)| zones.iter().copied())
            .collect()
    }
}

/// A single mistake and the code it must produce.
#[derive(Debug, Clone, Copy)]
enum Mistake {
    SubnetOutsideVpc,
    UnknownGroup,
    DuplicateGroup,
    MissingSubnet,
    MultiAzWithOneZone,
    SettingForUnknownEnvironment,
}

fn mistake() -> impl Strategy<Value = Mistake> {
    prop_oneof![
        Just(Mistake::SubnetOutsideVpc),
        Just(Mistake::UnknownGroup),
        Just(Mistake::DuplicateGroup),
        Just(Mistake::MissingSubnet),
        Just(Mistake::MultiAzWithOneZone),
        Just(Mistake::SettingForUnknownEnvironment),
    ]
}

impl Mistake {
    fn apply(self, shape: &Shape, platform: &mut Platform) -> &'static str {
        let network = &mut platform.network;
        match self {
            Mistake::SubnetOutsideVpc => {
                network.tiers[0].subnets[0].cidr = Cidr::new_assert("192.168.0.0/24").into();
                "subnet-outside-vpc"
            }
            Mistake::SettingForUnknownEnvironment => {
                let vpc = *network.vpc.default_value();
                network.vpc = network.vpc.clone().with(Name::new_assert("nowhere"), vpc);
                "unknown-environment"
            }
            Mistake::UnknownGroup => {
                let rule =
                    SecurityGroupRule::new(Traffic::All, Peer::Group(Name::new_assert("nowhere")));
                network.security_groups.push(
                    SecurityGroup::new(Name::new_assert("orphan"), "generated").ingress(rule),
                );
                "unknown-security-group"
            }
            Mistake::DuplicateGroup => {
                network
                    .security_groups
                    .push(SecurityGroup::new(Name::new_assert("twin"), "generated"));
                network
                    .security_groups
                    .push(SecurityGroup::new(Name::new_assert("twin"), "generated"));
                "duplicate-name"
            }
            Mistake::MissingSubnet => {
                let used = *shape
                    .used_zones()
                    .iter()
                    .next()
                    .expect("an environment uses a zone");
                network.tiers[0]
                    .subnets
                    .retain(|subnet| subnet.zone != zone(used));
                "zone-not-covered"
            }
            Mistake::MultiAzWithOneZone => {
                let env = &mut platform.environments[0];
                env.zones.truncate(1);
                env.multi_az = true;
                "multi-az-single-zone"
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_designs_validate_and_every_reference_resolves(shape in shape()) {
        let validated = shape.build().validate().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for env in &validated.environments {
            let template = infra::aws::synth(&validated, env.name.as_str()).expect("an environment of the design");
            let ids: BTreeSet<&str> = template.resources().keys().chain(template.parameters().keys()).map(|id| id.as_str()).collect();
            for reference in template.references() {
                prop_assert!(ids.contains(reference.target.as_str()), "{:?}", reference);
            }
        }
    }

    #[test]
    fn each_mistake_yields_exactly_its_code(shape in shape(), mistake in mistake()) {
        let mut platform = shape.build();
        let expected = mistake.apply(&shape, &mut platform);
        let errors = platform.validate().expect_err("a broken design");
        prop_assert_eq!(errors.codes(), vec![expected]);
    }

    #[test]
    fn designs_valid_or_broken_round_trip_through_json(shape in shape(), mistake in mistake()) {
        let mut platform = shape.build();
        mistake.apply(&shape, &mut platform);
        for design in [shape.build(), platform] {
            let decoded = Platform::from_json(&design.to_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(decoded, design);
        }
    }

    #[test]
    fn nothing_panics_on_arbitrary_blocks(
        vpc in (any::<u32>(), 0u8..=32),
        subnets in prop::collection::vec((any::<u32>(), 0u8..=32, 0..3usize), 0..6),
        multi_az: bool,
    ) {
        let block = |(address, prefix): (u32, u8)| {
            let net = ipnet::Ipv4Net::new(address.into(), prefix).expect("prefix <= 32").trunc();
            cidr(net.to_string())
        };
        let mut tier = SubnetTier::private(Name::new_assert("app"));
        for (address, prefix, zone_idx) in subnets {
            tier = tier.subnet(zone(zone_idx), block((address, prefix)));
        }
        let network = Network::new(block(vpc)).tier(tier).tier(SubnetTier::public(Name::new_assert("edge")));
        let platform = Platform::new(Name::new_assert("fuzz"), Region::new_assert("ap-northeast-1"), network)
            .environment(Environment::new(Name::new_assert("production"), [zone(0), zone(1)]).multi_az(multi_az));
        if let Ok(validated) = platform.validate() {
            let template = infra::aws::synth(&validated, "production").expect("a known environment");
            prop_assert!(!template.to_json().is_empty());
        }
    }
}
