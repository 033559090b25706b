//! The load balancer section's model: Application Load Balancers, their HTTPS listener and their
//! target groups.

use crate::value::Name;

/// The load balancer section: the platform's Application Load Balancers.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LoadBalancing {
    /// The load balancers.
    pub load_balancers: Vec<LoadBalancer>,
}

impl LoadBalancing {
    /// No load balancers.
    pub fn new() -> LoadBalancing {
        LoadBalancing::default()
    }

    /// Whether the section holds nothing (a platform without load balancers).
    pub fn is_empty(&self) -> bool {
        self.load_balancers.is_empty()
    }

    /// Adds a load balancer.
    pub fn load_balancer(mut self, load_balancer: LoadBalancer) -> LoadBalancing {
        self.load_balancers.push(load_balancer);
        self
    }
}

/// The HTTPS listener's port.
pub const HTTPS_PORT: u16 = 443;

/// The port of the HTTP listener that redirects to HTTPS.
pub const HTTP_PORT: u16 = 80;

/// Whether a load balancer is reachable from the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// Public addresses, reachable from the internet.
    InternetFacing,
    /// Private addresses, reachable from the VPC only.
    Internal,
}

impl Scheme {
    /// CloudFormation's name of the scheme.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::InternetFacing => "internet-facing",
            Scheme::Internal => "internal",
        }
    }
}

/// An Application Load Balancer with an HTTPS listener, and an HTTP listener that redirects to it
/// when asked for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LoadBalancer {
    /// Its name.
    pub name: Name,
    /// Internet-facing or internal.
    pub scheme: Scheme,
    /// The subnet tier its nodes run in.
    pub tier: Name,
    /// Its security groups, by name.
    pub security_groups: Vec<Name>,
    /// The HTTPS listener's security policy, such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.
    pub ssl_policy: String,
    /// Whether an HTTP listener on port 80 redirects requests to HTTPS (its security groups and
    /// network ACL must then let port 80 in too).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redirect_http: bool,
    /// The storage bucket it writes its access logs to, by name, under the prefix of its own
    /// name (`<bucket>/<load balancer>/AWSLogs/<account>/...`); `None` writes none.
    ///
    /// Source: ALB User Guide, enable-access-logging.md (access logs are delivered to an S3
    /// bucket in the same region, encrypted with SSE-S3, under an optional prefix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_logs: Option<Name>,
    /// The ACM certificates its HTTPS listener serves, by name, each an ARN the deployment
    /// passes as a template parameter. The first is the default certificate, served to clients
    /// whose server name (SNI) matches no other; the others are added to the listener, which
    /// picks one by SNI. Empty: one certificate, named after the load balancer.
    ///
    /// Source: ALB User Guide, https-listener-certificates.md (a default certificate, and a
    /// certificate list the listener selects from with SNI).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Name>,
    /// Its target groups.
    pub target_groups: Vec<TargetGroup>,
}

impl LoadBalancer {
    /// A load balancer without target groups.
    pub fn new(
        name: Name,
        scheme: Scheme,
        tier: Name,
        security_groups: impl IntoIterator<Item = Name>,
        ssl_policy: impl Into<String>,
    ) -> LoadBalancer {
        LoadBalancer {
            name,
            scheme,
            tier,
            security_groups: security_groups.into_iter().collect(),
            ssl_policy: ssl_policy.into(),
            redirect_http: false,
            access_logs: None,
            certificates: Vec::new(),
            target_groups: Vec::new(),
        }
    }

    /// Adds an HTTP listener on port 80 that redirects every request to HTTPS.
    pub fn redirect_http(mut self) -> LoadBalancer {
        self.redirect_http = true;
        self
    }

    /// Writes its access logs to the storage bucket `bucket`, under the prefix of its own name.
    pub fn access_logs(mut self, bucket: Name) -> LoadBalancer {
        self.access_logs = Some(bucket);
        self
    }

    /// Serves the certificate `name` too; the first one added is the default.
    pub fn certificate(mut self, name: Name) -> LoadBalancer {
        self.certificates.push(name);
        self
    }

    /// The prefix its access logs are written under in their bucket: its name.
    pub fn access_log_prefix(&self) -> &str {
        self.name.as_str()
    }

    /// The ports its listeners take requests on: 443, and 80 when it redirects HTTP.
    pub fn listener_ports(&self) -> impl Iterator<Item = u16> {
        [Some(HTTPS_PORT), self.redirect_http.then_some(HTTP_PORT)]
            .into_iter()
            .flatten()
    }

    /// Adds a target group.
    pub fn target_group(mut self, target_group: TargetGroup) -> LoadBalancer {
        self.target_groups.push(target_group);
        self
    }
}

/// A target group: the tasks of one service, on the service's container port.
///
/// The HTTPS listener forwards to the one target group without a [`Route`] by default, and to a
/// routed one when its listener rule matches first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TargetGroup {
    /// Its name.
    pub name: Name,
    /// The service it forwards to, by name.
    pub service: Name,
    /// Its health check.
    pub health_check: HealthCheck,
    /// The listener rule that sends requests here; `None` for the listener's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
}

impl TargetGroup {
    /// A target group forwarding to `service`, the listener's default until it gets a route.
    pub fn new(name: Name, service: Name, health_check: HealthCheck) -> TargetGroup {
        TargetGroup {
            name,
            service,
            health_check,
            route: None,
        }
    }

    /// Sends the requests `route` matches here, instead of making this the default.
    pub fn route(mut self, route: Route) -> TargetGroup {
        self.route = Some(route);
        self
    }
}

/// A listener rule: the requests whose path or host matches go to its target group, rules
/// evaluated from the lowest priority up.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Route {
    /// Its priority, 1-50000, unique per listener; the lowest is evaluated first.
    pub priority: u32,
    /// Path patterns (`/admin/*`); one must match the request's path, if any are given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Host header patterns (`admin.example.com`); one must match, if any are given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
}

impl Route {
    /// A rule of `priority` matching nothing yet.
    pub fn new(priority: u32) -> Route {
        Route {
            priority,
            paths: Vec::new(),
            hosts: Vec::new(),
        }
    }

    /// Adds a path pattern.
    pub fn path(mut self, pattern: impl Into<String>) -> Route {
        self.paths.push(pattern.into());
        self
    }

    /// Adds a host header pattern.
    pub fn host(mut self, pattern: impl Into<String>) -> Route {
        self.hosts.push(pattern.into());
        self
    }
}

/// A target group's HTTP health check.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct HealthCheck {
    /// The path requested, such as `/health`.
    pub path: String,
    /// Seconds between checks.
    pub interval: u32,
    /// Seconds without a response that fail a check.
    pub timeout: u32,
    /// Consecutive successes that make a target healthy.
    pub healthy: u32,
    /// Consecutive failures that make a target unhealthy.
    pub unhealthy: u32,
}

impl HealthCheck {
    /// A health check of `path` every `interval` seconds.
    pub fn new(
        path: impl Into<String>,
        interval: u32,
        timeout: u32,
        healthy: u32,
        unhealthy: u32,
    ) -> HealthCheck {
        HealthCheck {
            path: path.into(),
            interval,
            timeout,
            healthy,
            unhealthy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::reference_network;
    use crate::model::Platform;

    #[test]
    fn routes_round_trip_as_data() {
        let mut platform = reference_network();
        platform.load_balancer.load_balancers[0].target_groups.push(
            TargetGroup::new(
                Name::new_assert("admin"),
                Name::new_assert("api"),
                HealthCheck::new("/health", 30, 5, 2, 3),
            )
            .route(Route::new(10).path("/admin/*").host("admin.example.com")),
        );
        let json = platform.to_json();
        assert!(
            json.contains(r#""route":{"priority":10,"paths":["/admin/*"],"hosts":["admin.example.com"]}"#),
            "{json}"
        );
        assert_eq!(Platform::from_json(&json).expect("it decodes"), platform);
        // The default target group writes no route.
        assert!(!reference_network().to_json().contains("route"));
    }
}
