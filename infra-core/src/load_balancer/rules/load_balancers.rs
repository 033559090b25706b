//! Rules on load balancers: the tier, the security groups, the TLS policy, the targets and their
//! health checks.

use crate::diag::Diagnostic;
use crate::model::{
    path, LoadBalancer, Peer, Platform, Scheme, TargetGroup, TierRole, TlsVersion,
};
use crate::network::rules::check_group_references;
use crate::network::rules::{find_tier_or_report, single_zone};
use crate::storage::rules::{check_log_bucket, LogDelivery};
use crate::rules::declare_rules;
use crate::value::Name;
use crate::rules::names::check_unique;
use crate::rules::suggest::help_for;

declare_rules! {
    /// An internet-facing load balancer is not in a public tier.
    INTERNET_FACING_LOAD_BALANCER_NOT_PUBLIC = "internet-facing-load-balancer-not-public", Error,
        "an internet-facing load balancer's nodes run in a public tier",
        "ALB User Guide, application-load-balancers.md (an internet-facing load balancer needs public subnets, with a route to an internet gateway); aws-rules.md §7";
    /// A listener's TLS policy is not one the table knows.
    UNKNOWN_TLS_POLICY = "unknown-tls-policy", Warning,
        "a listener's TLS policy is a known ELBSecurityPolicy",
        "ALB User Guide, describe-ssl-policies.md (ALB supports only its predefined policies; AWS adds new ones); aws-rules.md §7";
    /// A listener's TLS policy allows a TLS version below the platform's minimum.
    TLS_POLICY_BELOW_MINIMUM = "tls-policy-below-minimum", Error,
        "a listener's TLS policy allows no TLS version below the platform's `minimum_tls`",
        "ALB User Guide, create-https-listener.md policy tables (ELBSecurityPolicy-2016-08 allows TLS 1.0 and 1.1); aws-rules.md §7; checkov CKV_AWS_103";
    /// A target group forwards to a service that does not exist or serves no port.
    UNKNOWN_TARGET_SERVICE = "unknown-target-service", Error,
        "a target group forwards to a service of the design that serves a port",
        "ELBv2 API CreateTargetGroup.Port and ECS API LoadBalancer.containerPort (the target is the service's container port)";
    /// A health check's interval, timeout or thresholds are out of range.
    INVALID_HEALTH_CHECK = "invalid-health-check", Error,
        "a health check's interval is 5-300 s, its timeout 2-120 s and below the interval, its thresholds 2-10",
        "ELBv2 API CreateTargetGroup (HealthCheckIntervalSeconds 5-300, HealthCheckTimeoutSeconds 2-120, thresholds 2-10; the interval must be greater than the timeout); aws-rules.md §7";
    /// A load balancer's tier has subnets in fewer than two zones of an environment.
    LOAD_BALANCER_SINGLE_ZONE = "load-balancer-single-zone", Error,
        "a load balancer's tier has subnets in at least two zones of every environment",
        "ELBv2 API CreateLoadBalancer.Subnets (an Application Load Balancer needs subnets in at least two zones); cfn-lint E3680; aws-rules.md §7";
    /// The security groups do not let a load balancer reach its target's port.
    LOAD_BALANCER_CANNOT_REACH_TARGET = "load-balancer-cannot-reach-target", Error,
        "a target service's security groups admit its load balancer on the container port",
        "ALB User Guide, load-balancer-update-security-groups.md (the targets' groups must allow the load balancer on the listener and health check port); ECS Developer Guide, service load balancing";
    /// A load balancer writes no access logs.
    LOAD_BALANCER_WITHOUT_ACCESS_LOGS = "load-balancer-without-access-logs", Warning,
        "a load balancer writes access logs to S3",
        "ALB User Guide, enable-access-logging.md (access logging is off by default); AWS Security Hub ELB.5",
        checkov ["CKV_AWS_91"];
    /// A load balancer's `access_logs` names a bucket the design does not have.
    UNKNOWN_ACCESS_LOG_BUCKET = "unknown-access-log-bucket", Error,
        "a load balancer's `access_logs` names a storage bucket of the design",
        "ALB User Guide, enable-access-logging.md (the bucket must exist, in the same region as the load balancer; ELBv2 API ModifyLoadBalancerAttributes fails otherwise)";
    /// A load balancer writes its access logs to a bucket encrypted with SSE-KMS.
    LOAD_BALANCER_LOG_BUCKET_WITH_KMS = "load-balancer-log-bucket-with-kms", Error,
        "a load balancer's access log bucket is encrypted with SSE-S3",
        "ALB User Guide, enable-access-logging.md (the only server-side encryption option supported for the access log bucket is SSE-S3; SSE-KMS buckets are not supported)";
}

/// The ELBSecurityPolicy names AWS documents, with the lowest TLS version each allows.
///
/// Source: ALB User Guide, create-https-listener.md and describe-ssl-policies.md; aws-rules.md §7.
/// AWS adds policies, so a name outside the table is a warning, not an error.
pub const TLS_POLICIES: [(&str, TlsVersion); 20] = [
    ("ELBSecurityPolicy-TLS13-1-2-2021-06", TlsVersion::Tls12),
    ("ELBSecurityPolicy-TLS13-1-2-Res-2021-06", TlsVersion::Tls12),
    ("ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", TlsVersion::Tls12),
    ("ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06", TlsVersion::Tls12),
    ("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", TlsVersion::Tls12),
    ("ELBSecurityPolicy-TLS13-1-3-2021-06", TlsVersion::Tls13),
    ("ELBSecurityPolicy-TLS13-1-1-2021-06", TlsVersion::Tls11),
    ("ELBSecurityPolicy-TLS13-1-0-2021-06", TlsVersion::Tls10),
    ("ELBSecurityPolicy-TLS-1-2-2017-01", TlsVersion::Tls12),
    ("ELBSecurityPolicy-TLS-1-2-Ext-2018-06", TlsVersion::Tls12),
    ("ELBSecurityPolicy-FS-1-2-2019-08", TlsVersion::Tls12),
    ("ELBSecurityPolicy-FS-1-2-Res-2019-08", TlsVersion::Tls12),
    ("ELBSecurityPolicy-FS-1-2-Res-2020-10", TlsVersion::Tls12),
    ("ELBSecurityPolicy-FS-1-1-2019-08", TlsVersion::Tls11),
    ("ELBSecurityPolicy-TLS-1-1-2017-01", TlsVersion::Tls11),
    ("ELBSecurityPolicy-FS-2018-06", TlsVersion::Tls10),
    ("ELBSecurityPolicy-TLS-1-0-2015-04", TlsVersion::Tls10),
    ("ELBSecurityPolicy-2016-08", TlsVersion::Tls10),
    ("ELBSecurityPolicy-2015-05", TlsVersion::Tls10),
    ("ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09", TlsVersion::Tls12),
];

/// The lowest TLS version a known policy allows.
pub fn tls_policy_minimum(policy: &str) -> Option<TlsVersion> {
    TLS_POLICIES
        .iter()
        .find(|(name, _)| *name == policy)
        .map(|&(_, version)| version)
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let balancers = &platform.load_balancer.load_balancers;
    check_unique(
        cx,
        "load balancer",
        balancers.iter().map(|lb| {
            (
                lb.name.as_str(),
                lb.name.pascal_case(),
                path::load_balancer(lb.name.as_str()),
            )
        }),
    );
    for lb in balancers {
        check_access_logs(cx, platform, lb);
        check_tier(cx, platform, lb);
        check_zones(cx, platform, lb);
        let name = lb.name.as_str();
        check_group_references(
            cx,
            platform,
            &format!("load balancer `{name}`"),
            &lb.security_groups,
            |idx| path::load_balancer_security_group(name, idx),
        );
        check_tls_policy(cx, platform, lb);
        check_unique(
            cx,
            "certificate",
            lb.certificates.iter().map(|certificate| {
                (
                    certificate.as_str(),
                    certificate.pascal_case(),
                    path::load_balancer_certificate(lb.name.as_str(), certificate.as_str()),
                )
            }),
        );
        check_unique(
            cx,
            "target group",
            lb.target_groups.iter().map(|target| {
                (
                    target.name.as_str(),
                    target.name.pascal_case(),
                    path::target_group(lb.name.as_str(), target.name.as_str()),
                )
            }),
        );
        for target in &lb.target_groups {
            check_service(cx, platform, lb, target);
            check_reach(cx, platform, lb, target);
            check_health_check(cx, lb, target);
        }
    }
}

/// The tier exists, and is public when the load balancer is internet-facing.
///
/// Source: ALB User Guide: an internet-facing load balancer routes requests from the internet,
/// so its subnets need a route to an internet gateway.
fn check_tier(cx: &mut Vec<Diagnostic>, platform: &Platform, lb: &LoadBalancer) {
    let name = lb.name.as_str();
    let tier = &lb.tier;
    let at = path::load_balancer_tier(name);
    match find_tier_or_report(cx, platform, &format!("load balancer `{name}`"), tier, &at) {
        None => {}
        Some(found) if lb.scheme == Scheme::InternetFacing && found.role != TierRole::Public => {
            cx.push(
                INTERNET_FACING_LOAD_BALANCER_NOT_PUBLIC
                    .at(
                        at,
                        format!("internet-facing load balancer `{name}` runs in tier `{tier}`, which has no route to the internet"),
                    )
                    .with_help("put an internet-facing load balancer in a public tier, or make it `internal`"),
            );
        }
        Some(_) => {}
    }
}

/// The tier has subnets in at least two of each environment's zones.
///
/// Source: ELBv2 API `CreateLoadBalancer.Subnets`: an Application Load Balancer needs subnets
/// in at least two availability zones (cfn-lint E3680).
fn check_zones(cx: &mut Vec<Diagnostic>, platform: &Platform, lb: &LoadBalancer) {
    let Some(tier) = platform.network.find_tier(lb.tier.as_str()) else {
        return;
    };
    let name = lb.name.as_str();
    for env in &platform.environments {
        // A multi-AZ environment with one zone is `multi-az-single-zone`'s finding.
        let Some(zone) = single_zone(tier, env).filter(|_| !env.multi_az) else {
            continue;
        };
        cx.push(
            LOAD_BALANCER_SINGLE_ZONE
                .at(
                    path::load_balancer_tier(name),
                    format!(
                        "load balancer `{name}`'s tier `{}` has subnets in only `{zone}` of environment `{}`, and an Application Load Balancer needs two zones",
                        lb.tier, env.name
                    ),
                )
                .with_help(format!("give environment `{}` a second zone, with a subnet of tier `{}` there", env.name, lb.tier)),
        );
    }
}

/// Some ingress rule of one of the target service's groups admits the load balancer (one of its
/// groups, or a block holding each of its subnets in every environment) on the container port.
///
/// Source: ALB User Guide: the targets' security groups must allow traffic from the load
/// balancer on the target port, for requests and health checks alike.
fn check_reach(cx: &mut Vec<Diagnostic>, platform: &Platform, lb: &LoadBalancer, target: &TargetGroup) {
    let network = &platform.network;
    let Some(service) = platform.compute.services.iter().find(|s| s.name == target.service) else {
        return;
    };
    let Some(port) = service.port else {
        return;
    };
    // An unknown group is `unknown-security-group`'s finding, not this rule's.
    let known = |group: &Name| network.security_groups.iter().any(|g| g.name == *group);
    if !service.security_groups.iter().chain(&lb.security_groups).all(known) {
        return;
    }
    let lb_subnets: Vec<_> = network
        .find_tier(lb.tier.as_str())
        .map(|tier| tier.subnets.iter().collect())
        .unwrap_or_default();
    let admits = |peer: &Peer| match peer {
        Peer::Group(group) => lb.security_groups.contains(group),
        Peer::Cidr(block) => {
            !lb_subnets.is_empty()
                && platform.environments.iter().all(|env| {
                    lb_subnets
                        .iter()
                        .filter(|subnet| env.zones.contains(&subnet.zone))
                        .all(|subnet| block.contains(subnet.cidr.get(env.name.as_str())))
                })
        }
    };
    let reached = network
        .security_groups
        .iter()
        .filter(|group| service.security_groups.contains(&group.name))
        .flat_map(|group| &group.ingress)
        .any(|rule| {
            rule.traffic
                .tcp_ports()
                .is_some_and(|ports| (ports.from()..=ports.to()).contains(&port))
                && admits(&rule.peer)
        });
    if reached {
        return;
    }
    let groups: Vec<String> = lb.security_groups.iter().map(|g| format!("`{g}`")).collect();
    cx.push(
        LOAD_BALANCER_CANNOT_REACH_TARGET
            .at(
                path::target_service(lb.name.as_str(), target.name.as_str()),
                format!(
                    "load balancer `{}` cannot reach service `{}` on port {port}: no ingress rule of the service's security groups admits it",
                    lb.name, service.name
                ),
            )
            .with_help(format!(
                "allow TCP {port} from {} in one of service `{}`'s security groups",
                if groups.is_empty() { "the load balancer's subnets".to_owned() } else { groups.join(" or ") },
                service.name
            )),
    );
}


/// The TLS policy is known, and allows nothing below the platform's minimum.
///
/// Source: ALB User Guide, create-https-listener.md: each predefined policy's protocols;
/// `ELBSecurityPolicy-2016-08`, CloudFormation's default, allows TLS 1.0 and 1.1.
fn check_tls_policy(cx: &mut Vec<Diagnostic>, platform: &Platform, lb: &LoadBalancer) {
    let name = lb.name.as_str();
    let policy = lb.ssl_policy.as_str();
    match tls_policy_minimum(policy) {
        None => cx.push(
            UNKNOWN_TLS_POLICY
                .at(
                    path::ssl_policy(name),
                    format!("load balancer `{name}`'s TLS policy `{policy}` is not one this tool knows"),
                )
                .with_help(help_for("TLS policies", policy, TLS_POLICIES.iter().map(|p| p.0))),
        ),
        Some(allowed) => {
            let Some(minimum) = platform.security.minimum_tls else {
                return;
            };
            if allowed < minimum {
                let better: Vec<&str> = TLS_POLICIES
                    .iter()
                    .filter(|p| p.1 >= minimum)
                    .map(|p| p.0)
                    .take(3)
                    .collect();
                cx.push(
                    TLS_POLICY_BELOW_MINIMUM
                        .at(
                            path::ssl_policy(name),
                            format!(
                                "load balancer `{name}`'s TLS policy `{policy}` allows TLS {}, below the platform's minimum TLS {}",
                                allowed.as_str(),
                                minimum.as_str()
                            ),
                        )
                        .with_help(format!("use a policy with TLS {} or above, such as `{}`", minimum.as_str(), better.join("`, `"))),
                );
            }
        }
    }
}

/// The target's service exists and serves a port.
///
/// Source: ECS API `LoadBalancer.containerPort`: a service registers its container's port with
/// the target group; a container without one cannot be a target.
fn check_service(cx: &mut Vec<Diagnostic>, platform: &Platform, lb: &LoadBalancer, target: &TargetGroup) {
    let name = lb.name.as_str();
    let wanted = &target.service;
    let at = path::target_service(name, target.name.as_str());
    let services = &platform.compute.services;
    match services.iter().find(|s| s.name == *wanted) {
        None => {
            let known = services.iter().map(|s| s.name.as_str());
            cx.push(
                UNKNOWN_TARGET_SERVICE
                    .at(
                        at,
                        format!("target group `{}` forwards to service `{wanted}`, but no service `{wanted}` exists", target.name),
                    )
                    .with_help(help_for("services", wanted.as_str(), known)),
            );
        }
        Some(service) if service.port.is_none() => cx.push(
            UNKNOWN_TARGET_SERVICE
                .at(
                    at,
                    format!("target group `{}` forwards to service `{wanted}`, which serves no port", target.name),
                )
                .with_help(format!("give service `{wanted}` a `port`")),
        ),
        Some(_) => {}
    }
}

/// The health check's interval, timeout and thresholds are in AWS's ranges, the timeout below
/// the interval.
///
/// Source: ELBv2 API `CreateTargetGroup`: interval 5-300 s, timeout 2-120 s, healthy and
/// unhealthy thresholds 2-10; "Health check interval must be greater than the timeout".
fn check_health_check(cx: &mut Vec<Diagnostic>, lb: &LoadBalancer, target: &TargetGroup) {
    let check = &target.health_check;
    let group = target.name.as_str();
    let ranges = [
        ("interval", "interval", check.interval, 5, 300, "s"),
        ("timeout", "timeout", check.timeout, 2, 120, "s"),
        ("healthy threshold", "healthy", check.healthy, 2, 10, ""),
        ("unhealthy threshold", "unhealthy", check.unhealthy, 2, 10, ""),
    ];
    for (what, field, value, low, high, unit) in ranges {
        if !(low..=high).contains(&value) {
            cx.push(
                INVALID_HEALTH_CHECK
                    .at(
                        path::health_check_field(lb.name.as_str(), group, field),
                        format!("target group `{group}`'s health check {what} is {value}{unit}, outside {low}-{high}{unit}"),
                    )
                    .with_help(format!("set the {what} from {low}{unit} to {high}{unit}")),
            );
        }
    }
    if check.timeout >= check.interval {
        cx.push(
            INVALID_HEALTH_CHECK
                .at(
                    path::health_check_field(lb.name.as_str(), group, "timeout"),
                    format!(
                        "target group `{group}`'s health check timeout {}s is not below its interval {}s",
                        check.timeout, check.interval
                    ),
                )
                .with_help("make the timeout shorter than the interval"),
        );
    }
}

/// The access log bucket exists and is encrypted with SSE-S3; a load balancer without access
/// logs is a warning. The bucket is always in the platform's one region, as AWS requires.
///
/// Source: ALB User Guide, enable-access-logging.md ("Access logs for your Application Load
/// Balancer": the bucket must be in the same region as the load balancer, and SSE-S3 is the only
/// server-side encryption it supports).
fn check_access_logs(cx: &mut Vec<Diagnostic>, platform: &Platform, lb: &LoadBalancer) {
    let name = lb.name.as_str();
    let Some(bucket) = &lb.access_logs else {
        cx.push(
            LOAD_BALANCER_WITHOUT_ACCESS_LOGS
                .at(
                    path::load_balancer(name),
                    format!("load balancer `{name}` writes no access logs"),
                )
                .with_help("add `access_logs: <bucket>` naming an SSE-S3 bucket of the design, or acknowledge this warning with a reason"),
        );
        return;
    };
    let delivery = LogDelivery {
        writer: format!("load balancer `{name}` writes its access logs"),
        deliverer: "Elastic Load Balancing delivers access logs",
        verb: "write",
        unknown: &UNKNOWN_ACCESS_LOG_BUCKET,
        with_kms: &LOAD_BALANCER_LOG_BUCKET_WITH_KMS,
    };
    check_log_bucket(cx, platform, bucket, path::load_balancer_access_logs(name), &delivery);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{HealthCheck, LoadBalancing};
    use crate::testing::design;
    use crate::value::Name;

    fn with(lb: LoadBalancer, minimum: Option<TlsVersion>) -> Platform {
        let mut platform = design().load_balancer(LoadBalancing::new().load_balancer(lb));
        platform.security.minimum_tls = minimum;
        platform
    }

    fn lb(tier: &'static str, policy: &str, service: &'static str, check: HealthCheck) -> LoadBalancer {
        LoadBalancer::new(
            Name::new_assert("edge"),
            Scheme::InternetFacing,
            Name::new_assert(tier),
            [Name::new_assert("alb")],
            policy,
        )
        .target_group(TargetGroup::new(
            Name::new_assert("api"),
            Name::new_assert(service),
            check,
        ))
    }

    /// The codes of the findings, without the access log warning every load balancer has.
    fn codes(platform: &Platform) -> Vec<&'static str> {
        let all = crate::testing::codes(platform);
        assert!(all.contains(&"load-balancer-without-access-logs"));
        all.into_iter()
            .filter(|&code| code != "load-balancer-without-access-logs")
            .collect()
    }

    fn seed_check() -> HealthCheck {
        HealthCheck::new("/health", 30, 5, 2, 3)
    }

    const GOOD: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    #[test]
    fn certificate_names_are_unique_per_load_balancer() {
        let named = |names: &[&'static str]| {
            names.iter().fold(lb("public", GOOD, "api", seed_check()), |lb, name| lb.certificate(Name::new_assert(name)))
        };
        assert_eq!(codes(&with(named(&["api", "console"]), None)), Vec::<&str>::new());
        let platform = with(named(&["api", "console", "api"]), None);
        let found: Vec<_> = crate::rules::check(&platform).into_iter().filter(|d| d.code == "duplicate-name").collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, path::load_balancer_certificate("edge", "api"));
        assert!(found[0].message.contains("duplicate certificate `api`"), "{}", found[0].message);
    }

    #[test]
    fn access_logs_go_to_an_sse_s3_bucket_of_the_design() {
        let platform = with(lb("public", GOOD, "api", seed_check()).access_logs(Name::new_assert("access_logs")), None);
        let found = crate::rules::check(&platform);
        assert!(found.iter().all(|d| d.code != "load-balancer-without-access-logs"), "{found:?}");
        assert_eq!(crate::testing::codes(&platform), Vec::<&str>::new());

        let platform = with(lb("public", GOOD, "api", seed_check()).access_logs(Name::new_assert("access_log")), None);
        let found = crate::rules::check(&platform);
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["unknown-access-log-bucket"]);
        assert_eq!(found[0].path, path::load_balancer_access_logs("edge"));
        assert_eq!(found[0].help.as_deref(), Some("did you mean `access_logs`?"));

        // `datasets` is encrypted with SSE-KMS.
        let platform = with(lb("public", GOOD, "api", seed_check()).access_logs(Name::new_assert("datasets")), None);
        let found = crate::rules::check(&platform);
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["load-balancer-log-bucket-with-kms"]);
        assert_eq!(found[0].path, path::load_balancer_access_logs("edge"));
    }

    #[test]
    fn the_reference_load_balancer_passes() {
        let platform = with(lb("public", GOOD, "api", seed_check()), Some(TlsVersion::Tls12));
        assert_eq!(codes(&platform), Vec::<&str>::new());
    }

    #[test]
    fn an_internet_facing_load_balancer_needs_a_public_tier() {
        let platform = with(lb("private", GOOD, "api", seed_check()), None);
        assert_eq!(codes(&platform), ["internet-facing-load-balancer-not-public"]);
        let platform = with(lb("front", GOOD, "api", seed_check()), None);
        assert_eq!(codes(&platform), ["unknown-tier"]);
    }

    #[test]
    fn the_seed_policy_is_below_tls_1_2() {
        let seed = "ELBSecurityPolicy-2016-08";
        let platform = with(lb("public", seed, "api", seed_check()), Some(TlsVersion::Tls12));
        assert_eq!(codes(&platform), ["tls-policy-below-minimum"]);
        // Without a stated minimum, a known policy passes.
        let platform = with(lb("public", seed, "api", seed_check()), None);
        assert_eq!(codes(&platform), Vec::<&str>::new());
        // Under TLS 1.3, without the Redis cluster, which cannot hold clients to it.
        let mut platform = with(
            lb("public", "ELBSecurityPolicy-TLS13-1-3-2021-06", "api", seed_check()),
            Some(TlsVersion::Tls13),
        );
        platform.cache.clusters.clear();
        assert_eq!(codes(&platform), Vec::<&str>::new());
        let platform = with(lb("public", GOOD, "api", seed_check()), Some(TlsVersion::Tls13));
        assert!(codes(&platform).contains(&"tls-policy-below-minimum"));
    }

    #[test]
    fn an_unknown_policy_is_a_warning_with_the_nearest_name() {
        let platform = with(lb("public", "ELBSecurityPolicy-TLS13-1-2-2021-07", "api", seed_check()), None);
        let found = crate::rules::check(&platform);
        let found: Vec<_> = found.iter().filter(|d| d.code != "load-balancer-without-access-logs").collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "unknown-tls-policy");
        assert!(found[0].help.as_deref().unwrap_or("").contains(GOOD));
    }

    #[test]
    fn a_target_is_a_service_with_a_port() {
        let platform = with(lb("public", GOOD, "apu", seed_check()), None);
        let found = crate::rules::check(&platform);
        let found: Vec<_> = found.iter().filter(|d| d.code != "load-balancer-without-access-logs").collect();
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["unknown-target-service"]);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `api`?"));
        let platform = with(lb("public", GOOD, "worker", seed_check()), None);
        assert_eq!(codes(&platform), ["unknown-target-service"]);
    }

    #[test]
    fn the_tier_needs_two_zones_in_every_environment() {
        let mut platform = with(lb("public", GOOD, "api", seed_check()), None);
        // The database's subnet group needs two zones too (`database-single-zone`).
        platform.database = crate::model::Databases::new();
        let staging = &mut platform.environments[1];
        assert_eq!(staging.name.as_str(), "staging");
        assert!(!staging.multi_az);
        staging.zones.truncate(1);
        let found = crate::rules::check(&platform);
        let codes: Vec<_> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["load-balancer-without-access-logs", "load-balancer-single-zone"]);
        assert!(found[1].message.contains("environment `staging`"), "{}", found[1].message);
        assert!(found[1].message.contains("only `ap-northeast-1a`"), "{}", found[1].message);
    }

    #[test]
    fn the_service_groups_must_admit_the_load_balancer() {
        let mut platform = with(lb("public", GOOD, "api", seed_check()), None);
        // The reference design's `application` group admits `alb` on 8080.
        assert_eq!(codes(&platform), Vec::<&str>::new());
        let application = crate::testing::group_mut(&mut platform, "application");
        let admitted = application.ingress.clone();
        application.ingress.clear();
        assert_eq!(codes(&platform), ["load-balancer-cannot-reach-target"]);
        // A block holding the public subnets admits it too; a narrower one does not.
        for (block, found) in [("0.0.0.0/0", 0), ("10.0.1.0/24", 1)] {
            let application = crate::testing::group_mut(&mut platform, "application");
            application.ingress = vec![crate::model::SecurityGroupRule::new(
                crate::value::Traffic::Tcp(crate::value::PortRange::single(8080)),
                Peer::Cidr(crate::value::Cidr::new_assert(block)),
            )];
            assert_eq!(codes(&platform).len(), found, "{block}");
        }
        // Another port does not.
        let application = crate::testing::group_mut(&mut platform, "application");
        application.ingress = admitted;
        application.ingress[0].traffic = crate::value::Traffic::Tcp(crate::value::PortRange::single(8081));
        assert_eq!(codes(&platform), ["load-balancer-cannot-reach-target"]);
    }

    #[test]
    fn health_check_ranges_and_timeout_below_interval() {
        for (check, count) in [
            (HealthCheck::new("/health", 4, 2, 2, 2), 1),
            (HealthCheck::new("/health", 301, 121, 2, 2), 2),
            (HealthCheck::new("/health", 30, 1, 1, 11), 3),
            (HealthCheck::new("/health", 5, 5, 2, 2), 1),
            (HealthCheck::new("/health", 300, 120, 10, 10), 0),
            (HealthCheck::new("/health", 5, 2, 2, 2), 0),
        ] {
            let platform = with(lb("public", GOOD, "api", check.clone()), None);
            assert_eq!(codes(&platform), vec!["invalid-health-check"; count], "{check:?}");
        }
    }
}
