//! The load balancer section: Application Load Balancers, their HTTPS listener and their target
//! groups, which forward to the compute section's services.

pub mod model;
pub mod path;
pub mod rules;

pub use model::*;

use crate::model::Platform;
use crate::section::Section;
use crate::ModelPath;

/// The load balancer section, as registered in the crate root.
pub const SECTION: Section = Section {
    name: "load_balancer",
    rules: rules::RULES,
    check: rules::check,
    paths,
};

/// Every element of the load balancer section that a front end must be able to point at.
fn paths(platform: &Platform) -> Vec<ModelPath> {
    let section = &platform.load_balancer;
    if section.is_empty() {
        return Vec::new();
    }
    let mut paths = vec![path::load_balancing()];
    for lb in &section.load_balancers {
        let name = lb.name.as_str();
        paths.extend([
            path::load_balancer(name),
            path::load_balancer_scheme(name),
            path::load_balancer_tier(name),
            path::ssl_policy(name),
        ]);
        paths.extend(
            (0..lb.security_groups.len()).map(|idx| path::load_balancer_security_group(name, idx)),
        );
        if lb.redirect_http {
            paths.push(path::redirect_http(name));
        }
        if lb.access_logs.is_some() {
            paths.push(path::load_balancer_access_logs(name));
        }
        paths.extend(
            lb.certificates
                .iter()
                .map(|certificate| path::load_balancer_certificate(name, certificate.as_str())),
        );
        for target in &lb.target_groups {
            let at = target.name.as_str();
            paths.extend([
                path::target_group(name, at),
                path::target_service(name, at),
                path::health_check(name, at),
            ]);
            paths.extend(
                ["interval", "timeout", "healthy", "unhealthy"]
                    .map(|field| path::health_check_field(name, at, field)),
            );
            if let Some(route) = &target.route {
                paths.extend([path::route(name, at), path::route_priority(name, at)]);
                paths.extend((0..route.paths.len()).map(|idx| path::route_path(name, at, idx)));
                paths.extend((0..route.hosts.len()).map(|idx| path::route_host(name, at, idx)));
            }
        }
    }
    paths
}
