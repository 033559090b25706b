//! The `network { ... }` section: the VPC, tiers, endpoints and flow logs.

use std::str::FromStr;

use infra_core::model::{
    path, Acknowledgement, FlowLogTraffic, FlowLogs, GatewayEndpoint, NatGateways, Network, PerEnv,
    SubnetTier, TierRole,
};
use infra_core::value::{parse_days, Cidr, RetentionDays, Zone};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, bracketed, Ident, LitInt, LitStr, Token};

use super::attributes::{acknowledge, attributes, misplaced};
use super::firewall::{network_acl, security_group};
use super::per_env::per_env;
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
    let mut nat_gateways: Option<PerEnv<NatGateways>> = None;
    while !input.is_empty() {
        let allows = attributes(input)?;
        let key = keyword(input, "network item", kw::NETWORK_KEYS)?;
        let key_name = key.to_string();
        if !allows.is_empty() && key_name != kw::SECURITY_GROUP && key_name != kw::NETWORK_ACL {
            return misplaced(&allows);
        }
        match key_name.as_str() {
            kw::VPC => {
                once(&vpc, &key)?;
                input.parse::<Token![:]>()?;
                vpc = Some(per_env(input, cx, &path::vpc(), cidr)?);
            }
            kw::NAT_GATEWAYS => {
                once(&nat_gateways, &key)?;
                input.parse::<Token![:]>()?;
                nat_gateways = Some(per_env(input, cx, &path::nat_gateways(), |s, cx, at| {
                    let ident = s.call(Ident::parse_any)?;
                    cx.span(at, ident.span());
                    Ok(
                        match choice(&ident, "NAT gateway setting", kw::NAT_STRATEGIES)? {
                            kw::ONE_PER_ZONE => NatGateways::OnePerZone,
                            kw::SHARED => NatGateways::Shared,
                            _ => NatGateways::None,
                        },
                    )
                })?);
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
    network.flow_logs = flow_logs;
    if let Some(nat_gateways) = nat_gateways {
        network.nat_gateways = nat_gateways;
    }
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
        let zone_text = zone_lit.value();
        let zone = cx.value(
            Zone::from_str(&zone_text),
            path::subnet(&tier_name, &zone_text),
            zone_lit.span(),
            || Zone::new_assert("xx-invalid-1a"),
        );
        let cidr_path = path::subnet_cidr(&tier_name, zone.as_str());
        let block = per_env(&content, cx, &cidr_path, cidr)?;
        tier = tier.subnet(zone, block);
        separator(&content)?;
    }
    Ok(tier)
}

/// A CIDR block written as a string, at `at`.
fn cidr(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<Cidr> {
    let lit: LitStr = input.parse()?;
    Ok(cx.value(Cidr::new(&lit.value()), at, lit.span(), || {
        Cidr::new_assert("10.0.0.0/24")
    }))
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
            retention = Some(per_env(
                &content,
                cx,
                &path::flow_logs_retention(),
                |s, cx, at| {
                    let lit: LitInt = s.parse()?;
                    let text = format!("{}{}", lit.base10_digits(), lit.suffix());
                    let days = parse_days(&text).and_then(RetentionDays::new);
                    let stand_in = || RetentionDays::new_assert(30);
                    Ok(cx.value(days, at, lit.span(), stand_in))
                },
            )?);
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
