//! Rules on the platform header and its environments.

use crate::diag::{Diagnostic, ModelPath};
use crate::model::{path, Environment, Platform};
use crate::rules::declare_rules;
use crate::value::Zone;

use super::names::check_unique;

declare_rules! {
    /// An environment lists no zones.
    ENVIRONMENT_WITHOUT_ZONES = "environment-without-zones", Error,
        "every environment uses at least one zone",
        "VPC User Guide, Subnets: resources run in subnets, and a subnet lies in an availability zone";
    /// A multi-AZ environment has fewer than two zones.
    MULTI_AZ_SINGLE_ZONE = "multi-az-single-zone", Error,
        "a multi-AZ environment uses at least two zones",
        "VPC User Guide, NAT gateways: for zone-independent design create a NAT gateway in each zone";
    /// A zone is not in the platform's region.
    ZONE_OUTSIDE_REGION = "zone-outside-region", Error,
        "every zone belongs to the platform's region",
        "EC2 User Guide, Regions and Zones: an availability zone belongs to one region";
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    check_unique(
        cx,
        "environment",
        platform.environments.iter().map(|env| {
            (
                env.name.as_str(),
                env.name.pascal_case(),
                path::environment(env.name.as_str()),
            )
        }),
    );
    for env in &platform.environments {
        let name = env.name.as_str();
        check_unique(
            cx,
            "zone",
            env.zones.iter().enumerate().map(|(idx, zone)| {
                (
                    zone.as_str(),
                    zone.to_string(),
                    path::environment_zone(name, idx),
                )
            }),
        );
        check_zone_count(cx, platform, env);
    }
    check_zone_regions(cx, platform);
}

/// A zone belongs to the platform's region. A zone written in several places (environments,
/// subnet maps) is reported once, at its first place, with a note on each other place.
///
/// Source: EC2 User Guide, "Regions and Zones": each availability zone is in exactly one region,
/// and its name is the region code followed by a letter.
fn check_zone_regions(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let env_places = platform.environments.iter().flat_map(|env| {
        env.zones
            .iter()
            .enumerate()
            .map(|(idx, zone)| (zone, path::environment_zone(env.name.as_str(), idx)))
    });
    let subnet_places = platform.network.tiers.iter().flat_map(|tier| {
        tier.subnets.iter().map(|subnet| {
            (
                &subnet.zone,
                path::subnet(tier.name.as_str(), subnet.zone.as_str()),
            )
        })
    });
    let mut outside: Vec<(&Zone, Vec<ModelPath>)> = Vec::new();
    for (zone, at) in env_places.chain(subnet_places) {
        if zone.is_in(&platform.region) {
            continue;
        }
        match outside.iter_mut().find(|(known, _)| *known == zone) {
            Some((_, places)) => places.push(at),
            None => outside.push((zone, vec![at])),
        }
    }
    for (zone, places) in outside {
        if let Some((first, others)) = places.split_first() {
            let mut finding = zone_outside_region(platform, zone.as_str(), first.clone());
            for other in others {
                finding =
                    finding.with_related(other.clone(), format!("`{zone}` is also written here"));
            }
            cx.push(finding);
        }
    }
}

/// An environment needs a zone, and a multi-AZ one needs two.
///
/// Source: VPC User Guide, "NAT gateways" (for zone-independent architecture create a NAT gateway
/// in each zone) and "Subnets" (a subnet lies in one zone): multi-AZ with one zone is a
/// contradiction, and an environment without zones has nowhere to run.
fn check_zone_count(cx: &mut Vec<Diagnostic>, platform: &Platform, env: &Environment) {
    let name = env.name.as_str();
    if env.zones.is_empty() {
        cx.push(
            ENVIRONMENT_WITHOUT_ZONES
                .at(
                    path::environment_zones(name),
                    format!("environment `{name}` uses no zones"),
                )
                .with_help(format!("list at least one zone of `{}`", platform.region)),
        );
    } else if env.multi_az && env.zones.len() < 2 {
        cx.push(
            MULTI_AZ_SINGLE_ZONE
                .at(
                    path::environment_multi_az(name),
                    format!(
                        "environment `{name}` is multi-AZ but uses only the zone `{}`",
                        env.zones[0]
                    ),
                )
                .with_related(path::environment_zones(name), "the zones are listed here")
                .with_help("add a second zone, or set `multi_az: false`"),
        );
    }
}

/// The finding for a zone outside the region, at its first place.
fn zone_outside_region(platform: &Platform, zone: &str, at: ModelPath) -> Diagnostic {
    ZONE_OUTSIDE_REGION
        .at(
            at,
            format!(
                "zone `{zone}` is not in the platform's region `{}`",
                platform.region
            ),
        )
        .with_related(
            path::region(),
            format!("the region is `{}`", platform.region),
        )
        .with_help(format!(
            "use a zone of `{}`, such as `{}a`",
            platform.region, platform.region
        ))
}

#[cfg(test)]
mod tests {
    use crate::testing::{codes, design};
    use crate::value::Zone;

    #[test]
    fn multi_az_needs_two_zones() {
        let mut platform = design();
        platform.environments[0].zones.truncate(1);
        // The database's subnet group needs two zones in every environment anyway.
        platform.database = crate::model::Databases::new();
        assert_eq!(codes(&platform), ["multi-az-single-zone"]);
    }

    #[test]
    fn environment_needs_a_zone() {
        let mut platform = design();
        platform.environments[1].zones.clear();
        assert_eq!(codes(&platform), ["environment-without-zones"]);
    }

    #[test]
    fn zones_belong_to_the_region() {
        let mut platform = design();
        platform.environments[1].zones[0] = Zone::new_assert("us-east-1a");
        // The tiers then miss that zone too.
        assert_eq!(
            codes(&platform),
            [
                "zone-outside-region",
                "zone-not-covered",
                "zone-not-covered",
                "zone-not-covered"
            ]
        );
    }

    #[test]
    fn a_zone_outside_the_region_is_reported_once() {
        let mut platform = design();
        let far = Zone::new_assert("us-east-1a");
        platform.environments[1].zones[0] = far.clone();
        for tier in &mut platform.network.tiers {
            tier.subnets[0].zone = far.clone();
        }
        platform.environments[0].zones[0] = far.clone();
        let findings = crate::rules::check(&platform);
        let outside: Vec<_> = findings
            .iter()
            .filter(|d| d.code == "zone-outside-region")
            .collect();
        assert_eq!(outside.len(), 1, "{findings:#?}");
        let places = 2 + platform.network.tiers.len();
        // The region, then every other place the zone is written.
        assert_eq!(outside[0].related.len(), places, "{:#?}", outside[0]);
        assert!(outside[0].related[1..]
            .iter()
            .all(|r| r.label == "`us-east-1a` is also written here"));
    }

    #[test]
    fn environment_names_are_unique() {
        let mut platform = design();
        let copy = platform.environments[0].clone();
        platform.environments.push(copy);
        assert_eq!(codes(&platform), ["duplicate-name"]);
    }
}
