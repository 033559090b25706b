//! Rules on a load balancer's listeners: its security groups let requests in on their ports, and
//! the services they forward to take at most five target groups each.

use crate::diag::Diagnostic;
use crate::model::{path, LoadBalancer, Platform, HTTP_PORT};
use crate::rules::declare_rules;

declare_rules! {
    /// No security group of a load balancer lets requests in on a listener's port.
    LOAD_BALANCER_LISTENER_UNREACHABLE = "load-balancer-listener-unreachable", Error,
        "a load balancer's security groups admit requests on each listener's port (443, and 80 when it redirects HTTP)",
        "ALB User Guide, load-balancer-update-security-groups.md (recommended rules: inbound from the clients on the listener port); ELBv2 API CreateLoadBalancer.SecurityGroups (without one, the VPC's default group, which admits only its own members)";
    /// A service is the target of more than five target groups.
    SERVICE_TARGET_GROUP_COUNT = "service-target-group-count", Error,
        "a service is the target of at most five target groups, across every load balancer",
        "ECS Developer Guide, register-multiple-targetgroups.html (\"you cannot attach more than five target groups to a service\")";
}

/// The most target groups one ECS service may be attached to.
const MAX_TARGET_GROUPS_PER_SERVICE: usize = 5;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    for lb in &platform.load_balancer.load_balancers {
        check_listener_ports(cx, platform, lb);
    }
    check_target_groups_per_service(cx, platform);
}

/// No service is the target of more than five target groups; the sixth and later are reported.
///
/// Source: ECS Developer Guide, "Registering multiple target groups with a service": "you cannot
/// attach more than five target groups to a service" (Application and Network Load Balancers).
fn check_target_groups_per_service(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    for service in &platform.compute.services {
        let groups = platform.load_balancer.load_balancers.iter().flat_map(|lb| {
            lb.target_groups
                .iter()
                .filter(|target| target.service == service.name)
                .map(move |target| (lb, target))
        });
        for (lb, target) in groups.skip(MAX_TARGET_GROUPS_PER_SERVICE) {
            cx.push(
                SERVICE_TARGET_GROUP_COUNT
                    .at(
                        path::target_service(lb.name.as_str(), target.name.as_str()),
                        format!("service `{}` is the target of more than {MAX_TARGET_GROUPS_PER_SERVICE} target groups; ECS attaches at most {MAX_TARGET_GROUPS_PER_SERVICE} to a service", service.name),
                    )
                    .with_help("route more paths and hosts through fewer target groups (a route takes up to 5 values), or split the service"),
            );
        }
    }
}

/// Some ingress rule of the load balancer's security groups admits TCP on each listener port,
/// from any source: which clients may connect is the design's choice, that some may is not.
///
/// Source: ALB User Guide, "Security groups for your Application Load Balancer": the recommended
/// inbound rule admits the clients on the listener port; a load balancer given no group gets the
/// VPC's default group, which admits only traffic from its own members.
fn check_listener_ports(cx: &mut Vec<Diagnostic>, platform: &Platform, lb: &LoadBalancer) {
    let network = &platform.network;
    let groups: Vec<_> = lb
        .security_groups
        .iter()
        .filter_map(|name| network.security_groups.iter().find(|g| g.name == *name))
        .collect();
    // An unknown group is `unknown-security-group`'s finding, not this rule's.
    if groups.len() != lb.security_groups.len() {
        return;
    }
    let name = lb.name.as_str();
    for port in lb.listener_ports() {
        let admitted = groups.iter().flat_map(|group| &group.ingress).any(|rule| {
            rule.traffic
                .tcp_ports()
                .is_some_and(|ports| (ports.from()..=ports.to()).contains(&port))
        });
        if admitted {
            continue;
        }
        let (listener, at) = if port == HTTP_PORT {
            ("HTTP listener", path::redirect_http(name))
        } else {
            ("HTTPS listener", path::ssl_policy(name))
        };
        let help = match lb.security_groups.first() {
            Some(group) => format!("add an ingress rule `{port} from \"0.0.0.0/0\"` (or from the clients' block) to security group `{group}`"),
            None => format!("give load balancer `{name}` a security group that admits TCP {port} from its clients"),
        };
        cx.push(
            LOAD_BALANCER_LISTENER_UNREACHABLE
                .at(
                    at,
                    format!("no client can reach load balancer `{name}`'s {listener} on port {port}: none of its security groups admits TCP {port}"),
                )
                .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{codes, design, group_mut};
    use crate::value::{PortRange, Traffic};

    fn findings(platform: &crate::model::Platform) -> Vec<&'static str> {
        codes(platform)
            .into_iter()
            .filter(|&code| code == "load-balancer-listener-unreachable")
            .collect()
    }

    #[test]
    fn the_reference_design_admits_https() {
        assert_eq!(findings(&design()), Vec::<&str>::new());
    }

    #[test]
    fn a_group_without_the_listener_port_leaves_the_listener_unreachable() {
        let mut platform = design();
        group_mut(&mut platform, "alb").ingress[0].traffic = Traffic::Tcp(PortRange::single(8443));
        assert_eq!(findings(&platform), ["load-balancer-listener-unreachable"]);
    }

    #[test]
    fn redirecting_http_needs_port_80_too() {
        let mut platform = design();
        platform.load_balancer.load_balancers[0].redirect_http = true;
        let found = crate::rules::check(&platform);
        let found: Vec<_> = found
            .iter()
            .filter(|d| d.code == "load-balancer-listener-unreachable")
            .map(|d| d.path.to_string())
            .collect();
        assert_eq!(found, ["load_balancer.load_balancers.web.redirect_http"]);
        group_mut(&mut platform, "alb").ingress[0].traffic = Traffic::All;
        assert_eq!(findings(&platform), Vec::<&str>::new());
    }

    #[test]
    fn a_service_takes_at_most_five_target_groups() {
        use crate::model::{HealthCheck, Route, TargetGroup};
        use crate::value::Name;
        let mut platform = design();
        let web = &mut platform.load_balancer.load_balancers[0];
        for (idx, name) in ["one", "two", "three", "four", "five"].into_iter().enumerate() {
            let priority = u32::try_from(idx + 1).expect("a small number");
            web.target_groups.push(
                TargetGroup::new(
                    Name::new_assert(name),
                    Name::new_assert("api"),
                    HealthCheck::new("/health", 30, 5, 2, 3),
                )
                .route(Route::new(priority).path(format!("/{name}/*"))),
            );
        }
        let found = crate::rules::check(&platform);
        let found: Vec<_> = found
            .iter()
            .filter(|d| d.code == "service-target-group-count")
            .map(|d| d.path.to_string())
            .collect();
        assert_eq!(found, ["load_balancer.load_balancers.web.target_groups.five.service"]);
        platform.load_balancer.load_balancers[0].target_groups.pop();
        assert_eq!(
            codes(&platform).iter().filter(|&&c| c == "service-target-group-count").count(),
            0
        );
    }

    #[test]
    fn a_load_balancer_without_groups_gets_the_default_group() {
        let mut platform = design();
        platform.load_balancer.load_balancers[0].security_groups.clear();
        assert_eq!(findings(&platform), ["load-balancer-listener-unreachable"]);
    }
}
