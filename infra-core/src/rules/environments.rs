//! Rules on the platform header and its environments.

use crate::diag::Diagnostic;
use crate::model::{path, Environment, Platform};

use super::names::check_unique;
use super::{ENVIRONMENT_WITHOUT_ZONES, MULTI_AZ_SINGLE_ZONE, ZONE_OUTSIDE_REGION};

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
        for (idx, zone) in env.zones.iter().enumerate() {
            if !zone.is_in(&platform.region) {
                cx.push(zone_outside_region(
                    platform,
                    zone.as_str(),
                    path::environment_zone(name, idx),
                ));
            }
        }
    }
    for tier in &platform.network.tiers {
        for subnet in &tier.subnets {
            if !subnet.zone.is_in(&platform.region) {
                let at = path::subnet(tier.name.as_str(), subnet.zone.as_str());
                cx.push(zone_outside_region(platform, subnet.zone.as_str(), at));
            }
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

/// A zone belongs to the platform's region.
///
/// Source: EC2 User Guide, "Regions and Zones": each availability zone is in exactly one region,
/// and its name is the region code followed by a letter.
fn zone_outside_region(platform: &Platform, zone: &str, at: crate::diag::ModelPath) -> Diagnostic {
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
    fn environment_names_are_unique() {
        let mut platform = design();
        let copy = platform.environments[0].clone();
        platform.environments.push(copy);
        assert_eq!(codes(&platform), ["duplicate-name"]);
    }
}
