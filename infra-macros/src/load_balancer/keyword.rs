//! The load balancer section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `load_balancer { ... }`.
    pub enum SectionKey: "load balancer item" {
        Alb = "alb",
    }

    /// The fields of an Application Load Balancer.
    pub enum AlbKey: "load balancer field" {
        Scheme = "scheme",
        Tier = "tier",
        SecurityGroups = "security_groups",
        SslPolicy = "ssl_policy",
        RedirectHttp = "redirect_http",
        AccessLogs = "access_logs",
        Certificates = "certificates",
        TargetGroup = "target_group",
    }

    /// A load balancer's scheme.
    pub enum SchemeKey: "scheme" {
        InternetFacing = "internet_facing",
        Internal = "internal",
    }

    /// The fields of a target group.
    pub enum TargetKey: "target group field" {
        Service = "service",
        HealthCheck = "health_check",
        Route = "route",
    }

    /// The fields of a target group's route (its listener rule).
    pub enum RouteKey: "route field" {
        Priority = "priority",
        Paths = "paths",
        Hosts = "hosts",
    }

    /// The fields of a health check.
    pub enum HealthKey: "health check field" {
        Path = "path",
        Interval = "interval",
        Timeout = "timeout",
        Healthy = "healthy",
        Unhealthy = "unhealthy",
    }
}
