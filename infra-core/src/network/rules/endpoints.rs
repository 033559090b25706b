//! Rules on interface endpoints.

use std::collections::HashMap;

use crate::diag::{Diagnostic, ModelPath};
use crate::model::{path, InterfaceEndpoints, Platform, TierRole};
use crate::rules::declare_rules;
use crate::rules::suggest::help_for;

use super::subnets::UNKNOWN_TIER;

declare_rules! {
    /// Two interface endpoints of the VPC are for the same service.
    DUPLICATE_ENDPOINT_SERVICE = "duplicate-endpoint-service", Error,
        "a VPC has at most one interface endpoint per service",
        "AWS PrivateLink guide, private DNS for interface endpoints: a second endpoint with private DNS for a service fails with a conflicting DNS domain in the VPC";
    /// Interface endpoints are placed in a public tier.
    INTERFACE_ENDPOINT_IN_PUBLIC_TIER = "interface-endpoint-in-public-tier", Warning,
        "interface endpoints are placed in a private or isolated tier",
        "AWS PrivateLink guide, access an AWS service using an interface VPC endpoint (the endpoint serves the whole VPC from the subnets chosen for it); aws-rules.md §10";
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let mut seen: HashMap<String, (&str, ModelPath)> = HashMap::new();
    for (idx, endpoints) in platform.network.interface_endpoints.iter().enumerate() {
        check_tier(cx, platform, idx, endpoints);
        for (service_idx, service) in endpoints.services.iter().enumerate() {
            let at = path::interface_endpoint_service(idx, service_idx);
            match seen.get(&service.pascal_case()) {
                Some((first, first_at)) => duplicate(cx, service.as_str(), first, first_at, at),
                None => {
                    seen.insert(service.pascal_case(), (service.as_str(), at));
                }
            }
        }
    }
}

/// The endpoints' tier exists; a public one is a warning.
///
/// Source: EC2 API `CreateVpcEndpoint.SubnetIds`: the endpoint's network interfaces live in
/// existing subnets. AWS accepts any subnet of the VPC, and an endpoint serves the whole VPC from
/// wherever it is, so a public tier is not an error; but the public tier's subnets face the
/// internet and carry its network ACL (aws-rules.md §10), which is rarely where endpoints are meant.
fn check_tier(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    idx: usize,
    endpoints: &InterfaceEndpoints,
) {
    let tier = &endpoints.tier;
    match platform.network.find_tier(tier.as_str()) {
        None => {
            let known = platform.network.tiers.iter().map(|t| t.name.as_str());
            cx.push(
                UNKNOWN_TIER
                    .at(
                        path::interface_endpoints_tier(idx),
                        format!("interface endpoints are placed in tier `{tier}`, but no tier `{tier}` exists"),
                    )
                    .with_help(help_for("tiers", tier.as_str(), known)),
            );
        }
        Some(found) if found.role == TierRole::Public => cx.push(
            INTERFACE_ENDPOINT_IN_PUBLIC_TIER
                .at(
                    path::interface_endpoints_tier(idx),
                    format!("interface endpoints are placed in public tier `{tier}`, among the internet-facing load balancers and NAT gateways"),
                )
                .with_help("endpoints serve the whole VPC from any tier; place them in the private or isolated tier of the workloads that use them, or acknowledge this warning with a reason"),
        ),
        Some(_) => {}
    }
}

/// A service has one interface endpoint in the VPC.
///
/// Source: AWS PrivateLink guide, "Private DNS for interface endpoints": endpoints are created
/// with private DNS, and a second endpoint with private DNS for the same service fails
/// ("there is already a conflicting DNS domain ... in the VPC").
fn duplicate(
    cx: &mut Vec<Diagnostic>,
    service: &str,
    first: &str,
    first_at: &ModelPath,
    at: ModelPath,
) {
    let message = if first == service {
        format!("interface endpoint for `{service}` is listed twice; a VPC has one endpoint per service with private DNS")
    } else {
        format!("interface endpoint services `{service}` and `{first}` both become the logical id fragment `{}`", pascal(service))
    };
    cx.push(
        DUPLICATE_ENDPOINT_SERVICE
            .at(at, message)
            .with_related(first_at.clone(), format!("`{first}` is listed first"))
            .with_help("list each service once; its endpoint serves every tier of the VPC"),
    );
}

fn pascal(service: &str) -> String {
    service
        .parse::<crate::value::EndpointService>()
        .map(|service| service.pascal_case())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::model::InterfaceEndpoints;
    use crate::testing::codes;
    use crate::value::{EndpointService, Name};

    /// The reference design without its interface endpoints, which each test adds anew.
    fn design() -> crate::model::Platform {
        let mut platform = crate::testing::design();
        platform.network.interface_endpoints.clear();
        platform
    }

    fn endpoints(tier: &'static str, services: &[&'static str]) -> InterfaceEndpoints {
        services.iter().fold(
            InterfaceEndpoints::new(Name::new_assert(tier)),
            |endpoints, service| endpoints.service(EndpointService::new_assert(service)),
        )
    }

    #[test]
    fn private_and_isolated_tiers_hold_endpoints() {
        let mut platform = design();
        let network = &mut platform.network;
        network
            .interface_endpoints
            .push(endpoints("private", &["ecr.api", "ecr.dkr", "logs"]));
        network
            .interface_endpoints
            .push(endpoints("database", &["secretsmanager"]));
        assert_eq!(codes(&platform), Vec::<&str>::new());
    }

    #[test]
    fn the_tier_exists() {
        let mut platform = design();
        platform
            .network
            .interface_endpoints
            .push(endpoints("privte", &["logs"]));
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "unknown-tier");
        assert_eq!(
            findings[0].path.as_str(),
            "network.interface_endpoints[0].tier"
        );
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `private`?"));
    }

    #[test]
    fn a_public_tier_is_a_warning() {
        let mut platform = design();
        platform
            .network
            .interface_endpoints
            .push(endpoints("public", &["logs"]));
        let findings = crate::rules::check(&platform);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].code, findings[0].severity),
            (
                "interface-endpoint-in-public-tier",
                crate::Severity::Warning
            )
        );
        assert!(platform.validate().is_ok());
    }

    #[test]
    fn each_service_once_in_the_vpc() {
        let mut platform = design();
        let network = &mut platform.network;
        network
            .interface_endpoints
            .push(endpoints("private", &["logs", "ecr.api", "logs"]));
        network
            .interface_endpoints
            .push(endpoints("database", &["ecr-api"]));
        let findings = crate::rules::check(&platform);
        assert_eq!(
            findings.iter().map(|d| d.code).collect::<Vec<_>>(),
            ["duplicate-endpoint-service", "duplicate-endpoint-service"]
        );
        assert_eq!(
            findings[0].path.as_str(),
            "network.interface_endpoints[0].services[2]"
        );
        assert_eq!(
            findings[0].related[0].path.as_str(),
            "network.interface_endpoints[0].services[0]"
        );
        assert!(
            findings[1].message.contains("`EcrApi`"),
            "{}",
            findings[1].message
        );
    }
}
