//! The paths of the load balancer section's elements.

use crate::diag::ModelPath;

/// `load_balancer`
pub fn load_balancing() -> ModelPath {
    ModelPath::root("load_balancer")
}

/// `load_balancer.load_balancers.<name>`
pub fn load_balancer(name: &str) -> ModelPath {
    load_balancing().field("load_balancers").field(name)
}

/// `load_balancer.load_balancers.<name>.scheme`
pub fn load_balancer_scheme(name: &str) -> ModelPath {
    load_balancer(name).field("scheme")
}

/// `load_balancer.load_balancers.<name>.tier`
pub fn load_balancer_tier(name: &str) -> ModelPath {
    load_balancer(name).field("tier")
}

/// `load_balancer.load_balancers.<name>.security_groups.<idx>`
pub fn load_balancer_security_group(name: &str, idx: usize) -> ModelPath {
    load_balancer(name).field("security_groups").index(idx)
}

/// `load_balancer.load_balancers.<name>.access_logs`
pub fn load_balancer_access_logs(name: &str) -> ModelPath {
    load_balancer(name).field("access_logs")
}

/// `load_balancer.load_balancers.<name>.certificates.<certificate>`
pub fn load_balancer_certificate(name: &str, certificate: &str) -> ModelPath {
    load_balancer(name).field("certificates").field(certificate)
}

/// `load_balancer.load_balancers.<name>.redirect_http`
pub fn redirect_http(name: &str) -> ModelPath {
    load_balancer(name).field("redirect_http")
}

/// `load_balancer.load_balancers.<name>.ssl_policy`
pub fn ssl_policy(name: &str) -> ModelPath {
    load_balancer(name).field("ssl_policy")
}

/// `load_balancer.load_balancers.<name>.target_groups.<target>`
pub fn target_group(name: &str, target: &str) -> ModelPath {
    load_balancer(name).field("target_groups").field(target)
}

/// `load_balancer.load_balancers.<name>.target_groups.<target>.service`
pub fn target_service(name: &str, target: &str) -> ModelPath {
    target_group(name, target).field("service")
}

/// `load_balancer.load_balancers.<name>.target_groups.<target>.health_check`
pub fn health_check(name: &str, target: &str) -> ModelPath {
    target_group(name, target).field("health_check")
}

/// `load_balancer.load_balancers.<name>.target_groups.<target>.health_check.<field>`: `interval`,
/// `timeout`, `healthy` or `unhealthy`.
pub fn health_check_field(name: &str, target: &str, field: &str) -> ModelPath {
    health_check(name, target).field(field)
}

/// `load_balancer.load_balancers.<name>.target_groups.<target>.route`
pub fn route(name: &str, target: &str) -> ModelPath {
    target_group(name, target).field("route")
}

/// `load_balancer.load_balancers.<name>.target_groups.<target>.route.priority`
pub fn route_priority(name: &str, target: &str) -> ModelPath {
    route(name, target).field("priority")
}

/// `load_balancer.load_balancers.<name>.target_groups.<target>.route.paths.<idx>`
pub fn route_path(name: &str, target: &str, idx: usize) -> ModelPath {
    route(name, target).field("paths").index(idx)
}

/// `load_balancer.load_balancers.<name>.target_groups.<target>.route.hosts.<idx>`
pub fn route_host(name: &str, target: &str, idx: usize) -> ModelPath {
    route(name, target).field("hosts").index(idx)
}
