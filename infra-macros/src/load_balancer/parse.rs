//! The `load_balancer { ... }` section: Application Load Balancers.
//!
//! ```text
//! load_balancer {
//!     alb web {
//!         scheme: internet_facing,
//!         tier: public,
//!         security_groups: [alb],
//!         ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
//!         // Optional: an HTTP listener on 80 that redirects to HTTPS.
//!         redirect_http: true,
//!         // Optional: access logs to a storage bucket of the design (SSE-S3), under `web/`.
//!         access_logs: access_logs,
//!         // Optional: the certificates by name (template parameters), the first the default.
//!         certificates: [api, console],
//!         target_group api {
//!             service: api,
//!             health_check: { path: "/health", interval: 30s, timeout: 5s, healthy: 2, unhealthy: 3 },
//!         },
//!         // The one target group without a route is the listener's default.
//!         target_group admin {
//!             service: admin,
//!             route: { priority: 10, paths: ["/admin/*"], hosts: ["admin.example.com"] },
//!             health_check: { path: "/health", interval: 30s, timeout: 5s, healthy: 2, unhealthy: 3 },
//!         },
//!     }
//! }
//! ```

use infra_core::model::{
    path, Acknowledgement, HealthCheck, LoadBalancer, LoadBalancing, Route, Scheme, TargetGroup,
};
use infra_core::value::{parse_seconds, Name};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, bracketed, Ident, Token};

use super::keyword::{AlbKey, HealthKey, RouteKey, SchemeKey, SectionKey, TargetKey};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, attributes};
use crate::parse::syntax::*;

/// The section's body.
pub(super) fn load_balancing(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> LoadBalancing {
    let mut section = LoadBalancing::new();
    entries(input, cx, SectionKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (item, _) = key::<SectionKey>(input)?;
        match item {
            SectionKey::Alb => {
                let ident = input.call(Ident::parse_any)?;
                let name = ident_name(cx, &ident, path::load_balancer);
                acknowledge(acks, cx, allows, path::load_balancer(name.as_str()));
                let content;
                braced!(content in input);
                if let Some(lb) = alb(&content, cx, name, ident.span()) {
                    section.load_balancers.push(lb);
                }
            }
        }
        separator(input)
    });
    section
}

/// A load balancer's body; `None` without one of its required fields (an error is then
/// recorded at `at`, the name).
fn alb(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> Option<LoadBalancer> {
    let lb = name.as_str().to_owned();
    let mut scheme = None;
    let mut tier = None;
    let mut groups: Option<Vec<Name>> = None;
    let mut policy: Option<String> = None;
    let mut redirect_http: Option<bool> = None;
    let mut access_logs: Option<Name> = None;
    let mut certificates: Option<Vec<Name>> = None;
    let mut targets = Vec::new();
    let mut written = Vec::new();
    entries(input, cx, AlbKey::ALL, |input, cx| {
        let (field, key) = key::<AlbKey>(input)?;
        written.push(field);
        match field {
            AlbKey::Scheme => {
                once(&scheme, &key)?;
                input.parse::<Token![:]>()?;
                let ident = input.call(Ident::parse_any)?;
                cx.span(path::load_balancer_scheme(&lb), ident.span());
                scheme = Some(match word::<SchemeKey>(&ident)? {
                    SchemeKey::InternetFacing => Scheme::InternetFacing,
                    SchemeKey::Internal => Scheme::Internal,
                });
            }
            AlbKey::Tier => {
                input.parse::<Token![:]>()?;
                tier = Some(name_ref(input, cx, &tier, &key, path::load_balancer_tier(&lb))?);
            }
            AlbKey::SecurityGroups => {
                once(&groups, &key)?;
                input.parse::<Token![:]>()?;
                groups = Some(names(input, cx, |idx| path::load_balancer_security_group(&lb, idx))?);
            }
            AlbKey::SslPolicy => {
                let lit = string_field(input, cx, &policy, &key)?;
                cx.span(path::ssl_policy(&lb), lit.span());
                policy = Some(lit.value());
            }
            AlbKey::RedirectHttp => {
                once(&redirect_http, &key)?;
                input.parse::<Token![:]>()?;
                redirect_http = Some(flag(input, cx, path::redirect_http(&lb))?);
            }
            AlbKey::AccessLogs => {
                input.parse::<Token![:]>()?;
                access_logs = Some(name_ref(input, cx, &access_logs, &key, path::load_balancer_access_logs(&lb))?);
            }
            AlbKey::Certificates => {
                once(&certificates, &key)?;
                input.parse::<Token![:]>()?;
                let content;
                bracketed!(content in input);
                let idents = content.parse_terminated(Ident::parse_any, Token![,])?;
                certificates = Some(
                    idents
                        .iter()
                        .map(|ident| {
                            ident_name(cx, ident, |name| path::load_balancer_certificate(&lb, name))
                        })
                        .collect(),
                );
            }
            AlbKey::TargetGroup => {
                let ident = input.call(Ident::parse_any)?;
                let target = ident_name(cx, &ident, |at| path::target_group(&lb, at));
                let content;
                braced!(content in input);
                if let Some(group) = target_group(&content, cx, &lb, target, ident.span()) {
                    targets.push(group);
                }
            }
        }
        separator(input)
    });
    let (Some(scheme), Some(tier), Some(policy)) = (scheme, tier, policy) else {
        let required = [AlbKey::Scheme, AlbKey::Tier, AlbKey::SslPolicy];
        report_missing(cx, at, "a load balancer", &required, &written);
        return None;
    };
    let mut balancer = LoadBalancer::new(name, scheme, tier, groups.unwrap_or_default(), policy);
    balancer.redirect_http = redirect_http.unwrap_or(false);
    balancer.access_logs = access_logs;
    balancer.certificates = certificates.unwrap_or_default();
    balancer.target_groups = targets;
    Some(balancer)
}

/// A target group's body; `None` without its service or health check.
fn target_group(
    input: ParseStream,
    cx: &mut Cx,
    lb: &str,
    name: Name,
    at: Span,
) -> Option<TargetGroup> {
    let target = name.as_str().to_owned();
    let mut service = None;
    let mut check = None;
    let mut route = None;
    let mut written = 0;
    entries(input, cx, TargetKey::ALL, |input, cx| {
        let (field, key) = key::<TargetKey>(input)?;
        input.parse::<Token![:]>()?;
        match field {
            TargetKey::Service => {
                once(&service, &key)?;
                written += 1;
                let ident = input.call(Ident::parse_any)?;
                service = Some(ident_name(cx, &ident, |_| path::target_service(lb, &target)));
            }
            TargetKey::HealthCheck => {
                once(&check, &key)?;
                written += 1;
                check = Some(health_check(input, cx, lb, &target)?);
            }
            TargetKey::Route => {
                once(&route, &key)?;
                route = Some(route_body(input, cx, lb, &target)?);
            }
        }
        separator(input)
    });
    let (Some(service), Some(check)) = (service, check) else {
        if written < 2 {
            cx.error(missing(at, "a target group needs `service` and `health_check`"));
        }
        return None;
    };
    let group = TargetGroup::new(name, service, check);
    Some(match route {
        Some(route) => group.route(route),
        None => group,
    })
}

/// `{ priority: 10, paths: ["/admin/*"], hosts: ["admin.example.com"] }`, recorded from brace to
/// brace, the priority and each pattern at its own token.
fn route_body(input: ParseStream, cx: &mut Cx, lb: &str, target: &str) -> syn::Result<Route> {
    let content;
    let brace = braced!(content in input);
    cx.span_range(path::route(lb, target), brace.span.open(), brace.span.close());
    let mut priority: Option<u32> = None;
    let mut paths: Option<Vec<String>> = None;
    let mut hosts: Option<Vec<String>> = None;
    entries(&content, cx, RouteKey::ALL, |content, cx| {
        let (field, key) = key::<RouteKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            RouteKey::Priority => {
                once(&priority, &key)?;
                let number = integer(content, cx, "a priority")?;
                cx.span_range(path::route_priority(lb, target), number.start, number.end());
                priority = Some(u32::try_from(number.value().max(0)).unwrap_or(u32::MAX));
            }
            RouteKey::Paths => {
                once(&paths, &key)?;
                paths = Some(patterns(content, cx, |idx| path::route_path(lb, target, idx))?);
            }
            RouteKey::Hosts => {
                once(&hosts, &key)?;
                hosts = Some(patterns(content, cx, |idx| path::route_host(lb, target, idx))?);
            }
        }
        separator(content)
    });
    let Some(priority) = priority else {
        return Err(missing(
            brace.span.join(),
            "a route needs a `priority` (1-50000, the lowest evaluated first), for example `{ priority: 10, paths: [\"/admin/*\"] }`",
        ));
    };
    let mut route = Route::new(priority);
    route.paths = paths.unwrap_or_default();
    route.hosts = hosts.unwrap_or_default();
    Ok(route)
}

/// `["/admin/*", ...]`: string patterns, each recorded at `at(index)`.
fn patterns(
    input: ParseStream,
    cx: &mut Cx,
    at: impl Fn(usize) -> infra_core::ModelPath,
) -> syn::Result<Vec<String>> {
    let list;
    syn::bracketed!(list in input);
    let mut parsed = Vec::new();
    entries(&list, cx, &[], |list, cx| {
        let lit = string(list, cx)?;
        cx.span(at(parsed.len()), lit.span());
        parsed.push(lit.value());
        separator(list)
    });
    Ok(parsed)
}

/// `{ path: "/health", interval: 30s, timeout: 5s, healthy: 2, unhealthy: 3 }`, recorded from
/// brace to brace, each number at its own token.
fn health_check(
    input: ParseStream,
    cx: &mut Cx,
    lb: &str,
    target: &str,
) -> syn::Result<HealthCheck> {
    let at = path::health_check(lb, target);
    let content;
    let brace = braced!(content in input);
    cx.span_range(at.clone(), brace.span.open(), brace.span.close());
    let mut check_path: Option<String> = None;
    let mut numbers: [Option<u32>; 4] = [None; 4];
    entries(&content, cx, HealthKey::ALL, |content, cx| {
        let (field, key) = key::<HealthKey>(content)?;
        let slot = match field {
            HealthKey::Path => {
                let lit = string_field(content, cx, &check_path, &key)?;
                check_path = Some(lit.value());
                return separator(content);
            }
            HealthKey::Interval => 0,
            HealthKey::Timeout => 1,
            HealthKey::Healthy => 2,
            HealthKey::Unhealthy => 3,
        };
        once(&numbers[slot], &key)?;
        content.parse::<Token![:]>()?;
        let field_at = path::health_check_field(lb, target, field.as_str());
        numbers[slot] = Some(if slot < 2 {
            let number = integer_with_suffix(content)?;
            let sign = if number.negative { "-" } else { "" };
            let text = format!("{sign}{}{}", number.lit.base10_digits(), number.lit.suffix());
            cx.value_range(parse_seconds(&text), field_at, number.start, number.end(), || 30)
        } else {
            let number = integer(content, cx, "a threshold")?;
            cx.span_range(field_at, number.start, number.end());
            u32::try_from(number.value().max(0)).unwrap_or(u32::MAX)
        });
        separator(content)
    });
    let (Some(check_path), [Some(interval), Some(timeout), Some(healthy), Some(unhealthy)]) =
        (check_path, numbers)
    else {
        return Err(missing(
            brace.span.join(),
            "a health check needs `path`, `interval`, `timeout`, `healthy` and `unhealthy`, for example `{ path: \"/health\", interval: 30s, timeout: 5s, healthy: 2, unhealthy: 3 }`",
        ));
    };
    Ok(HealthCheck::new(check_path, interval, timeout, healthy, unhealthy))
}

