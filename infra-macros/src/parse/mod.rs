//! Reads the DSL into an `infra_core` model, recording the span of every model path.
//!
//! A syntax error is recorded and parsing resumes at the next entry of the same level, so every
//! syntax error of a design comes out in one build (with the rejected values found on the way);
//! rules run only on a design without syntax errors. Values are checked by `infra_core`'s own
//! constructors, and a rejected value is recorded and replaced by a stand-in so that the rest of
//! the design is still checked.

mod attributes;
mod firewall;
mod network;
mod per_env;
mod syntax;
#[cfg(test)]
mod tests;

use std::str::FromStr;

use infra_core::model::{path, Acknowledgement, Environment, Platform};
use infra_core::value::{Name, Region, Zone};
use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, Ident, LitBool, Token};

use crate::cx::Cx;
use crate::keyword as kw;
use crate::report;
use attributes::{acknowledge, attributes, misplaced};
use network::network;
use syntax::*;

/// The zone a rejected zone continues as.
const STAND_IN_ZONE: Zone = Zone::new_assert("xx-invalid-1a");

/// Parses a whole `platform! { ... }` body.
///
/// # Errors
/// Every syntax error, with the rejected values found on the way, when there is one.
pub fn parse(input: TokenStream, cx: &mut Cx) -> syn::Result<Platform> {
    let first = input.clone().into_iter().next().map(|tree| tree.span());
    (|stream: ParseStream| match platform(stream, cx, first) {
        // An error must be returned here: after `Ok`, syn would report any token an entry left
        // behind as a bare "unexpected token" instead.
        Some(platform) if !cx.has_errors() => Ok(platform),
        _ => Err(all_errors(cx)),
    })
    .parse2(input)
}

/// The syntax errors and rejected values, in source order, as one error.
fn all_errors(cx: &mut Cx) -> syn::Error {
    let mut errors = cx.take_errors();
    for diagnostic in std::mem::take(&mut cx.value_errors) {
        let span = cx.span_of(&diagnostic.path);
        errors.push(report::error(
            span,
            cx.end_of(span),
            report::message(cx, &diagnostic),
        ));
    }
    errors.sort_by_key(|error| {
        let start = error.span().start();
        (start.line, start.column)
    });
    let mut errors = errors.into_iter();
    let mut all = errors
        .next()
        .unwrap_or_else(|| syn::Error::new(Span::call_site(), "the platform could not be read"));
    all.extend(errors);
    all
}

/// The platform, or `None` when a required field is missing (an error is then recorded).
/// `first` is the span of the body's first token, where a missing field of the platform is
/// reported.
fn platform(input: ParseStream, cx: &mut Cx, first: Option<Span>) -> Option<Platform> {
    let mut name = None;
    let mut region = None;
    let mut environments: Option<Vec<Environment>> = None;
    let mut network_section = None;
    let mut acknowledgements = Vec::new();
    // The keys written, even with a value that could not be read: those are not missing.
    let mut written = Vec::new();
    entries(input, cx, kw::PLATFORM_KEYS, |input, cx| {
        let acks = attributes(input, cx)?;
        let key = keyword(input, "platform section", kw::PLATFORM_KEYS)?;
        written.push(key.to_string());
        let at = key.span();
        if !acks.is_empty() && key != kw::NETWORK {
            cx.error(misplaced(&acks));
        }
        match key.to_string().as_str() {
            kw::NAME => {
                let lit = string_field(input, cx, &name, &key)?;
                let value = cx.value(
                    Name::from_str(&lit.value()),
                    path::platform_name(),
                    lit.span(),
                    stand_in_name,
                );
                name = Some(value);
            }
            kw::REGION => {
                let lit = string_field(input, cx, &region, &key)?;
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
                let content;
                braced!(content in input);
                environments = Some(environment_list(&content, cx, &mut acknowledgements));
            }
            _ => {
                once(&network_section, &key)?;
                cx.span(path::network(), at);
                let content;
                braced!(content in input);
                network_section = Some(network(&content, cx, &mut acknowledgements, at));
                acknowledge(&mut acknowledgements, cx, acks, path::network());
            }
        }
        separator(input)
    });
    let at = first.unwrap_or_else(Span::call_site);
    for (key, what) in [
        (kw::NAME, "name: \"...\""),
        (kw::REGION, "region: \"...\""),
        (kw::NETWORK, "network { ... }"),
    ] {
        if !written.iter().any(|written| written == key) {
            cx.error(missing(at, format!("the platform needs `{what}`")));
        }
    }
    let mut platform = Platform::new(name?, region?, network_section.flatten()?);
    for env in environments.unwrap_or_default() {
        platform = platform.environment(env);
    }
    for ack in acknowledgements {
        platform = platform.acknowledge(ack.code, ack.path, ack.reason);
    }
    Some(platform)
}

fn environment_list(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> Vec<Environment> {
    let mut list = Vec::new();
    entries(input, cx, &[], |input, cx| {
        let allows = attributes(input, cx)?;
        let ident = input.call(Ident::parse_any)?;
        let name = ident_name(cx, &ident, path::environment);
        let at = path::environment(name.as_str());
        acknowledge(acks, cx, allows, at);
        let body;
        braced!(body in input);
        list.push(environment(&body, cx, name));
        separator(input)
    });
    list
}

fn environment(input: ParseStream, cx: &mut Cx, name: Name) -> Environment {
    let env = name.as_str().to_owned();
    let mut zones: Option<Vec<Zone>> = None;
    let mut multi_az = None;
    entries(input, cx, kw::ENVIRONMENT_KEYS, |input, cx| {
        let key = keyword(input, "environment field", kw::ENVIRONMENT_KEYS)?;
        input.parse::<Token![:]>()?;
        if key == kw::ZONES {
            once(&zones, &key)?;
            cx.span(path::environment_zones(&env), key.span());
            let list;
            bracketed!(list in input);
            let mut parsed = Vec::new();
            entries(&list, cx, &[], |list, cx| {
                let lit = string(list, cx)?;
                parsed.push(cx.value(
                    Zone::from_str(&lit.value()),
                    path::environment_zone(&env, parsed.len()),
                    lit.span(),
                    || STAND_IN_ZONE,
                ));
                if !list.is_empty() {
                    list.parse::<Token![,]>()?;
                }
                Ok(())
            });
            zones = Some(parsed);
        } else {
            once(&multi_az, &key)?;
            let value: LitBool = input.parse()?;
            cx.span(path::environment_multi_az(&env), value.span());
            multi_az = Some(value.value);
        }
        separator(input)
    });
    Environment::new(name, zones.unwrap_or_default()).multi_az(multi_az.unwrap_or(false))
}
