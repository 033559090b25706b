//! The lowering of the load balancer section: for each Application Load Balancer, the load
//! balancer in its tier's subnets, an HTTPS listener (its certificate a template parameter), an
//! HTTP listener that redirects to HTTPS when the design asks for one, a target group per target (the service's tasks by IP,
//! on the service's container port), a listener rule per routed target group (the one without a
//! route is the listener's default) and its DNS name as an output. The compute lowering binds
//! each service to its target groups through [`targets_of`].

pub(crate) mod logical_id;

use infra_core::model::{
    path, LoadBalancer, Platform, Route, Service, TargetGroup, HTTPS_PORT, HTTP_PORT,
};
use infra_core::value::Name;
use infra_core::rules::{
    DUPLICATE_NAME, INTERNET_FACING_LOAD_BALANCER_NOT_PUBLIC, INVALID_DURATION, LOAD_BALANCER_ACL_BLOCKS_TRAFFIC,
    LOAD_BALANCER_CANNOT_REACH_TARGET, LOAD_BALANCER_LISTENER_UNREACHABLE, SERVICE_TARGET_GROUP_COUNT, TARGET_ACL_BLOCKS_LOAD_BALANCER,
    INVALID_LISTENER_RULE_PRIORITY, INVALID_ROUTE_PATTERN, LISTENER_DEFAULT_TARGET_GROUP,
    LISTENER_RULE_CONDITION_VALUES,
    LOAD_BALANCER_SINGLE_ZONE, INVALID_HEALTH_CHECK,
    LOAD_BALANCER_WITHOUT_ACCESS_LOGS, LOAD_BALANCER_LOG_BUCKET_WITH_KMS, TLS_POLICY_BELOW_MINIMUM,
    UNKNOWN_ACCESS_LOG_BUCKET, UNKNOWN_SECURITY_GROUP,
    UNKNOWN_TARGET_SERVICE, UNKNOWN_TIER, UNKNOWN_TLS_POLICY,
};

use crate::context::State;
use crate::intrinsic::{Expr, Pseudo};
use crate::logical_id::LogicalId;
use crate::network::logical_id as network_id;
use crate::storage::logical_id as storage_id;
use crate::stack::Stack;
use crate::template::{Output, Parameter, Resource, Section, Template};

/// The Elastic Load Balancing account of each region available before August 2022, which writes
/// Application Load Balancer access logs to S3 in that region.
///
/// Source: ELB User Guide, "Access logs for your Application Load Balancer",
/// enable-access-logging.md, step 2 "Attach a policy to your S3 bucket" ("Regions available
/// before August 2022": grant `s3:PutObject` to `arn:aws:iam::<elb-account-id>:root`). Regions
/// available since then, and any region not in this table, grant it to the service principal
/// [`LOG_DELIVERY_SERVICE`] instead.
pub(crate) const ELB_LOG_ACCOUNTS: [(&str, &str); 22] = [
    ("us-east-1", "127311923021"),
    ("us-east-2", "033677994240"),
    ("us-west-1", "027434742980"),
    ("us-west-2", "797873946194"),
    ("af-south-1", "098369216593"),
    ("ap-east-1", "754344448648"),
    ("ap-southeast-3", "589379963580"),
    ("ap-south-1", "718504428378"),
    ("ap-northeast-3", "383597477331"),
    ("ap-northeast-2", "600734575887"),
    ("ap-southeast-1", "114774131450"),
    ("ap-southeast-2", "783225319266"),
    ("ap-northeast-1", "582318560864"),
    ("ca-central-1", "985666609251"),
    ("eu-central-1", "054676820928"),
    ("eu-west-1", "156460612806"),
    ("eu-west-2", "652711504416"),
    ("eu-south-1", "635631232127"),
    ("eu-west-3", "009996457667"),
    ("eu-north-1", "897822967062"),
    ("me-south-1", "076674570225"),
    ("sa-east-1", "507241528517"),
];

/// The service principal that writes access logs in regions available since August 2022.
///
/// Source: ELB User Guide, enable-access-logging.md ("Regions available as of August 2022 or
/// later": grant `s3:PutObject` to `logdelivery.elasticloadbalancing.amazonaws.com`).
pub(crate) const LOG_DELIVERY_SERVICE: &str = "logdelivery.elasticloadbalancing.amazonaws.com";

/// The bucket policy principal that lets Elastic Load Balancing write access logs in `region`:
/// the region's Elastic Load Balancing account from [`ELB_LOG_ACCOUNTS`], or the service
/// principal [`LOG_DELIVERY_SERVICE`] for a region not in the table.
pub(crate) fn log_delivery_principal(region: &str) -> Expr {
    match ELB_LOG_ACCOUNTS.iter().find(|(name, _)| *name == region) {
        Some((_, account)) => Expr::map([("AWS", Expr::from(format!("arn:aws:iam::{account}:root")))]),
        None => Expr::map([("Service", Expr::from(LOG_DELIVERY_SERVICE))]),
    }
}

/// The target groups that forward to `service`, with what attaches each to its load balancer
/// (the HTTPS listener for the default group, its listener rule for a routed one): the ECS
/// service registers its container with them and waits for that.
pub(crate) fn targets_of(platform: &Platform, service: &Service) -> Vec<(LogicalId, LogicalId)> {
    platform
        .load_balancer
        .load_balancers
        .iter()
        .flat_map(|lb| {
            lb.target_groups
                .iter()
                .filter(|target| target.service == service.name)
                .map(|target| {
                    let attached = match target.route {
                        Some(_) => logical_id::listener_rule(&lb.name, &target.name),
                        None => logical_id::https_listener(&lb.name),
                    };
                    (logical_id::target_group(&lb.name, &target.name), attached)
                })
        })
        .collect()
}

/// Adds the load balancers of `stack`'s platform to `template`, and says what it added; a
/// design without load balancers adds nothing.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let balancers = &stack.platform().load_balancer.load_balancers;
    if balancers.is_empty() {
        return;
    }
    for lb in balancers {
        load_balancer(stack, template, lb);
        for target in &lb.target_groups {
            target_group(stack, template, lb, target);
        }
        listeners(stack, template, lb);
        for target in &lb.target_groups {
            if let Some(route) = &target.route {
                listener_rule(stack, template, lb, target, route);
            }
        }
    }
    let summary = match balancers.len() {
        1 => "load balancing (1 load balancer)".to_owned(),
        n => format!("load balancing ({n} load balancers)"),
    };
    let shapes: Vec<String> = balancers
        .iter()
        .map(|lb| {
            let targets: Vec<String> = lb
                .target_groups
                .iter()
                .map(|t| format!("`{}` to service `{}`", t.name, t.service))
                .collect();
            format!(
                "`{}` ({}, {} tier, HTTPS with {}, targets {})",
                lb.name,
                lb.scheme.as_str(),
                lb.tier,
                lb.ssl_policy,
                if targets.is_empty() { "none".to_owned() } else { targets.join(", ") }
            )
        })
        .collect();
    template.add_section(Section {
        summary,
        arch: format!("Load balancing: Application Load Balancers {}.", shapes.join(", ")),
    });
}

fn load_balancer(stack: &Stack<'_>, template: &mut Template, lb: &LoadBalancer) {
    let name = lb.name.as_str();
    let subnets = stack.subnet_ids(lb.tier.as_str());
    let groups = lb
        .security_groups
        .iter()
        .map(|group| Expr::get_att(&network_id::security_group(group), "GroupId"));
    let attribute = |key: &str, value: &str| {
        Expr::map([("Key", Expr::from(key)), ("Value", Expr::from(value))])
    };
    let id = logical_id::load_balancer(&lb.name);
    let mut attributes = vec![
        attribute("deletion_protection.enabled", "false"),
        attribute("routing.http.drop_invalid_header_fields.enabled", "true"),
    ];
    let mut why = format!(
        "Application Load Balancer `{name}`: {}, in the {} tier's subnets; drops requests with invalid header fields",
        lb.scheme.as_str(),
        lb.tier
    );
    // ELB checks that it may write to the bucket when the attribute is set, so the load balancer
    // waits for the bucket policy (ALB User Guide, enable-access-logging.md).
    let mut policy = None;
    if let Some(bucket) = &lb.access_logs {
        attributes.extend([
            attribute("access_logs.s3.enabled", "true"),
            Expr::map([
                ("Key", Expr::from("access_logs.s3.bucket")),
                ("Value", Expr::reference(&storage_id::bucket(bucket))),
            ]),
            attribute("access_logs.s3.prefix", lb.access_log_prefix()),
        ]);
        why.push_str(&format!(
            "; writes access logs to bucket `{bucket}` under `{}/`",
            lb.access_log_prefix()
        ));
        policy = Some(storage_id::bucket_policy(bucket));
    }
    let mut resource = Resource::new("AWS::ElasticLoadBalancingV2::LoadBalancer")
        .property("Type", "application")
        .property("Scheme", lb.scheme.as_str())
        .property("Subnets", Expr::list(subnets))
        .property("SecurityGroups", Expr::list(groups))
        .property("LoadBalancerAttributes", Expr::list(attributes))
        .property("Tags", stack.tags(&format!("alb-{name}")));
    if let Some(policy) = policy {
        resource = resource.depends_on(policy);
    }
    template.add_resource(
        id.clone(),
        resource
            .context(
                stack
                    .context(path::load_balancer(name), why, State::Stateless)
                    .must([
                        &UNKNOWN_TIER,
                        &INTERNET_FACING_LOAD_BALANCER_NOT_PUBLIC,
                        &LOAD_BALANCER_SINGLE_ZONE,
                        &UNKNOWN_SECURITY_GROUP,
                        &LOAD_BALANCER_ACL_BLOCKS_TRAFFIC,
                        &LOAD_BALANCER_WITHOUT_ACCESS_LOGS,
                        &UNKNOWN_ACCESS_LOG_BUCKET,
                        &LOAD_BALANCER_LOG_BUCKET_WITH_KMS,
                    ]),
            ),
    );
    let scheme = lb.scheme.as_str();
    let export = format!("${{{}}}-{}", Pseudo::StackName.name(), logical_id::dns_name(&lb.name));
    template.add_output(
        logical_id::dns_name(&lb.name),
        Output::exported(
            format!("The DNS name of the {scheme} load balancer `{name}`"),
            Expr::get_att(&id, "DNSName"),
            Expr::sub(export),
        ),
    );
}

fn target_group(stack: &Stack<'_>, template: &mut Template, lb: &LoadBalancer, target: &TargetGroup) {
    let check = &target.health_check;
    let port = stack
        .platform()
        .compute
        .services
        .iter()
        .find(|service| service.name == target.service)
        .and_then(|service| service.port)
        .unwrap_or(80);
    let at = target.name.as_str();
    template.add_resource(
        logical_id::target_group(&lb.name, &target.name),
        Resource::new("AWS::ElasticLoadBalancingV2::TargetGroup")
            .property("TargetType", "ip")
            .property("Protocol", "HTTP")
            .property("Port", Expr::from(port))
            .property("VpcId", Expr::reference(&network_id::vpc()))
            .property("HealthCheckEnabled", true)
            .property("HealthCheckProtocol", "HTTP")
            .property("HealthCheckPath", check.path.as_str())
            .property("HealthCheckIntervalSeconds", Expr::Int(i64::from(check.interval)))
            .property("HealthCheckTimeoutSeconds", Expr::Int(i64::from(check.timeout)))
            .property("HealthyThresholdCount", Expr::Int(i64::from(check.healthy)))
            .property("UnhealthyThresholdCount", Expr::Int(i64::from(check.unhealthy)))
            .property("Tags", stack.tags(&format!("alb-{}-{at}", lb.name)))
            .context(
                stack
                    .context(
                        path::target_group(lb.name.as_str(), at),
                        format!(
                            "Target group `{at}`: service `{}`'s tasks by IP on its container port {port}, checked at `{}` every {} s",
                            target.service, check.path, check.interval
                        ),
                        State::Stateless,
                    )
                    .must([
                        &UNKNOWN_TARGET_SERVICE,
                        &LOAD_BALANCER_CANNOT_REACH_TARGET,
                        &TARGET_ACL_BLOCKS_LOAD_BALANCER,
                        &SERVICE_TARGET_GROUP_COUNT,
                        &INVALID_HEALTH_CHECK,
                        &INVALID_DURATION,
                    ]),
            ),
    );
}

fn listeners(stack: &Stack<'_>, template: &mut Template, lb: &LoadBalancer) {
    let name = lb.name.as_str();
    let certificate = certificates(template, lb);
    // The target group without a route (`listener-default-target-group` makes it the only one).
    let default = lb.target_groups.iter().find(|target| target.route.is_none());
    let default_action = match default {
        Some(target) => Expr::map([
            ("Type", Expr::from("forward")),
            (
                "TargetGroupArn",
                Expr::reference(&logical_id::target_group(&lb.name, &target.name)),
            ),
        ]),
        None => Expr::map([
            ("Type", Expr::from("fixed-response")),
            (
                "FixedResponseConfig",
                Expr::map([("StatusCode", Expr::from("404"))]),
            ),
        ]),
    };
    let arn = Expr::reference(&logical_id::load_balancer(&lb.name));
    template.add_resource(
        logical_id::https_listener(&lb.name),
        Resource::new("AWS::ElasticLoadBalancingV2::Listener")
            .property("LoadBalancerArn", arn.clone())
            .property("Port", Expr::Int(HTTPS_PORT.into()))
            .property("Protocol", "HTTPS")
            .property("SslPolicy", lb.ssl_policy.as_str())
            .property(
                "Certificates",
                Expr::list([Expr::map([("CertificateArn", Expr::reference(&certificate))])]),
            )
            .property("DefaultActions", Expr::list([default_action]))
            .property("Tags", stack.tags(&format!("alb-{name}-https")))
            .context(
                stack
                    .context(
                        path::ssl_policy(name),
                        format!("Load balancer `{name}`'s HTTPS listener on 443, with TLS policy `{}`", lb.ssl_policy),
                        State::Stateless,
                    )
                    .must([
                        &UNKNOWN_TLS_POLICY,
                        &TLS_POLICY_BELOW_MINIMUM,
                        &LISTENER_DEFAULT_TARGET_GROUP,
                        &LOAD_BALANCER_LISTENER_UNREACHABLE,
                    ]),
            ),
    );
    for extra in lb.certificates.iter().skip(1) {
        template.add_resource(
            logical_id::listener_certificate(&lb.name, extra),
            Resource::new("AWS::ElasticLoadBalancingV2::ListenerCertificate")
                .property("ListenerArn", Expr::reference(&logical_id::https_listener(&lb.name)))
                .property(
                    "Certificates",
                    Expr::list([Expr::map([(
                        "CertificateArn",
                        Expr::reference(&logical_id::certificate(&lb.name, Some(extra))),
                    )])]),
                )
                .context(stack.context(
                    path::load_balancer_certificate(name, extra.as_str()),
                    format!("Certificate `{extra}`, which load balancer `{name}`'s HTTPS listener serves to clients asking for its names (SNI)"),
                    State::Stateless,
                ).must([&DUPLICATE_NAME])),
        );
    }
    if lb.redirect_http {
        http_listener(stack, template, lb, &arn);
    }
}

/// An ACM certificate ARN, as `AllowedPattern` checks it before anything is created.
///
/// Source: ACM API Reference, CertificateDetail.CertificateArn
/// (`arn:<partition>:acm:<region>:<account>:certificate/<id>`).
const CERTIFICATE_ARN_PATTERN: &str = "^arn:aws[a-zA-Z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[a-zA-Z0-9-]+$";

/// The parameters of `lb`'s certificates, one per named certificate or one for the load
/// balancer; returns the default's.
fn certificates(template: &mut Template, lb: &LoadBalancer) -> LogicalId {
    let name = lb.name.as_str();
    let parameter = |template: &mut Template, certificate: Option<&Name>, description: String| {
        let id = logical_id::certificate(&lb.name, certificate);
        template.add_parameter(
            id.clone(),
            Parameter::new("String", description).allowed_pattern(
                CERTIFICATE_ARN_PATTERN,
                "an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>",
            ),
        );
        id
    };
    let Some((default, others)) = lb.certificates.split_first() else {
        return parameter(
            template,
            None,
            format!("The ARN of the ACM certificate load balancer `{name}` serves HTTPS with"),
        );
    };
    for other in others {
        parameter(
            template,
            Some(other),
            format!("The ARN of ACM certificate `{other}`, which load balancer `{name}` serves to clients asking for its names"),
        );
    }
    parameter(
        template,
        Some(default),
        format!("The ARN of ACM certificate `{default}`, load balancer `{name}`'s default for HTTPS"),
    )
}

/// The HTTP listener on 80 that redirects every request to HTTPS.
fn http_listener(stack: &Stack<'_>, template: &mut Template, lb: &LoadBalancer, arn: &Expr) {
    let name = lb.name.as_str();
    template.add_resource(
        logical_id::http_listener(&lb.name),
        Resource::new("AWS::ElasticLoadBalancingV2::Listener")
            .property("LoadBalancerArn", arn.clone())
            .property("Port", Expr::Int(HTTP_PORT.into()))
            .property("Protocol", "HTTP")
            .property(
                "DefaultActions",
                Expr::list([Expr::map([
                    ("Type", Expr::from("redirect")),
                    (
                        "RedirectConfig",
                        Expr::map([
                            ("Protocol", Expr::from("HTTPS")),
                            ("Port", Expr::from(HTTPS_PORT.to_string())),
                            ("StatusCode", Expr::from("HTTP_301")),
                        ]),
                    ),
                ])]),
            )
            .property("Tags", stack.tags(&format!("alb-{name}-http")))
            .context(
                stack
                    .context(
                        path::redirect_http(name),
                        format!("Load balancer `{name}`'s HTTP listener on {HTTP_PORT}: redirects every request to HTTPS"),
                        State::Stateless,
                    )
                    .must([&LOAD_BALANCER_LISTENER_UNREACHABLE, &LOAD_BALANCER_ACL_BLOCKS_TRAFFIC]),
            ),
    );
}

/// The HTTPS listener's rule that forwards the requests `route` matches to `target`.
fn listener_rule(
    stack: &Stack<'_>,
    template: &mut Template,
    lb: &LoadBalancer,
    target: &TargetGroup,
    route: &Route,
) {
    let name = lb.name.as_str();
    let at = target.name.as_str();
    let values = |patterns: &[String]| Expr::list(patterns.iter().map(|p| Expr::from(p.as_str())));
    let mut conditions = Vec::new();
    if !route.paths.is_empty() {
        conditions.push(Expr::map([
            ("Field", Expr::from("path-pattern")),
            ("PathPatternConfig", Expr::map([("Values", values(&route.paths))])),
        ]));
    }
    if !route.hosts.is_empty() {
        conditions.push(Expr::map([
            ("Field", Expr::from("host-header")),
            ("HostHeaderConfig", Expr::map([("Values", values(&route.hosts))])),
        ]));
    }
    let mut matched: Vec<String> = route.paths.iter().map(|p| format!("path `{p}`")).collect();
    matched.extend(route.hosts.iter().map(|h| format!("host `{h}`")));
    template.add_resource(
        logical_id::listener_rule(&lb.name, &target.name),
        Resource::new("AWS::ElasticLoadBalancingV2::ListenerRule")
            .property("ListenerArn", Expr::reference(&logical_id::https_listener(&lb.name)))
            .property("Priority", Expr::Int(i64::from(route.priority)))
            .property("Conditions", Expr::list(conditions))
            .property(
                "Actions",
                Expr::list([Expr::map([
                    ("Type", Expr::from("forward")),
                    (
                        "TargetGroupArn",
                        Expr::reference(&logical_id::target_group(&lb.name, &target.name)),
                    ),
                ])]),
            )
            .property("Tags", stack.tags(&format!("alb-{name}-{at}-rule")))
            .context(
                stack
                    .context(
                        path::route(name, at),
                        format!(
                            "Load balancer `{name}`'s HTTPS listener rule {}: requests matching {} go to target group `{at}`",
                            route.priority,
                            matched.join(" or ")
                        ),
                        State::Stateless,
                    )
                    .must([
                        &LISTENER_DEFAULT_TARGET_GROUP,
                        &INVALID_LISTENER_RULE_PRIORITY,
                        &LISTENER_RULE_CONDITION_VALUES,
                        &INVALID_ROUTE_PATTERN,
                    ]),
            ),
    );
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;
    use infra_core::model::LoadBalancing;

    use crate::intrinsic::Expr;
    use crate::testing::synth_reference as synth;

    #[test]
    fn the_load_balancer_spans_the_public_subnets_and_drops_invalid_headers() {
        let template = synth("production");
        let lb = template.resource("LoadBalancerWeb").expect("the load balancer");
        assert_eq!(lb.get("Scheme"), Some(&Expr::from("internet-facing")));
        let Some(Expr::List(subnets)) = lb.get("Subnets") else {
            panic!("subnets as a list");
        };
        assert_eq!(subnets.len(), 2);
        let Some(Expr::List(attributes)) = lb.get("LoadBalancerAttributes") else {
            panic!("attributes as a list");
        };
        assert!(attributes.iter().any(|a| {
            a.get("Key") == Some(&Expr::from("routing.http.drop_invalid_header_fields.enabled"))
                && a.get("Value") == Some(&Expr::from("true"))
        }));
        assert!(template.outputs().keys().any(|id| id.as_str() == "LoadBalancerWebDnsName"));
    }

    #[test]
    fn access_logs_go_to_the_log_bucket_after_its_policy() {
        let template = synth("production");
        let lb = template.resource("LoadBalancerWeb").expect("the load balancer");
        let Some(Expr::List(attributes)) = lb.get("LoadBalancerAttributes") else {
            panic!("attributes as a list");
        };
        let value = |key: &str| {
            attributes
                .iter()
                .find(|a| a.get("Key") == Some(&Expr::from(key)))
                .and_then(|a| a.get("Value"))
                .cloned()
        };
        assert_eq!(value("access_logs.s3.enabled"), Some(Expr::from("true")));
        assert_eq!(
            value("access_logs.s3.bucket"),
            Some(Expr::reference(&crate::storage::logical_id::bucket(&infra_core::value::Name::new_assert("access_logs"))))
        );
        assert_eq!(value("access_logs.s3.prefix"), Some(Expr::from("web")));
        assert!(lb.dependencies().iter().any(|id| id.as_str() == "BucketAccessLogsPolicy"));

        // Without access logs: no attribute and no dependency on the policy.
        let mut platform = reference_network();
        platform.load_balancer.load_balancers[0].access_logs = None;
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        let lb = template.resource("LoadBalancerWeb").expect("the load balancer");
        let text = serde_json::to_string(lb.get("LoadBalancerAttributes").expect("attributes")).unwrap_or_default();
        assert!(!text.contains("access_logs"), "{text}");
        assert!(lb.dependencies().iter().all(|id| id.as_str() != "BucketAccessLogsPolicy"));
        let policy = template.resource("BucketAccessLogsPolicy").expect("the log bucket's policy");
        let text = serde_json::to_string(policy.get("PolicyDocument").expect("a document")).unwrap_or_default();
        assert!(!text.contains("AllowLoadBalancerAccessLogDelivery"), "{text}");
    }

    #[test]
    fn the_log_delivery_principal_follows_the_region() {
        assert_eq!(
            super::log_delivery_principal("ap-northeast-1"),
            Expr::map([("AWS", Expr::from("arn:aws:iam::582318560864:root"))])
        );
        assert_eq!(
            super::log_delivery_principal("us-east-1"),
            Expr::map([("AWS", Expr::from("arn:aws:iam::127311923021:root"))])
        );
        // Regions since August 2022 (such as ap-southeast-4) and unknown ones: the service.
        for region in ["ap-southeast-4", "mx-central-1"] {
            assert_eq!(
                super::log_delivery_principal(region),
                Expr::map([("Service", Expr::from("logdelivery.elasticloadbalancing.amazonaws.com"))])
            );
        }
        let mut regions: Vec<&str> = super::ELB_LOG_ACCOUNTS.iter().map(|(region, _)| *region).collect();
        regions.sort_unstable();
        regions.dedup();
        assert_eq!(regions.len(), super::ELB_LOG_ACCOUNTS.len(), "one account per region");
        assert!(super::ELB_LOG_ACCOUNTS.iter().all(|(_, account)| account.len() == 12
            && account.bytes().all(|b| b.is_ascii_digit())));
    }

    #[test]
    fn https_with_the_policy_and_http_only_when_it_redirects() {
        use infra_core::model::AclRule;
        use infra_core::value::{AclRuleNumber, Cidr, PortRange, Traffic};
        let template = synth("production");
        let https = template
            .resource("LoadBalancerWebHttpsListener")
            .expect("the HTTPS listener");
        assert_eq!(https.get("Port"), Some(&Expr::Int(443)));
        assert_eq!(
            https.get("SslPolicy"),
            Some(&Expr::from("ELBSecurityPolicy-TLS13-1-2-2021-06"))
        );
        let certificate = template
            .parameters()
            .iter()
            .find(|(id, _)| id.as_str() == "LoadBalancerWebCertificateApiArn")
            .map(|(_, parameter)| parameter)
            .expect("the certificate parameter");
        assert_eq!(certificate.parameter_type(), "String");
        assert!(!certificate.description().is_empty());
        // The reference design serves HTTPS only, as the seed does.
        assert!(template.resource("LoadBalancerWebHttpListener").is_none());
        let mut platform = reference_network();
        platform.load_balancer.load_balancers[0].redirect_http = true;
        let alb = platform
            .network
            .security_groups
            .iter_mut()
            .find(|group| group.name.as_str() == "alb")
            .expect("the load balancer's group");
        alb.ingress[0].traffic = Traffic::All;
        let public = platform
            .network
            .acls
            .iter_mut()
            .find(|acl| acl.tier.as_str() == "public")
            .expect("the public ACL");
        public.inbound.push(AclRule::allow(
            AclRuleNumber::new_assert(120),
            Traffic::Tcp(PortRange::single(80)),
            Cidr::ANYWHERE,
        ));
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        let http = template
            .resource("LoadBalancerWebHttpListener")
            .expect("the HTTP listener");
        assert_eq!(http.get("Port"), Some(&Expr::Int(80)));
        let Some(Expr::List(actions)) = http.get("DefaultActions") else {
            panic!("actions as a list");
        };
        assert_eq!(actions[0].get("Type"), Some(&Expr::from("redirect")));
    }

    #[test]
    fn the_first_certificate_is_the_default_and_the_others_are_served_by_name() {
        let template = synth("production");
        let https = template
            .resource("LoadBalancerWebHttpsListener")
            .expect("the HTTPS listener");
        let certificate = |id: &str| Expr::list([Expr::map([("CertificateArn", Expr::Ref(id.into()))])]);
        assert_eq!(https.get("Certificates"), Some(&certificate("LoadBalancerWebCertificateApiArn")));
        let console = template
            .resource("LoadBalancerWebCertificateConsole")
            .expect("the console certificate");
        assert_eq!(console.resource_type(), "AWS::ElasticLoadBalancingV2::ListenerCertificate");
        assert_eq!(console.get("ListenerArn"), Some(&Expr::Ref("LoadBalancerWebHttpsListener".into())));
        assert_eq!(console.get("Certificates"), Some(&certificate("LoadBalancerWebCertificateConsoleArn")));
        assert_eq!(template.resources_of_type("AWS::ElasticLoadBalancingV2::ListenerCertificate").count(), 1);
        let ids: Vec<&str> = template.parameters().keys().map(|id| id.as_str()).filter(|id| id.contains("Certificate")).collect();
        assert_eq!(ids, ["LoadBalancerWebCertificateApiArn", "LoadBalancerWebCertificateConsoleArn"]);
        // Without names: one certificate, named after the load balancer.
        let mut platform = reference_network();
        platform.load_balancer.load_balancers[0].certificates.clear();
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        let https = template
            .resource("LoadBalancerWebHttpsListener")
            .expect("the HTTPS listener");
        assert_eq!(https.get("Certificates"), Some(&certificate("LoadBalancerWebCertificateArn")));
        assert_eq!(template.resources_of_type("AWS::ElasticLoadBalancingV2::ListenerCertificate").count(), 0);
    }

    #[test]
    fn the_service_registers_on_its_port_after_the_listener() {
        let template = synth("staging");
        let target = template
            .resource("TargetGroupWebApi")
            .expect("the target group");
        assert_eq!(target.get("Port"), Some(&Expr::from(8080u16)));
        assert_eq!(target.get("TargetType"), Some(&Expr::from("ip")));
        assert_eq!(target.get("HealthCheckTimeoutSeconds"), Some(&Expr::Int(5)));
        let service = template.resource("ServiceApi").expect("the api service");
        let Some(Expr::List(entries)) = service.get("LoadBalancers") else {
            panic!("load balancers as a list");
        };
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].get("ContainerPort"), Some(&Expr::from(8080u16)));
        assert!(service
            .dependencies()
            .iter()
            .any(|id| id.as_str() == "LoadBalancerWebHttpsListener"));
        // The worker serves no port and is no target.
        let worker = template.resource("ServiceWorker").expect("the worker service");
        assert_eq!(worker.get("LoadBalancers"), None);
    }

    #[test]
    fn a_routed_target_group_gets_a_listener_rule_and_the_other_stays_the_default() {
        use infra_core::model::{HealthCheck, Route, TargetGroup};
        use infra_core::value::Name;
        let mut platform = reference_network();
        let lb = &mut platform.load_balancer.load_balancers[0];
        // The routed group comes first: the default is the one without a route, not the first.
        lb.target_groups.insert(
            0,
            TargetGroup::new(
                Name::new_assert("admin"),
                Name::new_assert("api"),
                HealthCheck::new("/health", 30, 5, 2, 3),
            )
            .route(Route::new(10).path("/admin/*").host("admin.example.com")),
        );
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        let https = template.resource("LoadBalancerWebHttpsListener").expect("the listener");
        let Some(Expr::List(actions)) = https.get("DefaultActions") else {
            panic!("actions as a list");
        };
        assert_eq!(
            actions[0].get("TargetGroupArn"),
            Some(&Expr::reference(&crate::logical_id::LogicalId::new(["TargetGroupWebApi"])))
        );
        let rule = template.resource("ListenerRuleWebAdmin").expect("the listener rule");
        assert_eq!(rule.resource_type(), "AWS::ElasticLoadBalancingV2::ListenerRule");
        assert_eq!(rule.get("Priority"), Some(&Expr::Int(10)));
        let Some(Expr::List(conditions)) = rule.get("Conditions") else {
            panic!("conditions as a list");
        };
        let fields: Vec<_> = conditions.iter().filter_map(|c| c.get("Field")).collect();
        assert_eq!(fields, [&Expr::from("path-pattern"), &Expr::from("host-header")]);
        // The service registers with the routed group once its rule exists.
        let service = template.resource("ServiceApi").expect("the api service");
        let waits: Vec<&str> = service.dependencies().iter().map(|id| id.as_str()).collect();
        assert!(waits.contains(&"ListenerRuleWebAdmin"), "{waits:?}");
        assert!(waits.contains(&"LoadBalancerWebHttpsListener"), "{waits:?}");
    }

    #[test]
    fn no_load_balancer_adds_nothing() {
        let mut platform = reference_network();
        platform.load_balancer = LoadBalancing::new();
        // The monitoring section's latency alarm watches the load balancer.
        platform.monitoring.alarms.retain(|alarm| alarm.metric != infra_core::model::AlarmMetric::LoadBalancerLatency);
        // The web ACL protects the load balancer.
        platform.security.web_acls.clear();
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        assert!(template
            .resources()
            .values()
            .all(|r| !r.resource_type().starts_with("AWS::ElasticLoadBalancingV2")));
        let service = template.resource("ServiceApi").expect("the api service");
        assert_eq!(service.get("LoadBalancers"), None);
        // No listener to wait for: only the grants of the role its tasks assume.
        let waits: Vec<&str> = service.dependencies().iter().map(|id| id.as_str()).collect();
        assert_eq!(waits, ["ServiceApiTaskPolicy", "RedisMainClientPolicy"]);
    }
}
