//! The `network { ... }` section: the VPC, tiers, endpoints and flow logs.

use std::str::FromStr;

use infra_core::model::{
    path, Acknowledgement, FlowLogTraffic, FlowLogs, GatewayEndpoint, InterfaceEndpoints, Network,
    SubnetTier, TierRole,
};
use infra_core::value::{parse_days, Cidr, EndpointService, RetentionDays, Zone};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, bracketed, Ident, LitInt, LitStr, Token};

use super::attributes::{acknowledge, attributes, misplaced};
use super::firewall::{network_acl, security_group};
use super::syntax::*;
use crate::cx::Cx;
use crate::keyword as kw;

pub(super) fn network(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> syn::Result<Network> {
    let mut vpc = None;
    let mut tiers = Vec::new();
    let mut groups = Vec::new();
    let mut acls = Vec::new();
    let mut endpoints: Option<Vec<GatewayEndpoint>> = None;
    let mut flow_logs = None;
    let mut interface = Vec::new();
    while !input.is_empty() {
        let allows = attributes(input)?;
        let key = keyword(input, "network item", kw::NETWORK_KEYS)?;
        let key_name = key.to_string();
        let acknowledgeable = [kw::SECURITY_GROUP, kw::NETWORK_ACL, kw::INTERFACE_ENDPOINTS];
        if !allows.is_empty() && !acknowledgeable.contains(&key_name.as_str()) {
            return misplaced(&allows);
        }
        match key_name.as_str() {
            kw::VPC => {
                let lit = string_field(input, &vpc, &key)?;
                vpc = Some(
                    cx.value(Cidr::new(&lit.value()), path::vpc(), lit.span(), || {
                        Cidr::new_assert("10.0.0.0/16")
                    }),
                );
            }
            kw::SUBNETS => {
                let content;
                braced!(content in input);
                while !content.is_empty() {
                    tiers.push(tier(&content, cx, acks)?);
                    separator(&content)?;
                }
            }
            kw::SECURITY_GROUP => groups.push(security_group(input, cx, acks, allows)?),
            kw::NETWORK_ACL => acls.push(network_acl(input, cx, acks, allows)?),
            kw::GATEWAY_ENDPOINTS => {
                once(&endpoints, &key)?;
                input.parse::<Token![:]>()?;
                let list;
                bracketed!(list in input);
                let idents = list.parse_terminated(Ident::parse_any, Token![,])?;
                let mut parsed = Vec::new();
                for (idx, ident) in idents.iter().enumerate() {
                    cx.span(path::endpoint(idx), ident.span());
                    parsed.push(match choice(ident, "gateway endpoint", kw::ENDPOINTS)? {
                        kw::S3 => GatewayEndpoint::S3,
                        _ => GatewayEndpoint::DynamoDb,
                    });
                }
                endpoints = Some(parsed);
            }
            kw::INTERFACE_ENDPOINTS => {
                let idx = interface.len();
                cx.span(path::interface_endpoints(idx), key.span());
                acknowledge(acks, cx, allows, path::interface_endpoints(idx));
                interface.push(interface_endpoints(input, cx, idx)?);
            }
            _ => {
                once(&flow_logs, &key)?;
                cx.span(path::flow_logs(), key.span());
                flow_logs = Some(flow_log_settings(input, cx)?);
            }
        }
        separator(input)?;
    }
    let vpc = vpc.ok_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            "the network needs `vpc: \"10.0.0.0/16\"` (its IPv4 block)",
        )
    })?;
    let mut network = Network::new(vpc);
    network.tiers = tiers;
    network.security_groups = groups;
    network.acls = acls;
    network.endpoints = endpoints.unwrap_or_default();
    network.interface_endpoints = interface;
    network.flow_logs = flow_logs;
    Ok(network)
}

/// `public { "zone": "cidr", ... }`, `private app { ... }`, `isolated database { ... }`.
pub(super) fn tier(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> syn::Result<SubnetTier> {
    let allows = attributes(input)?;
    let role_ident = keyword(input, "tier role", kw::TIER_ROLES)?;
    let role = match role_ident.to_string().as_str() {
        kw::PUBLIC => TierRole::Public,
        kw::PRIVATE => TierRole::Private,
        _ => TierRole::Isolated,
    };
    let name_ident = if input.peek(Ident::peek_any) {
        input.call(Ident::parse_any)?
    } else {
        role_ident
    };
    let name = ident_name(cx, &name_ident, path::tier);
    let tier_name = name.as_str().to_owned();
    acknowledge(acks, cx, allows, path::tier(&tier_name));
    let mut tier = SubnetTier::new(name, role);
    let content;
    braced!(content in input);
    while !content.is_empty() {
        let zone_lit: LitStr = content.parse()?;
        content.parse::<Token![:]>()?;
        let cidr_lit: LitStr = content.parse()?;
        let zone_text = zone_lit.value();
        let zone = cx.value(
            Zone::from_str(&zone_text),
            path::subnet(&tier_name, &zone_text),
            zone_lit.span(),
            || Zone::new_assert("xx-invalid-1a"),
        );
        let cidr_path = path::subnet_cidr(&tier_name, zone.as_str());
        let cidr = cx.value(
            Cidr::new(&cidr_lit.value()),
            cidr_path,
            cidr_lit.span(),
            || Cidr::new_assert("10.0.0.0/24"),
        );
        tier = tier.subnet(zone, cidr);
        separator(&content)?;
    }
    Ok(tier)
}

/// `{ retention: 30d, traffic: all }`
pub(super) fn flow_log_settings(input: ParseStream, cx: &mut Cx) -> syn::Result<FlowLogs> {
    let content;
    braced!(content in input);
    let mut retention = None;
    let mut traffic = None;
    while !content.is_empty() {
        let key = keyword(&content, "flow log field", kw::FLOW_LOG_KEYS)?;
        content.parse::<Token![:]>()?;
        if key == kw::RETENTION {
            once(&retention, &key)?;
            let lit: LitInt = content.parse()?;
            let text = format!("{}{}", lit.base10_digits(), lit.suffix());
            let days = parse_days(&text).and_then(RetentionDays::new);
            let stand_in = || RetentionDays::new_assert(30);
            retention = Some(cx.value(days, path::flow_logs_retention(), lit.span(), stand_in));
        } else {
            once(&traffic, &key)?;
            let ident = content.call(Ident::parse_any)?;
            traffic = Some(
                match choice(&ident, "flow log traffic", kw::FLOW_LOG_TRAFFIC)? {
                    kw::ALL => FlowLogTraffic::All,
                    kw::ACCEPT => FlowLogTraffic::Accept,
                    _ => FlowLogTraffic::Reject,
                },
            );
        }
        separator(&content)?;
    }
    let retention = retention.ok_or_else(|| {
        content.error("flow logs need `retention: <days>d`, for example `retention: 30d`")
    })?;
    let mut flow_logs = FlowLogs::new(retention);
    flow_logs.traffic = traffic.unwrap_or(FlowLogTraffic::All);
    Ok(flow_logs)
}

/// `{ tier: private, services: [ecr.api, ecr.dkr, logs] }`
fn interface_endpoints(
    input: ParseStream,
    cx: &mut Cx,
    idx: usize,
) -> syn::Result<InterfaceEndpoints> {
    let content;
    braced!(content in input);
    let mut tier = None;
    let mut services = None;
    while !content.is_empty() {
        let key = keyword(
            &content,
            "interface endpoints field",
            kw::INTERFACE_ENDPOINT_KEYS,
        )?;
        content.parse::<Token![:]>()?;
        if key == kw::TIER {
            once(&tier, &key)?;
            let ident = content.call(Ident::parse_any)?;
            tier = Some(ident_name(cx, &ident, |_| {
                path::interface_endpoints_tier(idx)
            }));
        } else {
            once(&services, &key)?;
            let list;
            bracketed!(list in content);
            let mut parsed = Vec::new();
            while !list.is_empty() {
                let at = path::interface_endpoint_service(idx, parsed.len());
                parsed.push(endpoint_service(&list, cx, at)?);
                if !list.is_empty() {
                    list.parse::<Token![,]>()?;
                }
            }
            services = Some(parsed);
        }
        separator(&content)?;
    }
    let tier = tier.ok_or_else(|| {
        content.error("interface endpoints need `tier: <tier>`, the tier whose subnets hold them")
    })?;
    let services = services.ok_or_else(|| {
        content.error(
            "interface endpoints need `services: [...]`, for example `services: [ecr.api, logs]`",
        )
    })?;
    Ok(services
        .into_iter()
        .fold(InterfaceEndpoints::new(tier), InterfaceEndpoints::service))
}

/// `ecr.api`, `execute-api` or `"ecr.api"`: the service part of `com.amazonaws.<region>.<service>`.
fn endpoint_service(
    input: ParseStream,
    cx: &mut Cx,
    at: infra_core::ModelPath,
) -> syn::Result<EndpointService> {
    let (text, span) = if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        (lit.value(), lit.span())
    } else {
        let first = input.call(Ident::parse_any)?;
        let mut text = unraw(&first);
        let mut last = first.span();
        while input.peek(Token![.]) || input.peek(Token![-]) {
            if input.peek(Token![.]) {
                input.parse::<Token![.]>()?;
                text.push('.');
            } else {
                input.parse::<Token![-]>()?;
                text.push('-');
            }
            let word = input.call(Ident::parse_any)?;
            text.push_str(&unraw(&word));
            last = word.span();
        }
        (text, first.span().join(last).unwrap_or(first.span()))
    };
    let stand_in = || EndpointService::new_assert("invalid");
    Ok(cx.value(text.parse(), at, span, stand_in))
}
