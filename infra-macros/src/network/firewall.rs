//! Security groups, network ACLs and the rules they hold.

use infra_core::model::{
    path, Acknowledgement, AclAction, AclRule, Direction, NetworkAcl, Peer, PerEnv, SecurityGroup,
    SecurityGroupRule,
};
use infra_core::value::{AclRuleNumber, Cidr, PortRange, Traffic};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, bracketed, Ident, LitStr, Token};

use super::keyword::{AclKey, ActionWord, DirectionWord, GroupKey, TrafficWord, VPC};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, Allow};
use crate::parse::per_env::per_env;
use crate::parse::syntax::*;

pub(super) fn security_group(
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
    entries(&content, cx, GroupKey::ALL, |content, cx| {
        let (field, key) = crate::parse::syntax::key::<GroupKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            GroupKey::Description => {
                once(&seen.0, &key)?;
                seen.0 = Some(());
                let lit = string(content, cx)?;
                cx.span(path::security_group_description(&group), lit.span());
                sg.description = lit.value();
            }
            GroupKey::Tier => {
                once(&seen.1, &key)?;
                seen.1 = Some(());
                let tier_ident = content.call(Ident::parse_any)?;
                sg.tier = Some(ident_name(cx, &tier_ident, |_| {
                    path::security_group_tier(&group)
                }));
            }
            GroupKey::Ingress => {
                once(&seen.2, &key)?;
                seen.2 = Some(());
                sg.ingress = rule_list(content, cx, |s, cx, idx| {
                    group_rule(s, cx, &group, Direction::Inbound, idx)
                })?;
            }
            GroupKey::Egress => {
                once(&seen.3, &key)?;
                seen.3 = Some(());
                sg.egress = rule_list(content, cx, |s, cx, idx| {
                    group_rule(s, cx, &group, Direction::Outbound, idx)
                })?;
            }
        }
        separator(content)
    });
    Ok(sg)
}

/// `[rule, rule, ...]` or a single rule. A syntax error in one rule of a list is recorded and the
/// list goes on with the next rule.
pub(super) fn rule_list<T>(
    input: ParseStream,
    cx: &mut Cx,
    mut rule: impl FnMut(ParseStream, &mut Cx, usize) -> syn::Result<T>,
) -> syn::Result<Vec<T>> {
    if !input.peek(syn::token::Bracket) {
        return Ok(vec![rule(input, cx, 0)?]);
    }
    let content;
    bracketed!(content in input);
    let mut rules = Vec::new();
    let mut idx = 0;
    entries(&content, cx, &[], |content, cx| {
        idx += 1;
        rules.push(rule(content, cx, idx - 1)?);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
        Ok(())
    });
    Ok(rules)
}

/// `[tcp] 443 from "0.0.0.0/0" [as "HTTPS"]`, `all to alb`.
pub(super) fn group_rule(
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
        let lit = string(input, cx)?;
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
        let lit = string(input, cx)?;
        cx.span(
            path::security_group_rule_description(group, direction, idx),
            lit.span(),
        );
        rule = rule.described(lit.value());
    }
    Ok(rule)
}

/// `from` for inbound rules, `to` for outbound ones.
pub(super) fn direction_word(input: ParseStream, direction: Direction) -> syn::Result<()> {
    let (want, other) = match direction {
        Direction::Inbound => (DirectionWord::From.as_str(), DirectionWord::To.as_str()),
        Direction::Outbound => (DirectionWord::To.as_str(), DirectionWord::From.as_str()),
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
                match direction {
                    Direction::Inbound => "inbound",
                    Direction::Outbound => "outbound",
                }
            ),
        ))
    } else {
        Err(syn::Error::new(
            word.span(),
            format!("expected `{want}`, found `{}`", unraw(&word)),
        ))
    }
}

/// `all`, `icmp`, `[tcp|udp] PORT`, `[tcp|udp] FROM..=TO`.
///
/// Each port is checked on its own (`from_port`, `to_port` of the rule at `at`), then the range;
/// a rejected port continues as the nearest valid one, and the range is then not checked.
pub(super) fn traffic(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<Traffic> {
    let mut udp = false;
    if input.peek(Ident::peek_any) {
        let ident = input.call(Ident::parse_any)?;
        let text = unraw(&ident);
        let Some(protocol) = TrafficWord::from_word(&text) else {
            let hint = suggestion(&text, TrafficWord::ALL);
            return Err(syn::Error::new(
                ident.span(),
                format!("expected a port, `all`, `icmp`, `tcp` or `udp`{hint}"),
            ));
        };
        match protocol {
            TrafficWord::All => return Ok(Traffic::All),
            TrafficWord::Icmp => return Ok(Traffic::Icmp),
            TrafficWord::Tcp => {}
            TrafficWord::Udp => udp = true,
        }
    }
    let port =
        |cx: &mut Cx, field: fn(&ModelPath) -> ModelPath| -> syn::Result<(u16, bool, Span, Span)> {
            let number = integer(input, cx, "a port")?;
            let value = number.value();
            let stand_in = || u16::try_from(value.clamp(0, i128::from(u16::MAX))).unwrap_or(0);
            let checked = PortRange::port(value);
            let ok = checked.is_ok();
            let (start, end) = (number.start, number.end());
            let port = cx.value_range(checked, field(&at), start, end, stand_in);
            Ok((port, ok, start, end))
        };
    let (from, from_ok, start, _) = port(cx, path::rule_from_port)?;
    let ports = if input.peek(Token![..=]) {
        input.parse::<Token![..=]>()?;
        let (to, to_ok, _, end) = port(cx, path::rule_to_port)?;
        let sorted = || PortRange::new_assert(from.min(to), from.max(to));
        if from_ok && to_ok {
            cx.value_range(
                PortRange::new(from, to),
                path::rule_ports(&at),
                start,
                end,
                sorted,
            )
        } else {
            sorted()
        }
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
pub(super) fn network_acl(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    allows: Vec<Allow>,
    vpc: Option<&PerEnv<Cidr>>,
) -> syn::Result<NetworkAcl> {
    let ident = input.call(Ident::parse_any)?;
    let tier = ident_name(cx, &ident, path::acl);
    let tier_name = tier.as_str().to_owned();
    acknowledge(acks, cx, allows, path::acl(&tier_name));
    let mut acl = NetworkAcl::new(tier);
    let content;
    braced!(content in input);
    let mut seen = (None, None);
    entries(&content, cx, AclKey::ALL, |content, cx| {
        let (field, key) = crate::parse::syntax::key::<AclKey>(content)?;
        content.parse::<Token![:]>()?;
        let direction = match field {
            AclKey::Inbound => Direction::Inbound,
            AclKey::Outbound => Direction::Outbound,
        };
        let slot = if direction == Direction::Inbound {
            &mut seen.0
        } else {
            &mut seen.1
        };
        once(slot, &key)?;
        *slot = Some(());
        cx.span(path::acl_rules(&tier_name, direction), key.span());
        let rules = rule_list(content, cx, |s, cx, idx| {
            acl_rule(s, cx, &tier_name, direction, idx, vpc)
        })?;
        match direction {
            Direction::Inbound => acl.inbound = rules,
            Direction::Outbound => acl.outbound = rules,
        }
        separator(content)
    });
    Ok(acl)
}

/// `100 allow tcp 1024..=65535 from "0.0.0.0/0"`; the block may be `vpc` (the VPC's block in
/// each environment) or differ per environment.
pub(super) fn acl_rule(
    input: ParseStream,
    cx: &mut Cx,
    tier: &str,
    direction: Direction,
    idx: usize,
    vpc: Option<&PerEnv<Cidr>>,
) -> syn::Result<AclRule> {
    let at = path::acl_rule(tier, direction, idx);
    let number_lit = integer(input, cx, "a rule number")?;
    cx.span_range(at.clone(), number_lit.start, number_lit.end());
    let value = number_lit.value();
    let stand_in = || {
        let clamped = value.clamp(1, i128::from(AclRuleNumber::MAX));
        AclRuleNumber::from_i128(clamped).unwrap_or(AclRuleNumber::new_assert(1))
    };
    let number = cx.value_range(
        AclRuleNumber::from_i128(value),
        path::acl_rule_number(tier, direction, idx),
        number_lit.start,
        number_lit.end(),
        stand_in,
    );
    let action_ident = input.call(Ident::parse_any)?;
    let action = match word::<ActionWord>(&action_ident)? {
        ActionWord::Allow => AclAction::Allow,
        ActionWord::Deny => AclAction::Deny,
    };
    let traffic = traffic(input, cx, at.clone())?;
    direction_word(input, direction)?;
    let cidr_at = path::acl_rule_cidr(tier, direction, idx);
    let cidr = if input.peek(Ident::peek_any) {
        let word = input.call(Ident::parse_any)?;
        if word != VPC {
            return Err(syn::Error::new(
                word.span(),
                format!(
                    "expected a block such as \"10.0.0.0/16\", or `vpc`, found `{}`",
                    unraw(&word)
                ),
            ));
        }
        cx.span(cidr_at, word.span());
        vpc.cloned().ok_or_else(|| {
            syn::Error::new(
                word.span(),
                "`vpc` stands for the VPC's block: write `vpc: \"...\"` before the network ACLs",
            )
        })?
    } else {
        per_env(input, cx, &cidr_at, |input, cx, at| {
            let lit = string(input, cx)?;
            Ok(cx.value(Cidr::new(&lit.value()), at, lit.span(), || Cidr::ANYWHERE))
        })?
    };
    Ok(AclRule {
        number,
        action,
        traffic,
        cidr,
    })
}
