//! Rules on the network ACLs a load balancer's traffic crosses: its own tier's, both ways with its
//! clients and its targets, and its targets' tier's. ACLs are stateless, so every reply needs a
//! rule of its own; each question is answered by the network section's first-match-wins
//! evaluation ([`gap_finding`]).

use crate::diag::Diagnostic;
use crate::model::{
    path, Direction, HTTP_PORT, LoadBalancer, NetworkAcl, Platform, Scheme, SubnetTier, TargetGroup,
    TierRole,
};
use crate::network::rules::{gap_finding, Flows};
use crate::rules::declare_rules;
use crate::rules::per_env::per_environment;
use crate::value::{Cidr, PortRange};

declare_rules! {
    /// The load balancer's tier's ACL drops its clients, its targets or the replies of either.
    LOAD_BALANCER_ACL_BLOCKS_TRAFFIC = "load-balancer-acl-blocks-traffic", Error,
        "a load balancer's tier's network ACL lets in the listener port from its clients and replies on 1024-65535 from its targets, and lets out the target port to its targets and replies on 1024-65535 to its clients",
        "ALB User Guide, load-balancer-troubleshooting.md, network ACLs (\"the network ACL associated with the subnets for your load balancer nodes must allow inbound traffic on the ephemeral ports and outbound traffic on the health check and ephemeral ports\"); VPC User Guide, network ACLs (stateless; ELB uses ports 1024-65535); aws-rules.md §10";
    /// The targets' tier's ACL drops the load balancer's requests or the replies to them.
    TARGET_ACL_BLOCKS_LOAD_BALANCER = "target-acl-blocks-load-balancer", Error,
        "a target service's tier's network ACL lets in the target port from the load balancer's subnets and lets out replies on 1024-65535 to them",
        "ALB User Guide, load-balancer-troubleshooting.md, network ACLs (the targets' subnets must allow inbound traffic on the target and health check port and outbound traffic on ports 1024-65535 to the load balancer); aws-rules.md §10";
}


/// A target of a load balancer: the tier its service's tasks run in and the port they serve
/// (requests and health checks alike).
struct Target<'a> {
    group: &'a TargetGroup,
    service: &'a str,
    tier: &'a SubnetTier,
    port: u16,
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    for lb in &platform.load_balancer.load_balancers {
        // An unknown tier is `unknown-tier`'s finding, an unknown service
        // `unknown-target-service`'s.
        let Some(lb_tier) = platform.network.find_tier(lb.tier.as_str()) else {
            continue;
        };
        // An internet-facing load balancer outside a public tier is
        // `internet-facing-load-balancer-not-public`'s finding.
        if lb.scheme == Scheme::InternetFacing && lb_tier.role != TierRole::Public {
            continue;
        }
        let targets = targets(platform, lb);
        per_environment(cx, platform, |cx, env| {
            if let Some(acl) = acl_of(platform, lb_tier) {
                check_load_balancer_tier(cx, platform, lb, acl, &targets, env);
            }
            for target in &targets {
                if let Some(acl) = acl_of(platform, target.tier) {
                    check_target_tier(cx, platform, lb, lb_tier, acl, target, env);
                }
            }
        });
    }
}

/// The distinct targets of `lb` (two groups on one service share their traffic).
fn targets<'a>(platform: &'a Platform, lb: &'a LoadBalancer) -> Vec<Target<'a>> {
    let mut targets: Vec<Target<'a>> = Vec::new();
    for group in &lb.target_groups {
        let Some(service) = platform
            .compute
            .services
            .iter()
            .find(|s| s.name == group.service)
        else {
            continue;
        };
        let (Some(port), Some(tier)) = (service.port, platform.network.find_tier(service.tier.as_str()))
        else {
            continue;
        };
        if !targets.iter().any(|t| t.tier.name == tier.name && t.port == port) {
            targets.push(Target {
                group,
                service: service.name.as_str(),
                tier,
                port,
            });
        }
    }
    targets
}

/// The ACL that guards `tier`, if the design gives it one (else the default ACL allows all).
fn acl_of<'a>(platform: &'a Platform, tier: &SubnetTier) -> Option<&'a NetworkAcl> {
    platform.network.acls.iter().find(|acl| acl.tier == tier.name)
}

/// The blocks of `tier`'s subnets in `env`'s zones.
fn blocks(platform: &Platform, tier: &SubnetTier, env: &str) -> Vec<Cidr> {
    let zones = platform
        .environments
        .iter()
        .find(|e| e.name.as_str() == env)
        .map(|e| e.zones.as_slice())
        .unwrap_or_default();
    tier.subnets
        .iter()
        .filter(|subnet| zones.is_empty() || zones.contains(&subnet.zone))
        .map(|subnet| *subnet.cidr.get(env))
        .collect()
}

/// The load balancer's tier lets in the listener port from its clients (anywhere when it is
/// internet-facing, the VPC when internal) and replies from its targets on 1024-65535, and lets
/// out the target port to its targets and replies to its clients on 1024-65535.
///
/// Source: ALB User Guide, load-balancer-troubleshooting.md: "The network ACL associated with the
/// subnets for your load balancer nodes must allow inbound traffic on the ephemeral ports and
/// outbound traffic on the health check and ephemeral ports"; VPC User Guide, network ACLs: ELB
/// uses the ephemeral ports 1024-65535.
fn check_load_balancer_tier(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    lb: &LoadBalancer,
    acl: &NetworkAcl,
    targets: &[Target<'_>],
    env: &str,
) {
    let name = lb.name.as_str();
    let tier = acl.tier.as_str();
    let (clients, clients_word, clients_rule) = match lb.scheme {
        Scheme::InternetFacing => (Cidr::ANYWHERE, "its clients", "\"0.0.0.0/0\"".to_owned()),
        Scheme::Internal => (*platform.network.vpc.get(env), "its clients in the VPC", "vpc".to_owned()),
    };
    let related = |finding: Diagnostic| {
        finding.with_related(
            path::load_balancer(name),
            format!("load balancer `{name}` runs in tier `{tier}`"),
        )
    };
    let push = |cx: &mut Vec<Diagnostic>, finding: Option<Diagnostic>| {
        if let Some(finding) = finding {
            cx.push(related(finding));
        }
    };
    for port in lb.listener_ports() {
        let protocol = if port == HTTP_PORT { "HTTP" } else { "HTTPS" };
        push(
            cx,
            gap_finding(
                &LOAD_BALANCER_ACL_BLOCKS_TRAFFIC,
                acl,
                Direction::Inbound,
                Flows::new(clients, PortRange::single(port)),
                |reason| format!("network ACL of tier `{tier}` blocks the {protocol} requests of load balancer `{name}`'s clients: {reason}"),
                format!("add an inbound rule `allow tcp {port} from {clients_rule}` to tier `{tier}`"),
                env,
            ),
        );
    }
    push(
        cx,
        gap_finding(
            &LOAD_BALANCER_ACL_BLOCKS_TRAFFIC,
            acl,
            Direction::Outbound,
            Flows::new(clients, PortRange::EPHEMERAL),
            |reason| format!("network ACL of tier `{tier}` blocks load balancer `{name}`'s replies to {clients_word}: {reason}"),
            format!("network ACLs are stateless; add an outbound rule `allow tcp 1024..=65535 to {clients_rule}` to tier `{tier}`"),
            env,
        ),
    );
    for target in targets {
        let service = target.service;
        let port = target.port;
        let peers = blocks(platform, target.tier, env);
        let first = |direction, ports: PortRange, message: &dyn Fn(String) -> String, help: String| {
            peers.iter().find_map(|&block| {
                gap_finding(
                    &LOAD_BALANCER_ACL_BLOCKS_TRAFFIC,
                    acl,
                    direction,
                    Flows::new(block, ports),
                    message,
                    help.clone(),
                    env,
                )
            })
        };
        let finding = first(
            Direction::Outbound,
            PortRange::single(port),
            &|reason| format!("network ACL of tier `{tier}` blocks load balancer `{name}`'s requests and health checks to service `{service}` on port {port}: {reason}"),
            format!("add an outbound rule `allow tcp {port} to vpc` to tier `{tier}`"),
        );
        push(cx, finding.map(|f| with_target(f, name, target)));
        let finding = first(
            Direction::Inbound,
            PortRange::EPHEMERAL,
            &|reason| format!("network ACL of tier `{tier}` blocks service `{service}`'s replies to load balancer `{name}`: {reason}"),
            format!("network ACLs are stateless; add an inbound rule `allow tcp 1024..=65535 from vpc` to tier `{tier}`"),
        );
        push(cx, finding.map(|f| with_target(f, name, target)));
    }
}

/// A target's tier lets in the target port from the load balancer's subnets and lets out the
/// replies to them on 1024-65535.
///
/// Source: ALB User Guide, load-balancer-troubleshooting.md, network ACLs: the targets' subnets
/// must allow inbound traffic from the load balancer on the target port and the health check
/// port, and outbound traffic to it on ports 1024-65535.
fn check_target_tier(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    lb: &LoadBalancer,
    lb_tier: &SubnetTier,
    acl: &NetworkAcl,
    target: &Target<'_>,
    env: &str,
) {
    let name = lb.name.as_str();
    let tier = acl.tier.as_str();
    let service = target.service;
    let port = target.port;
    let peers = blocks(platform, lb_tier, env);
    let first = |direction, ports: PortRange, message: &dyn Fn(String) -> String, help: String| {
        peers.iter().find_map(|&block| {
            gap_finding(
                &TARGET_ACL_BLOCKS_LOAD_BALANCER,
                acl,
                direction,
                Flows::new(block, ports),
                message,
                help.clone(),
                env,
            )
        })
    };
    let findings = [
        first(
            Direction::Inbound,
            PortRange::single(port),
            &|reason| format!("network ACL of tier `{tier}` blocks load balancer `{name}`'s requests and health checks to service `{service}` on port {port}: {reason}"),
            format!("add an inbound rule `allow tcp {port} from vpc` to tier `{tier}`"),
        ),
        first(
            Direction::Outbound,
            PortRange::EPHEMERAL,
            &|reason| format!("network ACL of tier `{tier}` blocks service `{service}`'s replies to load balancer `{name}`: {reason}"),
            format!("network ACLs are stateless; add an outbound rule `allow tcp 1024..=65535 to vpc` to tier `{tier}`"),
        ),
    ];
    for finding in findings.into_iter().flatten() {
        cx.push(with_target(finding, name, target));
    }
}

/// Adds the target group whose traffic a finding is about, as a related place.
fn with_target(finding: Diagnostic, lb: &str, target: &Target<'_>) -> Diagnostic {
    finding.with_related(
        path::target_service(lb, target.group.name.as_str()),
        format!(
            "target group `{}` forwards to service `{}` in tier `{}` on port {}",
            target.group.name, target.service, target.tier.name, target.port
        ),
    )
}

#[cfg(test)]
mod tests {
    use crate::model::{AclAction, AclRule, Platform, Scheme};
    use crate::testing::{acl_mut, design, one_block};
    use crate::value::{AclRuleNumber, Cidr, PortRange, Traffic};

    fn rule(number: u32, action: AclAction, traffic: Traffic, cidr: &'static str) -> AclRule {
        AclRule {
            number: AclRuleNumber::new_assert(number),
            action,
            traffic,
            cidr: Cidr::new_assert(cidr).into(),
        }
    }

    const HTTPS: Traffic = Traffic::Tcp(PortRange::single(443));
    const EPHEMERAL: Traffic = Traffic::Tcp(PortRange::EPHEMERAL);
    const ALLOW: AclAction = AclAction::Allow;
    const DENY: AclAction = AclAction::Deny;

    /// The findings of this module's rules, as (code, path, message).
    fn findings(platform: &Platform) -> Vec<(&'static str, String, String)> {
        crate::rules::check(platform)
            .into_iter()
            .filter(|d| matches!(d.code, "load-balancer-acl-blocks-traffic" | "target-acl-blocks-load-balancer"))
            .map(|d| (d.code, d.path.as_str().to_owned(), d.message))
            .collect()
    }

    #[test]
    fn the_reference_design_passes() {
        assert_eq!(findings(&design()), []);
    }

    #[test]
    fn the_seed_public_acl_drops_the_targets_replies() {
        let mut platform = one_block();
        acl_mut(&mut platform, "public").inbound = vec![rule(100, ALLOW, HTTPS, "0.0.0.0/0")];
        let found = findings(&platform);
        assert_eq!(found.len(), 1, "{found:?}");
        let (code, at, message) = &found[0];
        assert_eq!(*code, "load-balancer-acl-blocks-traffic");
        assert_eq!(at, "network.acls.public");
        assert!(message.contains("service `api`'s replies to load balancer `web`"), "{message}");
        assert!(message.ends_with("no inbound rule allows TCP 1024..=65535 from 10.0.11.0/24"), "{message}");
        // Staging's private subnets are on their own block: a finding for each block.
        let mut platform = design();
        acl_mut(&mut platform, "public").inbound = vec![rule(100, ALLOW, HTTPS, "0.0.0.0/0")];
        let found = findings(&platform);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].2.ends_with("from 10.1.11.0/24 (environment `staging`)"), "{}", found[1].2);
        // The NAT gateways' replies are the network section's finding.
        assert!(crate::testing::codes(&platform).contains(&"public-acl-blocks-return-traffic"));
    }

    #[test]
    fn the_clients_need_the_listener_port_in_and_replies_out() {
        let mut platform = design();
        let acl = acl_mut(&mut platform, "public");
        acl.inbound.insert(0, rule(90, DENY, HTTPS, "0.0.0.0/0"));
        acl.outbound.insert(0, rule(90, DENY, Traffic::Tcp(PortRange::new_assert(40000, 50000)), "0.0.0.0/0"));
        let found = findings(&platform);
        assert_eq!(
            found.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(),
            ["network.acls.public.inbound[0]", "network.acls.public.outbound[0]"]
        );
        assert!(found[0].2.contains("HTTPS requests of load balancer `web`'s clients"), "{}", found[0].2);
        assert!(found[1].2.contains("replies to its clients"), "{}", found[1].2);
    }

    #[test]
    fn the_load_balancer_tier_must_let_requests_out_to_the_targets() {
        let mut platform = one_block();
        acl_mut(&mut platform, "public")
            .outbound
            .insert(0, rule(90, DENY, Traffic::Tcp(PortRange::single(8080)), "10.0.0.0/8"));
        let found = findings(&platform);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "network.acls.public.outbound[0]");
        assert!(found[0].2.contains("to service `api` on port 8080"), "{}", found[0].2);
    }

    #[test]
    fn the_target_tier_must_let_the_load_balancer_in_and_replies_out() {
        let mut platform = one_block();
        let acl = acl_mut(&mut platform, "private");
        // 8080 from the public subnets is denied before the VPC rule allows it.
        acl.inbound.insert(0, rule(90, DENY, Traffic::Tcp(PortRange::single(8080)), "0.0.0.0/0"));
        let found = findings(&platform);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "target-acl-blocks-load-balancer");
        assert_eq!(found[0].1, "network.acls.private.inbound[0]");
        // Only HTTPS out: the replies to the load balancer's ephemeral ports are dropped.
        let mut platform = one_block();
        acl_mut(&mut platform, "private").outbound = vec![rule(100, ALLOW, HTTPS, "0.0.0.0/0")];
        let found = findings(&platform);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "target-acl-blocks-load-balancer");
        assert_eq!(found[0].1, "network.acls.private");
        assert!(found[0].2.contains("no outbound rule allows TCP 1024..=65535 to 10."), "{}", found[0].2);
    }

    #[test]
    fn an_internal_load_balancer_serves_the_vpc() {
        let mut platform = design();
        platform.load_balancer.load_balancers[0].scheme = Scheme::Internal;
        // Clients in the VPC only: HTTPS from the VPC suffices.
        acl_mut(&mut platform, "public").inbound = vec![
            rule(100, ALLOW, HTTPS, "10.0.0.0/8"),
            rule(110, ALLOW, EPHEMERAL, "0.0.0.0/0"),
        ];
        assert_eq!(findings(&platform), []);
        acl_mut(&mut platform, "public").inbound[0] = rule(100, ALLOW, HTTPS, "10.0.0.0/16");
        let found = findings(&platform);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].2.ends_with("(environment `staging`)"), "{}", found[0].2);
    }

    #[test]
    fn a_tier_without_an_acl_allows_everything() {
        let mut platform = design();
        platform.network.acls.clear();
        assert_eq!(findings(&platform), []);
    }
}
