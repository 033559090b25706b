//! The `network { ... }` section: the VPC, tiers, endpoints and flow logs.

use std::str::FromStr;

use infra_core::model::{
    path, Acknowledgement, FlowLogTraffic, FlowLogs, GatewayEndpoint, InterfaceEndpoints,
    NatGateways, Network, PerEnv, SubnetTier, TierRole,
};
use infra_core::value::{parse_days, Cidr, EndpointService, RetentionDays, Zone};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, bracketed, Ident, Token};

use super::firewall::{network_acl, security_group};
use super::keyword::{
    EndpointWord, FlowLogKey, FlowLogTrafficWord, InterfaceEndpointKey, NatWord, NetworkKey,
    TierRoleWord,
};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, attributes, Allow};
use crate::parse::per_env::per_env;
use crate::parse::syntax::*;
use crate::parse::STAND_IN_ZONE;

/// The network section's body; `None` when it lacks its VPC (an error is then recorded at `at`,
/// the `network` key).
pub(super) fn network(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
) -> Option<Network> {
    let mut vpc = None;
    let mut tiers = Vec::new();
    let mut groups = Vec::new();
    let mut acls = Vec::new();
    let mut endpoints: Option<Vec<GatewayEndpoint>> = None;
    let mut flow_logs = None;
    let mut vpc_written = false;
    let mut interface = Vec::new();
    let mut nat_gateways: Option<PerEnv<NatGateways>> = None;
    entries(input, cx, NetworkKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (item, key) = crate::parse::syntax::key::<NetworkKey>(input)?;
        vpc_written |= item == NetworkKey::Vpc;
        let allows = placed(cx, allows, item);
        match item {
            NetworkKey::Vpc => {
                once(&vpc, &key)?;
                input.parse::<Token![:]>()?;
                vpc = Some(per_env(input, cx, &path::vpc(), cidr)?);
            }
            NetworkKey::NatGateways => {
                once(&nat_gateways, &key)?;
                input.parse::<Token![:]>()?;
                nat_gateways = Some(per_env(input, cx, &path::nat_gateways(), |s, cx, at| {
                    let ident = s.call(Ident::parse_any)?;
                    cx.span(at, ident.span());
                    Ok(match word::<NatWord>(&ident)? {
                        NatWord::OnePerZone => NatGateways::OnePerZone,
                        NatWord::Shared => NatGateways::Shared,
                        NatWord::None => NatGateways::None,
                    })
                })?);
            }
            NetworkKey::Subnets => {
                let content;
                braced!(content in input);
                entries(&content, cx, TierRoleWord::ALL, |content, cx| {
                    tiers.push(tier(content, cx, acks)?);
                    separator(content)
                });
            }
            NetworkKey::SecurityGroup => groups.push(security_group(input, cx, acks, allows)?),
            NetworkKey::NetworkAcl => {
                acls.push(network_acl(input, cx, acks, allows, vpc.as_ref())?);
            }
            NetworkKey::GatewayEndpoints => {
                once(&endpoints, &key)?;
                input.parse::<Token![:]>()?;
                let list;
                bracketed!(list in input);
                let mut parsed = Vec::new();
                entries(&list, cx, &[], |list, cx| {
                    let ident = list.call(Ident::parse_any)?;
                    cx.span(path::endpoint(parsed.len()), ident.span());
                    parsed.push(match word::<EndpointWord>(&ident)? {
                        EndpointWord::S3 => GatewayEndpoint::S3,
                        EndpointWord::Dynamodb => GatewayEndpoint::DynamoDb,
                    });
                    if !list.is_empty() {
                        list.parse::<Token![,]>()?;
                    }
                    Ok(())
                });
                endpoints = Some(parsed);
            }
            NetworkKey::InterfaceEndpoints => {
                let idx = interface.len();
                cx.span(path::interface_endpoints(idx), key.span());
                acknowledge(acks, cx, allows, path::interface_endpoints(idx));
                if let Some(endpoints) = interface_endpoints(input, cx, idx, key.span())? {
                    interface.push(endpoints);
                }
            }
            NetworkKey::FlowLogs => {
                once(&flow_logs, &key)?;
                cx.span(path::flow_logs(), key.span());
                let content;
                braced!(content in input);
                flow_logs = Some(flow_log_settings(&content, cx, key.span()));
            }
        }
        separator(input)
    });
    let Some(vpc) = vpc else {
        if !vpc_written {
            cx.error(missing(
                at,
                "the network needs `vpc: \"10.0.0.0/16\"` (its IPv4 block)",
            ));
        }
        return None;
    };
    let mut network = Network::new(vpc);
    network.tiers = tiers;
    network.security_groups = groups;
    network.acls = acls;
    network.endpoints = endpoints.unwrap_or_default();
    network.interface_endpoints = interface;
    network.flow_logs = flow_logs.flatten();
    if let Some(nat_gateways) = nat_gateways {
        network.nat_gateways = nat_gateways;
    }
    Some(network)
}

/// The network items that accept `#[allow(...)]` before them (a tier takes it inside `subnets`).
pub(super) const ACKNOWLEDGEABLE: &[NetworkKey] = &[
    NetworkKey::SecurityGroup,
    NetworkKey::NetworkAcl,
    NetworkKey::InterfaceEndpoints,
];

/// `allows`, if `item` accepts them; else an error is recorded and none are kept.
fn placed(cx: &mut Cx, allows: Vec<Allow>, item: NetworkKey) -> Vec<Allow> {
    if allows.is_empty() || ACKNOWLEDGEABLE.contains(&item) {
        return allows;
    }
    cx.error(crate::parse::attributes::misplaced(&allows));
    Vec::new()
}

/// `public { "zone": "cidr", ... }`, `private app { ... }`, `isolated database { ... }`.
pub(super) fn tier(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> syn::Result<SubnetTier> {
    let allows = attributes(input, cx)?;
    let (role, role_ident) = key::<TierRoleWord>(input)?;
    let role = match role {
        TierRoleWord::Public => TierRole::Public,
        TierRoleWord::Private => TierRole::Private,
        TierRoleWord::Isolated => TierRole::Isolated,
    };
    let name_ident = if input.peek(Ident::peek_any) {
        input.call(Ident::parse_any)?
    } else {
        role_ident
    };
    let name = ident_name(cx, &name_ident, path::tier);
    let tier_name = name.as_str().to_owned();
    acknowledge(acks, cx, allows, path::tier(&tier_name));
    let mut subnets = Vec::new();
    let content;
    braced!(content in input);
    entries(&content, cx, &[], |content, cx| {
        let zone_lit = string(content, cx)?;
        content.parse::<Token![:]>()?;
        let zone_text = zone_lit.value();
        let zone = cx.value(
            Zone::from_str(&zone_text),
            path::subnet(&tier_name, &zone_text),
            zone_lit.span(),
            || STAND_IN_ZONE,
        );
        if zone.as_str() != zone_text {
            // The model keys this subnet by the stand-in zone.
            cx.stand_in_at(path::subnet(&tier_name, zone.as_str()));
        }
        let block = per_env(
            content,
            cx,
            &path::subnet_cidr(&tier_name, &zone_text),
            cidr,
        )?;
        subnets.push((zone, block));
        separator(content)
    });
    let tier = SubnetTier::new(name, role);
    Ok(subnets
        .into_iter()
        .fold(tier, |tier, (zone, cidr)| tier.subnet(zone, cidr)))
}

/// A CIDR block written as a string, at `at`.
fn cidr(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<Cidr> {
    let lit = string(input, cx)?;
    Ok(cx.value(Cidr::new(&lit.value()), at, lit.span(), || {
        Cidr::new_assert("10.0.0.0/24")
    }))
}

/// `{ retention: 30d, traffic: all, kms_key: logs }`; `None` without a retention (an error is then recorded at
/// `at`, the `flow_logs` key).
pub(super) fn flow_log_settings(input: ParseStream, cx: &mut Cx, at: Span) -> Option<FlowLogs> {
    let mut retention = None;
    let mut traffic = None;
    let mut kms_key = None;
    let mut retention_written = false;
    entries(input, cx, FlowLogKey::ALL, |input, cx| {
        let (field, key) = crate::parse::syntax::key::<FlowLogKey>(input)?;
        retention_written |= field == FlowLogKey::Retention;
        input.parse::<Token![:]>()?;
        if let FlowLogKey::Retention = field {
            once(&retention, &key)?;
            retention = Some(per_env(
                input,
                cx,
                &path::flow_logs_retention(),
                |input, cx, at| {
                    let days = integer_with_suffix(input)?;
                    let sign = if days.negative { "-" } else { "" };
                    let mut text =
                        format!("{sign}{}{}", days.lit.base10_digits(), days.lit.suffix());
                    let mut end = days.end();
                    // A unit written apart (`30 days`) is part of the duration, not the next
                    // field: one error for both tokens.
                    if days.lit.suffix().is_empty() && input.peek(Ident::peek_any) {
                        let unit = input.call(Ident::parse_any)?;
                        text = format!("{text} {unit}");
                        end = unit.span();
                    }
                    let parsed = parse_days(&text).and_then(RetentionDays::new);
                    let stand_in = || RetentionDays::new_assert(30);
                    Ok(cx.value_range(parsed, at, days.start, end, stand_in))
                },
            )?);
        } else if let FlowLogKey::KmsKey = field {
            kms_key = Some(name_field(input, cx, &kms_key, &key, path::flow_logs_kms_key())?);
        } else {
            once(&traffic, &key)?;
            let ident = input.call(Ident::parse_any)?;
            traffic = Some(match word::<FlowLogTrafficWord>(&ident)? {
                FlowLogTrafficWord::All => FlowLogTraffic::All,
                FlowLogTrafficWord::Accept => FlowLogTraffic::Accept,
                FlowLogTrafficWord::Reject => FlowLogTraffic::Reject,
            });
        }
        separator(input)
    });
    let Some(retention) = retention else {
        if !retention_written {
            cx.error(missing(
                at,
                "flow logs need `retention: <days>d`, for example `retention: 30d`",
            ));
        }
        return None;
    };
    let mut flow_logs = FlowLogs::new(retention);
    flow_logs.traffic = traffic.unwrap_or(FlowLogTraffic::All);
    flow_logs.kms_key = kms_key;
    Some(flow_logs)
}

/// `{ tier: private, services: [ecr.api, ecr.dkr, logs] }`; `None` when a field is missing (an
/// error is then recorded at `at`, the `interface_endpoints` key).
fn interface_endpoints(
    input: ParseStream,
    cx: &mut Cx,
    idx: usize,
    at: Span,
) -> syn::Result<Option<InterfaceEndpoints>> {
    let content;
    braced!(content in input);
    let mut tier = None;
    let mut services = None;
    entries(&content, cx, InterfaceEndpointKey::ALL, |content, cx| {
        let (field, key) = crate::parse::syntax::key::<InterfaceEndpointKey>(content)?;
        content.parse::<Token![:]>()?;
        if let InterfaceEndpointKey::Tier = field {
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
            entries(&list, cx, &[], |list, cx| {
                let at = path::interface_endpoint_service(idx, parsed.len());
                parsed.push(endpoint_service(list, cx, at)?);
                if !list.is_empty() {
                    list.parse::<Token![,]>()?;
                }
                Ok(())
            });
            services = Some(parsed);
        }
        separator(content)
    });
    let (Some(tier), Some(services)) = (tier, services) else {
        cx.error(missing(
            at,
            "interface endpoints need `tier: <tier>` and `services: [...]`, for example `{ tier: private, services: [ecr.api, logs] }`",
        ));
        return Ok(None);
    };
    Ok(Some(services.into_iter().fold(
        InterfaceEndpoints::new(tier),
        InterfaceEndpoints::service,
    )))
}

/// `ecr.api`, `execute-api` or `"ecr.api"`: the service part of `com.amazonaws.<region>.<service>`.
fn endpoint_service(
    input: ParseStream,
    cx: &mut Cx,
    at: infra_core::ModelPath,
) -> syn::Result<EndpointService> {
    let (text, start, end) = if input.peek(syn::LitStr) {
        let lit = string(input, cx)?;
        (lit.value(), lit.span(), lit.span())
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
        (text, first.span(), last)
    };
    let stand_in = || EndpointService::new_assert("invalid");
    Ok(cx.value_range(text.parse(), at, start, end, stand_in))
}
