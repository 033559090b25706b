//! Reads the DSL into an `infra_core` model, recording the span of every model path.
//!
//! Syntax errors stop parsing (there is no telling what the tokens after one mean); values are
//! checked by `infra_core`'s own constructors, and a rejected value is recorded and replaced by a
//! stand-in so that the rest of the design is still checked.

use std::str::FromStr;

use infra_core::model::{
    path, Acknowledgement, AclAction, AclRule, Direction, Environment, FlowLogTraffic, FlowLogs,
    GatewayEndpoint, Network, NetworkAcl, Peer, Platform, SecurityGroup, SecurityGroupRule,
    SubnetTier, TierRole,
};
use infra_core::rules::suggest::did_you_mean;
use infra_core::value::{
    parse_days, AclRuleNumber, Cidr, Name, PortRange, Region, RetentionDays, Traffic, Zone,
};
use infra_core::ModelPath;
use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, parenthesized, Ident, LitBool, LitInt, LitStr, Token};

use crate::cx::Cx;
use crate::keyword as kw;

/// Parses a whole `platform! { ... }` body.
pub fn parse(input: TokenStream, cx: &mut Cx) -> syn::Result<Platform> {
    (|stream: ParseStream| platform(stream, cx)).parse2(input)
}

fn platform(input: ParseStream, cx: &mut Cx) -> syn::Result<Platform> {
    let mut name = None;
    let mut region = None;
    let mut environments = None;
    let mut network_section = None;
    let mut acknowledgements = Vec::new();
    while !input.is_empty() {
        let acks = attributes(input)?;
        let key = keyword(input, "platform section", kw::PLATFORM_KEYS)?;
        let at = key.span();
        match key.to_string().as_str() {
            kw::NAME => {
                let lit = string_field(input, &name, &key)?;
                let value = cx.value(
                    Name::from_str(&lit.value()),
                    path::platform_name(),
                    lit.span(),
                    stand_in_name,
                );
                name = Some(value);
            }
            kw::REGION => {
                let lit = string_field(input, &region, &key)?;
                let stand_in = || Region::new_assert("us-east-1");
                region = Some(cx.value(
                    Region::from_str(&lit.value()),
                    path::region(),
                    lit.span(),
                    stand_in,
                ));
            }
            kw::ENVIRONMENTS => {
                once(&environments, &key)?;
                environments = Some(environment_list(input, cx, &mut acknowledgements)?);
            }
            _ => {
                once(&network_section, &key)?;
                cx.span(path::network(), at);
                let content;
                braced!(content in input);
                network_section = Some(network(&content, cx, &mut acknowledgements)?);
                acknowledge(&mut acknowledgements, cx, acks.clone(), path::network());
            }
        }
        if !acks.is_empty() && key != kw::NETWORK {
            return Err(syn::Error::new(acks[0].span, "`#[allow(...)]` goes on an environment, a tier, a security group, a network ACL or `network`"));
        }
        separator(input)?;
    }
    let missing =
        |what: &str| syn::Error::new(Span::call_site(), format!("the platform needs `{what}`"));
    let name = name.ok_or_else(|| missing("name: \"...\""))?;
    let region = region.ok_or_else(|| missing("region: \"...\""))?;
    let network = network_section.ok_or_else(|| missing("network { ... }"))?;
    let mut platform = Platform::new(name, region, network);
    for env in environments.unwrap_or_default() {
        platform = platform.environment(env);
    }
    for ack in acknowledgements {
        platform = platform.acknowledge(ack.code, ack.path, ack.reason);
    }
    Ok(platform)
}

fn stand_in_name() -> Name {
    Name::new_assert("invalid")
}

/// One `#[allow(code, reason = "...")]` as written.
#[derive(Clone)]
struct Allow {
    code: String,
    reason: String,
    span: Span,
}

/// Reads `#[allow(code-words, reason = "...")]` attributes.
fn attributes(input: ParseStream) -> syn::Result<Vec<Allow>> {
    let mut allows = Vec::new();
    while input.peek(Token![#]) {
        input.parse::<Token![#]>()?;
        let body;
        bracketed!(body in input);
        let allow: Ident = body.parse()?;
        if allow != "allow" {
            return Err(syn::Error::new(
                allow.span(),
                "expected `allow(warning-code, reason = \"...\")`",
            ));
        }
        let args;
        parenthesized!(args in body);
        let first = args.call(Ident::parse_any)?;
        let span = first.span();
        let mut code = first.to_string();
        while args.peek(Token![-]) {
            args.parse::<Token![-]>()?;
            code.push('-');
            code.push_str(&args.call(Ident::parse_any)?.to_string());
        }
        if args.is_empty() {
            return Err(syn::Error::new(
                span,
                format!(
                    "acknowledging `{code}` needs a reason: `#[allow({code}, reason = \"...\")]`"
                ),
            ));
        }
        args.parse::<Token![,]>()?;
        let reason_key: Ident = args.parse()?;
        if reason_key != kw::REASON {
            return Err(syn::Error::new(
                reason_key.span(),
                "expected `reason = \"...\"`",
            ));
        }
        args.parse::<Token![=]>()?;
        let reason: LitStr = args.parse()?;
        if !args.is_empty() {
            return Err(args.error("expected `)` after the reason"));
        }
        allows.push(Allow {
            code,
            reason: reason.value(),
            span,
        });
    }
    Ok(allows)
}

fn acknowledge(list: &mut Vec<Acknowledgement>, cx: &mut Cx, allows: Vec<Allow>, at: ModelPath) {
    for allow in allows {
        cx.span(path::acknowledgement(list.len()), allow.span);
        list.push(Acknowledgement {
            code: allow.code,
            path: at.clone(),
            reason: allow.reason,
        });
    }
}

fn environment_list(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> syn::Result<Vec<Environment>> {
    let content;
    braced!(content in input);
    let mut list = Vec::new();
    while !content.is_empty() {
        let allows = attributes(&content)?;
        let ident = content.call(Ident::parse_any)?;
        let name = ident_name(cx, &ident, path::environment);
        let at = path::environment(name.as_str());
        acknowledge(acks, cx, allows, at);
        let body;
        braced!(body in content);
        list.push(environment(&body, cx, name)?);
        separator(&content)?;
    }
    Ok(list)
}

fn environment(input: ParseStream, cx: &mut Cx, name: Name) -> syn::Result<Environment> {
    let env = name.as_str().to_owned();
    let mut zones: Option<Vec<Zone>> = None;
    let mut multi_az = None;
    while !input.is_empty() {
        let key = keyword(input, "environment field", kw::ENVIRONMENT_KEYS)?;
        input.parse::<Token![:]>()?;
        if key == kw::ZONES {
            once(&zones, &key)?;
            cx.span(path::environment_zones(&env), key.span());
            let list;
            bracketed!(list in input);
            let lits = list.parse_terminated(|s: ParseStream| s.parse::<LitStr>(), Token![,])?;
            let parsed = lits.iter().enumerate().map(|(idx, lit)| {
                let stand_in = || Zone::new_assert("xx-invalid-1a");
                cx.value(
                    Zone::from_str(&lit.value()),
                    path::environment_zone(&env, idx),
                    lit.span(),
                    stand_in,
                )
            });
            zones = Some(parsed.collect());
        } else {
            once(&multi_az, &key)?;
            let value: LitBool = input.parse()?;
            cx.span(path::environment_multi_az(&env), value.span());
            multi_az = Some(value.value);
        }
        separator(input)?;
    }
    Ok(Environment::new(name, zones.unwrap_or_default()).multi_az(multi_az.unwrap_or(false)))
}

fn network(
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
    while !input.is_empty() {
        let allows = attributes(input)?;
        let key = keyword(input, "network item", kw::NETWORK_KEYS)?;
        let key_name = key.to_string();
        if !allows.is_empty() && key_name != kw::SECURITY_GROUP && key_name != kw::NETWORK_ACL {
            return Err(syn::Error::new(allows[0].span, "`#[allow(...)]` goes on an environment, a tier, a security group, a network ACL or `network`"));
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
    Ok(network)
}

/// `public { "zone": "cidr", ... }`, `private app { ... }`, `isolated database { ... }`.
fn tier(
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

fn security_group(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    allows: Vec<Allow>,
) -> syn::Result<SecurityGroup> {
    let ident = input.call(Ident::parse_any)?;
    let name = ident_name(cx, &ident, path::security_group);
    let group = name.as_str().to_owned();
    acknowledge(acks, cx, allows, path::security_group(&group));
    let mut sg = SecurityGroup::new(name.clone(), name.as_str());
    let content;
    braced!(content in input);
    let mut seen = (None, None, None, None);
    while !content.is_empty() {
        let key = keyword(&content, "security group field", kw::GROUP_KEYS)?;
        content.parse::<Token![:]>()?;
        match key.to_string().as_str() {
            kw::DESCRIPTION => {
                once(&seen.0, &key)?;
                seen.0 = Some(());
                let lit: LitStr = content.parse()?;
                cx.span(path::security_group_description(&group), lit.span());
                sg.description = lit.value();
            }
            kw::TIER => {
                once(&seen.1, &key)?;
                seen.1 = Some(());
                let tier_ident = content.call(Ident::parse_any)?;
                sg.tier = Some(ident_name(cx, &tier_ident, |_| {
                    path::security_group_tier(&group)
                }));
            }
            kw::INGRESS => {
                once(&seen.2, &key)?;
                seen.2 = Some(());
                sg.ingress = rule_list(&content, |s, idx| {
                    group_rule(s, cx, &group, Direction::Inbound, idx)
                })?;
            }
            _ => {
                once(&seen.3, &key)?;
                seen.3 = Some(());
                sg.egress = rule_list(&content, |s, idx| {
                    group_rule(s, cx, &group, Direction::Outbound, idx)
                })?;
            }
        }
        separator(&content)?;
    }
    Ok(sg)
}

/// `[rule, rule, ...]` or a single rule.
fn rule_list<T>(
    input: ParseStream,
    mut rule: impl FnMut(ParseStream, usize) -> syn::Result<T>,
) -> syn::Result<Vec<T>> {
    if !input.peek(syn::token::Bracket) {
        return Ok(vec![rule(input, 0)?]);
    }
    let content;
    bracketed!(content in input);
    let mut rules = Vec::new();
    while !content.is_empty() {
        rules.push(rule(&content, rules.len())?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(rules)
}

/// `[tcp] 443 from "0.0.0.0/0" [as "HTTPS"]`, `all to alb`.
fn group_rule(
    input: ParseStream,
    cx: &mut Cx,
    group: &str,
    direction: Direction,
    idx: usize,
) -> syn::Result<SecurityGroupRule> {
    cx.span(
        path::security_group_rule(group, direction, idx),
        input.span(),
    );
    let traffic = traffic(input, cx, path::security_group_rule(group, direction, idx))?;
    direction_word(input, direction)?;
    let peer_path = path::security_group_rule_peer(group, direction, idx);
    let peer = if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        Peer::Cidr(
            cx.value(Cidr::new(&lit.value()), peer_path, lit.span(), || {
                Cidr::ANYWHERE
            }),
        )
    } else {
        let ident = input.call(Ident::parse_any)?;
        Peer::Group(ident_name(cx, &ident, |_| peer_path.clone()))
    };
    let mut rule = SecurityGroupRule::new(traffic, peer);
    if input.peek(Token![as]) {
        input.parse::<Token![as]>()?;
        let lit: LitStr = input.parse()?;
        cx.span(
            path::security_group_rule_description(group, direction, idx),
            lit.span(),
        );
        rule = rule.described(lit.value());
    }
    Ok(rule)
}

/// `from` for inbound rules, `to` for outbound ones.
fn direction_word(input: ParseStream, direction: Direction) -> syn::Result<()> {
    let (want, other) = match direction {
        Direction::Inbound => (kw::FROM, kw::TO),
        Direction::Outbound => (kw::TO, kw::FROM),
    };
    let word = input
        .call(Ident::parse_any)
        .map_err(|e| syn::Error::new(e.span(), format!("expected `{want}`")))?;
    if word == want {
        Ok(())
    } else if word == other {
        Err(syn::Error::new(
            word.span(),
            format!(
                "{} rules name their peer with `{want}`, not `{other}`",
                if want == kw::FROM {
                    "inbound"
                } else {
                    "outbound"
                }
            ),
        ))
    } else {
        Err(syn::Error::new(word.span(), format!("expected `{want}`")))
    }
}

/// `all`, `icmp`, `[tcp|udp] PORT`, `[tcp|udp] FROM..=TO`.
fn traffic(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<Traffic> {
    let mut udp = false;
    if input.peek(Ident::peek_any) {
        let ident = input.call(Ident::parse_any)?;
        match ident.to_string().as_str() {
            kw::ALL => return Ok(Traffic::All),
            kw::ICMP => return Ok(Traffic::Icmp),
            kw::TCP => {}
            kw::UDP => udp = true,
            other => {
                let hint = suggestion(other, &[kw::ALL, kw::ICMP, kw::TCP, kw::UDP]);
                return Err(syn::Error::new(
                    ident.span(),
                    format!("expected a port, `all`, `icmp`, `tcp` or `udp`{hint}"),
                ));
            }
        }
    }
    let first: LitInt = input.parse()?;
    let from: u16 = first.base10_parse()?;
    let ports = if input.peek(Token![..=]) {
        input.parse::<Token![..=]>()?;
        let last: LitInt = input.parse()?;
        let to: u16 = last.base10_parse()?;
        let stand_in = || PortRange::new_assert(from.min(to), from.max(to));
        cx.value(
            PortRange::new(from, to),
            at.field("ports"),
            first.span(),
            stand_in,
        )
    } else {
        PortRange::single(from)
    };
    Ok(if udp {
        Traffic::Udp(ports)
    } else {
        Traffic::Tcp(ports)
    })
}

/// `network_acl public { inbound: [100 allow 443 from "0.0.0.0/0", ...], outbound: [...] }`
fn network_acl(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    allows: Vec<Allow>,
) -> syn::Result<NetworkAcl> {
    let ident = input.call(Ident::parse_any)?;
    let tier = ident_name(cx, &ident, path::acl);
    let tier_name = tier.as_str().to_owned();
    acknowledge(acks, cx, allows, path::acl(&tier_name));
    let mut acl = NetworkAcl::new(tier);
    let content;
    braced!(content in input);
    let mut seen = (None, None);
    while !content.is_empty() {
        let key = keyword(&content, "network ACL field", kw::ACL_KEYS)?;
        content.parse::<Token![:]>()?;
        let direction = if key == kw::INBOUND {
            Direction::Inbound
        } else {
            Direction::Outbound
        };
        let slot = if direction == Direction::Inbound {
            &mut seen.0
        } else {
            &mut seen.1
        };
        once(slot, &key)?;
        *slot = Some(());
        cx.span(path::acl_rules(&tier_name, direction), key.span());
        let rules = rule_list(&content, |s, idx| {
            acl_rule(s, cx, &tier_name, direction, idx)
        })?;
        match direction {
            Direction::Inbound => acl.inbound = rules,
            Direction::Outbound => acl.outbound = rules,
        }
        separator(&content)?;
    }
    Ok(acl)
}

/// `100 allow tcp 1024..=65535 from "0.0.0.0/0"`
fn acl_rule(
    input: ParseStream,
    cx: &mut Cx,
    tier: &str,
    direction: Direction,
    idx: usize,
) -> syn::Result<AclRule> {
    let at = path::acl_rule(tier, direction, idx);
    let number_lit: LitInt = input.parse()?;
    cx.span(at.clone(), number_lit.span());
    let number_value: u32 = number_lit.base10_parse()?;
    let stand_in =
        || AclRuleNumber::new_assert(number_value.clamp(1, u32::from(AclRuleNumber::MAX)));
    let number = cx.value(
        AclRuleNumber::new(number_value),
        path::acl_rule_number(tier, direction, idx),
        number_lit.span(),
        stand_in,
    );
    let action_ident = input.call(Ident::parse_any)?;
    let action = match choice(&action_ident, "rule action", &[kw::ALLOW, kw::DENY])? {
        kw::ALLOW => AclAction::Allow,
        _ => AclAction::Deny,
    };
    let traffic = traffic(input, cx, at.clone())?;
    direction_word(input, direction)?;
    let lit: LitStr = input.parse()?;
    let cidr = cx.value(
        Cidr::new(&lit.value()),
        at.field("cidr"),
        lit.span(),
        || Cidr::ANYWHERE,
    );
    Ok(AclRule {
        number,
        action,
        traffic,
        cidr,
    })
}

/// `{ retention: 30d, traffic: all }`
fn flow_log_settings(input: ParseStream, cx: &mut Cx) -> syn::Result<FlowLogs> {
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

/// A name written as an identifier, checked by [`Name`]'s constructor; `at` gives its path.
/// A rejected name continues as a lowercased stand-in, so its element keeps its own path.
fn ident_name(cx: &mut Cx, ident: &Ident, at: impl Fn(&str) -> ModelPath) -> Name {
    let text = unraw(ident);
    match Name::from_str(&text) {
        Ok(name) => cx.value(Ok(name), at(&text), ident.span(), stand_in_name),
        Err(error) => {
            let stand_in = Name::from_str(&sanitize(&text)).unwrap_or_else(|_| stand_in_name());
            cx.value(Err(error), at(stand_in.as_str()), ident.span(), || stand_in)
        }
    }
}

/// `App__Servers` becomes `app_servers`.
fn sanitize(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join("_");
    if joined.starts_with(|c: char| c.is_ascii_lowercase()) {
        joined
    } else {
        format!("x{joined}")
    }
}

fn unraw(ident: &Ident) -> String {
    ident.unraw().to_string()
}

/// `key: "text"`, once.
fn string_field<T>(input: ParseStream, slot: &Option<T>, key: &Ident) -> syn::Result<LitStr> {
    once(slot, key)?;
    input.parse::<Token![:]>()?;
    input.parse()
}

fn once<T>(slot: &Option<T>, key: &Ident) -> syn::Result<()> {
    match slot {
        Some(_) => Err(syn::Error::new(key.span(), format!("duplicate `{key}`"))),
        None => Ok(()),
    }
}

/// An identifier that must be one of `expected`.
fn keyword(input: ParseStream, what: &str, expected: &[&'static str]) -> syn::Result<Ident> {
    let ident = input
        .call(Ident::parse_any)
        .map_err(|e| syn::Error::new(e.span(), format!("expected a {what}: {}", list(expected))))?;
    choice(&ident, what, expected)?;
    Ok(ident)
}

/// Which of `expected` the identifier is.
fn choice(ident: &Ident, what: &str, expected: &[&'static str]) -> syn::Result<&'static str> {
    let text = ident.to_string();
    match expected.iter().find(|&&word| word == text) {
        Some(word) => Ok(word),
        None => {
            let hint = suggestion(&text, expected);
            Err(syn::Error::new(
                ident.span(),
                format!("unknown {what} `{text}`{hint}; expected {}", list(expected)),
            ))
        }
    }
}

fn suggestion(text: &str, expected: &[&str]) -> String {
    did_you_mean(text, expected.iter().copied())
        .map(|word| format!(" (did you mean `{word}`?)"))
        .unwrap_or_default()
}

fn list(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("one of {} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// An optional `,` between entries.
fn separator(input: ParseStream) -> syn::Result<()> {
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    }
    Ok(())
}
