//! Rules on the VPC block and the subnet tiers.

use crate::diag::Diagnostic;
use crate::model::{path, PerEnv, Platform, TierRole};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::per_env::{check_settings, per_environment};
use crate::value::Cidr;

declare_rules! {
    /// The VPC block is larger than /16 or smaller than /28.
    VPC_PREFIX_LENGTH = "vpc-prefix-length", Error,
        "the VPC block is between /16 and /28",
        "VPC User Guide, VPC CIDR blocks: IPv4 VPC block sizes /16 to /28";
    /// A subnet block is larger than /16 or smaller than /28.
    SUBNET_PREFIX_LENGTH = "subnet-prefix-length", Error,
        "a subnet block is between /16 and /28",
        "VPC User Guide, Subnet CIDR blocks: IPv4 subnet sizes /16 to /28";
    /// A subnet is not inside the VPC block.
    SUBNET_OUTSIDE_VPC = "subnet-outside-vpc", Error,
        "every subnet lies inside the VPC block",
        "VPC User Guide, Subnet CIDR blocks: a subnet's block is a subset of the VPC's";
    /// Two subnets share addresses.
    SUBNET_OVERLAP = "subnet-overlap", Error,
        "subnets do not overlap",
        "VPC User Guide, Subnet CIDR blocks: the blocks of a VPC's subnets can't overlap";
    /// A tier has no subnet in a zone an environment uses.
    ZONE_NOT_COVERED = "zone-not-covered", Error,
        "every tier has a subnet in every zone of every environment",
        "VPC User Guide, Subnets: a subnet lies in exactly one availability zone";
    /// A security group or ACL names a tier the design does not define.
    UNKNOWN_TIER = "unknown-tier", Error,
        "a referenced subnet tier exists",
        "EC2 API AssociateNetworkAcl SubnetId: an ACL guards existing subnets";
    /// A private tier exists but no public tier can host its NAT gateways.
    NAT_WITHOUT_PUBLIC_TIER = "nat-without-public-tier", Error,
        "private tiers need a public tier for their NAT gateways",
        "VPC User Guide, NAT gateways: a public NAT gateway is created in a public subnet";
}

/// The block sizes AWS allows for VPCs and subnets: /16 (largest) to /28 (smallest).
const PREFIXES: std::ops::RangeInclusive<u8> = 16..=28;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let network = &platform.network;
    check_unique(
        cx,
        "subnet tier",
        network.tiers.iter().map(|tier| {
            (
                tier.name.as_str(),
                tier.name.pascal_case(),
                path::tier(tier.name.as_str()),
            )
        }),
    );
    check_settings(cx, platform, &network.vpc, &path::vpc());
    check_settings(cx, platform, &network.nat_gateways, &path::nat_gateways());
    if let Some(flow_logs) = &network.flow_logs {
        check_settings(
            cx,
            platform,
            &flow_logs.retention,
            &path::flow_logs_retention(),
        );
    }
    per_environment(cx, platform, |cx, env| check_vpc_prefix(cx, platform, env));
    for tier in &network.tiers {
        let name = tier.name.as_str();
        check_unique(
            cx,
            "subnet zone",
            tier.subnets.iter().map(|s| {
                (
                    s.zone.as_str(),
                    s.zone.pascal_case(),
                    path::subnet(name, s.zone.as_str()),
                )
            }),
        );
        for subnet in &tier.subnets {
            let zone = subnet.zone.as_str();
            check_settings(cx, platform, &subnet.cidr, &path::subnet_cidr(name, zone));
            per_environment(cx, platform, |cx, env| {
                check_subnet_block(cx, platform, env, name, zone, &subnet.cidr);
            });
        }
    }
    per_environment(cx, platform, |cx, env| check_overlaps(cx, platform, env));
    check_coverage(cx, platform);
    check_nat_host(cx, platform);
}

/// The VPC block is between /16 and /28.
///
/// Source: VPC User Guide, "VPC CIDR blocks": "The allowed block size is between a /16 netmask
/// (65,536 IP addresses) and /28 netmask (16 IP addresses)".
fn check_vpc_prefix(cx: &mut Vec<Diagnostic>, platform: &Platform, env: &str) {
    let vpc = *platform.network.vpc.get(env);
    if !PREFIXES.contains(&vpc.prefix()) {
        cx.push(
            VPC_PREFIX_LENGTH
                .at(
                    platform.network.vpc.path_in(&path::vpc(), env),
                    format!(
                        "VPC block `{vpc}` is /{}, but AWS allows /16 to /28",
                        vpc.prefix()
                    ),
                )
                .with_help(size_help(vpc)),
        );
    }
}

/// A subnet block is between /16 and /28 and lies inside the VPC block.
///
/// Source: VPC User Guide, "Subnet CIDR blocks": subnet sizes /16 to /28, and "the CIDR block of a
/// subnet can be the same as the CIDR block for the VPC, or a subset of the CIDR block for the VPC".
fn check_subnet_block(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    env: &str,
    tier: &str,
    zone: &str,
    block: &PerEnv<Cidr>,
) {
    let vpc = *platform.network.vpc.get(env);
    let cidr = *block.get(env);
    // Paths are made only for a finding: this runs for every subnet in every environment.
    let at = || block.path_in(&path::subnet_cidr(tier, zone), env);
    if !PREFIXES.contains(&cidr.prefix()) {
        cx.push(
            SUBNET_PREFIX_LENGTH
                .at(at(), format!("subnet `{cidr}` of tier `{tier}` in `{zone}` is /{}, but AWS allows /16 to /28", cidr.prefix()))
                .with_help(size_help(cidr)),
        );
    }
    if !vpc.contains(&cidr) {
        cx.push(
            SUBNET_OUTSIDE_VPC
                .at(at(), format!("subnet `{cidr}` of tier `{tier}` in `{zone}` lies outside the VPC block `{vpc}`"))
                .with_related(platform.network.vpc.path_in(&path::vpc(), env), format!("the VPC block is `{vpc}`"))
                .with_help(format!("choose a block inside `{vpc}`, or widen the VPC")),
        );
    }
}

fn size_help(cidr: Cidr) -> String {
    if cidr.prefix() < 16 {
        "split the block: the largest allowed is a /16 (65,536 addresses)".into()
    } else {
        "widen the block: the smallest allowed is a /28 (16 addresses, 11 usable)".into()
    }
}

/// No two subnets share an address. Sorted by first address, each subnet can only overlap the
/// earlier subnet that reaches furthest, so one pass finds every overlapping subnet.
///
/// Source: VPC User Guide, "Subnet CIDR blocks": "The CIDR blocks of the subnets in a VPC can't
/// overlap" (EC2 error `InvalidSubnet.Conflict`).
fn check_overlaps(cx: &mut Vec<Diagnostic>, platform: &Platform, env: &str) {
    let mut subnets: Vec<(Cidr, &PerEnv<Cidr>, &str, &str)> = platform
        .network
        .tiers
        .iter()
        .flat_map(|tier| {
            tier.subnets
                .iter()
                .map(move |s| (*s.cidr.get(env), &s.cidr, tier.name.as_str(), s.zone.as_str()))
        })
        .collect();
    subnets.sort_by_key(|(cidr, ..)| (cidr.first(), std::cmp::Reverse(cidr.last())));
    let at = |block: &PerEnv<Cidr>, tier: &str, zone: &str| {
        block.path_in(&path::subnet_cidr(tier, zone), env)
    };
    let mut reach: Option<(Cidr, &PerEnv<Cidr>, &str, &str)> = None;
    for subnet in subnets {
        let (cidr, block, tier, zone) = subnet;
        match reach {
            Some((widest, other_block, other_tier, other_zone)) if widest.overlaps(&cidr) => {
                cx.push(
                    SUBNET_OVERLAP
                        .at(
                            at(block, tier, zone),
                            format!("subnet `{cidr}` of tier `{tier}` in `{zone}` overlaps subnet `{widest}` of tier `{other_tier}` in `{other_zone}`"),
                        )
                        .with_related(at(other_block, other_tier, other_zone), format!("`{widest}` is defined here"))
                        .with_help("give each subnet its own block inside the VPC"),
                );
                if cidr.last() > widest.last() {
                    reach = Some(subnet);
                }
            }
            _ => reach = Some(subnet),
        }
    }
}

/// Every tier has a subnet in every zone of every environment, since each environment deploys
/// every tier into each of its zones.
///
/// Source: VPC User Guide, "Subnets": a subnet lies in exactly one zone, so a tier without a
/// subnet in a zone has nothing to place there.
fn check_coverage(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    // Each zone once, with the environments that use it, in the order they are written.
    let mut zones: Vec<(&crate::value::Zone, Vec<(&str, usize)>)> = Vec::new();
    for env in &platform.environments {
        for (idx, zone) in env.zones.iter().enumerate() {
            let user = (env.name.as_str(), idx);
            match zones.iter_mut().find(|(known, _)| *known == zone) {
                Some((_, users)) => users.push(user),
                None => zones.push((zone, vec![user])),
            }
        }
    }
    for tier in &platform.network.tiers {
        let name = tier.name.as_str();
        for (zone, users) in zones
            .iter()
            .filter(|(zone, _)| tier.subnet_in(zone).is_none())
        {
            let envs: Vec<String> = users.iter().map(|(env, _)| format!("`{env}`")).collect();
            let (first_env, first_idx) = users[0];
            cx.push(
                ZONE_NOT_COVERED
                    .at(path::tier(name), {
                        let (noun, verb) = if envs.len() == 1 {
                            ("environment", "uses")
                        } else {
                            ("environments", "use")
                        };
                        format!(
                            "tier `{name}` has no subnet in zone `{zone}`, which {noun} {} {verb}",
                            envs.join(", ")
                        )
                    })
                    .with_related(
                        path::environment_zone(first_env, first_idx),
                        format!("`{first_env}` uses `{zone}`"),
                    )
                    .with_help(format!("add a subnet for `{zone}` to tier `{name}`")),
            );
        }
    }
}

/// Private tiers route to NAT gateways, which live in a public subnet.
///
/// Source: VPC User Guide, "NAT gateways": "you create a public NAT gateway in a public subnet".
fn check_nat_host(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let network = &platform.network;
    if network.nat_tier().is_some() {
        return;
    }
    for tier in network
        .tiers
        .iter()
        .filter(|tier| tier.role == TierRole::Private)
    {
        let name = tier.name.as_str();
        cx.push(
            NAT_WITHOUT_PUBLIC_TIER
                .at(path::tier(name), format!("private tier `{name}` routes through NAT gateways, but no public tier can host them"))
                .with_help("add a public tier, or make this tier `isolated` if it needs no internet access"),
        );
    }
}

/// The tier an element of another section runs in (`owner`, such as ``service `api` ``), or a
/// finding at `at` when the design has no such tier.
///
/// Source: EC2 `CreateNetworkInterface.SubnetId`: the services place their network interfaces in
/// the tier's subnets, which must exist.
pub(crate) fn find_tier_or_report<'a>(
    cx: &mut Vec<Diagnostic>,
    platform: &'a Platform,
    owner: &str,
    tier: &crate::value::Name,
    at: &crate::diag::ModelPath,
) -> Option<&'a crate::model::SubnetTier> {
    let found = platform.network.find_tier(tier.as_str());
    if found.is_none() {
        let known = platform.network.tiers.iter().map(|t| t.name.as_str());
        cx.push(
            UNKNOWN_TIER
                .at(
                    at.clone(),
                    format!("{owner} runs in tier `{tier}`, but no tier `{tier}` exists"),
                )
                .with_help(crate::rules::suggest::help_for("tiers", tier.as_str(), known)),
        );
    }
    found
}

/// The zone tier `tier` lies in when the environment `env` has only that one zone, for the
/// rules of resources that need two zones (a load balancer, a DB subnet group, a Multi-AZ
/// cache); `None` when the tier spans two zones or more. A tier missing one of the
/// environment's zones is `zone-not-covered`'s finding, and an environment without zones
/// `environment-without-zones`'s, so neither is reported again.
///
/// Source: VPC User Guide, Subnets: a subnet lies in exactly one availability zone.
pub(crate) fn single_zone<'a>(
    tier: &crate::model::SubnetTier,
    env: &'a crate::model::Environment,
) -> Option<&'a crate::value::Zone> {
    match env.zones.as_slice() {
        [zone] if tier.subnet_in(zone).is_some() => Some(zone),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{SubnetTier, TierRole};
    use crate::testing::{codes, design, one_block};
    use crate::value::{Cidr, Name, Zone};

    fn set_subnet(
        platform: &mut crate::model::Platform,
        tier: usize,
        subnet: usize,
        cidr: &'static str,
    ) {
        platform.network.tiers[tier].subnets[subnet].cidr = Cidr::new_assert(cidr).into();
    }

    #[test]
    fn reference_design_is_clean() {
        assert_eq!(codes(&design()), Vec::<&str>::new());
    }

    #[test]
    fn vpc_prefix_between_16_and_28() {
        let mut platform = design();
        platform.network.vpc = Cidr::new_assert("10.0.0.0/8").into();
        assert_eq!(codes(&platform), ["vpc-prefix-length"]);
        platform.network.vpc = Cidr::new_assert("10.0.0.0/29").into();
        assert!(codes(&platform).contains(&"vpc-prefix-length"));
    }

    #[test]
    fn subnet_prefix_between_16_and_28() {
        let mut platform = one_block();
        set_subnet(&mut platform, 0, 0, "10.0.1.0/29");
        assert_eq!(codes(&platform), ["subnet-prefix-length"]);
    }

    #[test]
    fn subnet_inside_vpc() {
        let mut platform = design();
        set_subnet(&mut platform, 1, 1, "10.1.12.0/24");
        assert_eq!(codes(&platform), ["subnet-outside-vpc"]);
    }

    #[test]
    fn subnets_do_not_overlap() {
        let mut platform = one_block();
        set_subnet(&mut platform, 1, 0, "10.0.0.0/22"); // covers 10.0.1.0/24 and 10.0.2.0/24
        let found = codes(&platform);
        assert_eq!(found, ["subnet-overlap", "subnet-overlap"]);
    }

    #[test]
    fn every_zone_is_covered() {
        let mut platform = design();
        platform.network.tiers[2].subnets.pop();
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "zone-not-covered");
        assert!(
            findings[0].message.contains("`ap-northeast-1c`"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn private_tiers_need_a_public_tier() {
        let mut platform = design();
        platform
            .network
            .tiers
            .retain(|tier| tier.role != TierRole::Public);
        platform
            .network
            .acls
            .retain(|acl| acl.tier.as_str() != "public");
        // The load balancer ran in the public tier.
        platform.load_balancer = crate::model::LoadBalancing::new();
        assert_eq!(codes(&platform), ["nat-without-public-tier"]);
    }

    #[test]
    fn tier_and_zone_names_are_unique() {
        let mut platform = one_block();
        let extra = SubnetTier::isolated(Name::new_assert("private"))
            .subnet(
                Zone::new_assert("ap-northeast-1a"),
                Cidr::new_assert("10.0.31.0/24"),
            )
            .subnet(
                Zone::new_assert("ap-northeast-1c"),
                Cidr::new_assert("10.0.32.0/24"),
            );
        platform.network.tiers.push(extra);
        assert_eq!(codes(&platform), ["duplicate-name"]);
    }
}
