//! Reads the DSL into an `infra_core` model, recording the span of every model path.
//!
//! Syntax errors stop parsing (there is no telling what the tokens after one mean); values are
//! checked by `infra_core`'s own constructors, and a rejected value is recorded and replaced by a
//! stand-in so that the rest of the design is still checked.

mod attributes;
mod firewall;
mod network;
mod per_env;
mod syntax;

use std::str::FromStr;

use infra_core::model::{path, Acknowledgement, Environment, Platform};
use infra_core::value::{Name, Region, Zone};
use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, Ident, LitBool, LitStr, Token};

use crate::cx::Cx;
use crate::keyword as kw;
use attributes::{acknowledge, attributes, misplaced};
use network::network;
use syntax::*;

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
        if !acks.is_empty() && key != kw::NETWORK {
            return misplaced(&acks);
        }
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
                acknowledge(&mut acknowledgements, cx, acks, path::network());
            }
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
