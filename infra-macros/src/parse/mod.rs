//! Reads the DSL into an `infra_core` model, recording the span of every model path.
//!
//! A syntax error is recorded and parsing resumes at the next entry of the same level, so every
//! syntax error of a design comes out in one build (with the rejected values found on the way);
//! rules run only on a design without syntax errors. Values are checked by `infra_core`'s own
//! constructors, and a rejected value is recorded and replaced by a stand-in so that the rest of
//! the design is still checked.

pub(crate) mod attributes;
pub(crate) mod per_env;
pub(crate) mod syntax;
#[cfg(test)]
mod tests;

use std::str::FromStr;

use infra_core::model::{path, Acknowledgement, Environment, Network, Platform};
use infra_core::value::{Cidr, Name, Region, Zone};
use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, Ident, LitBool, Token};

use crate::cx::Cx;
use crate::keyword::{EnvironmentKey, Keyword, PlatformKey};
use crate::report;
use crate::sections::{self, SECTIONS};
use attributes::{acknowledge, attributes, misplaced};
use syntax::*;

/// The zone a rejected zone continues as.
pub(crate) const STAND_IN_ZONE: Zone = Zone::new_assert("xx-invalid-1a");

/// The region a rejected region continues as.
const STAND_IN_REGION: Region = Region::new_assert("us-east-1");

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
    // `Platform::new` takes the network, which every design has; until the `network` section
    // is read, a stand-in holds its place (a design without one is an error, never a model).
    let stand_in_network = Network::new(Cidr::new_assert("10.0.0.0/16"));
    let mut platform = Platform::new(stand_in_name(), STAND_IN_REGION, stand_in_network);
    let mut name = None;
    let mut region = None;
    let mut environments: Option<Vec<Environment>> = None;
    let mut acknowledgements = Vec::new();
    let keys: Vec<&str> = PlatformKey::ALL
        .iter()
        .copied()
        .chain(SECTIONS.iter().map(|section| section.key))
        .collect();
    // The keys written, even with a value that could not be read: those are not missing.
    let mut written: Vec<String> = Vec::new();
    entries(input, cx, &keys, |input, cx| {
        let acks = attributes(input, cx)?;
        let key = input.call(Ident::parse_any).map_err(|error| {
            let what = PlatformKey::WHAT;
            syn::Error::new(error.span(), format!("expected a {what}: {}", list(&keys)))
        })?;
        let text = unraw(&key);
        if let Some(section) = sections::find(&text) {
            if written.contains(&text) {
                return Err(syn::Error::new(key.span(), format!("duplicate `{text}`")));
            }
            written.push(text);
            (section.parse)(input, cx, &mut acknowledgements, key.span(), &mut platform)?;
            acknowledge(&mut acknowledgements, cx, acks, (section.path)());
            return separator(input);
        }
        let Some(field) = PlatformKey::from_word(&text) else {
            let hint = suggestion(&text, &keys);
            return Err(syn::Error::new(
                key.span(),
                format!(
                    "unknown {} `{text}`{hint}; expected {}",
                    PlatformKey::WHAT,
                    list(&keys)
                ),
            ));
        };
        written.push(text);
        if !acks.is_empty() {
            cx.error(misplaced(&acks));
        }
        match field {
            PlatformKey::Name => {
                let lit = string_field(input, cx, &name, &key)?;
                let value = cx.value(
                    Name::from_str(&lit.value()),
                    path::platform_name(),
                    lit.span(),
                    stand_in_name,
                );
                name = Some(value);
            }
            PlatformKey::Region => {
                let lit = string_field(input, cx, &region, &key)?;
                region = Some(cx.value(
                    Region::from_str(&lit.value()),
                    path::region(),
                    lit.span(),
                    || STAND_IN_REGION,
                ));
            }
            PlatformKey::Environments => {
                once(&environments, &key)?;
                let content;
                braced!(content in input);
                environments = Some(environment_list(&content, cx, &mut acknowledgements));
            }
        }
        separator(input)
    });
    let at = first.unwrap_or_else(Span::call_site);
    let required = [
        (PlatformKey::Name.as_str(), "name: \"...\""),
        (PlatformKey::Region.as_str(), "region: \"...\""),
    ]
    .into_iter()
    .chain(
        SECTIONS
            .iter()
            .filter_map(|section| Some((section.key, section.required?))),
    );
    let mut complete = true;
    for (key, what) in required {
        if !written.iter().any(|written| written == key) {
            cx.error(missing(at, format!("the platform needs `{what}`")));
            complete = false;
        }
    }
    if !complete {
        return None;
    }
    platform.name = name?;
    platform.region = region?;
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
    entries(input, cx, EnvironmentKey::ALL, |input, cx| {
        let (field, key) = syntax::key::<EnvironmentKey>(input)?;
        input.parse::<Token![:]>()?;
        if let EnvironmentKey::Zones = field {
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
