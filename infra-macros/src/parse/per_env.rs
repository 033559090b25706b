//! Per-environment values: `VALUE`, or `match env { staging | development => VALUE, _ => VALUE }`.

use infra_core::model::{override_environment_path, override_path, PerEnv};
use infra_core::ModelPath;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, Ident, Token};

use super::syntax::{ident_name, separator};
use crate::cx::Cx;
use crate::keyword as kw;

/// A value that may differ per environment. `value` parses one setting and records it at the
/// path it is given: `at` for the default (the `_` arm, or a plain value), `at["<env>"]` for an
/// environment's own setting.
pub(crate) fn per_env<T: Clone>(
    input: ParseStream,
    cx: &mut Cx,
    at: &ModelPath,
    mut value: impl FnMut(ParseStream, &mut Cx, ModelPath) -> syn::Result<T>,
) -> syn::Result<PerEnv<T>> {
    if !input.peek(Token![match]) {
        return value(input, cx, at.clone()).map(PerEnv::new);
    }
    let keyword = input.parse::<Token![match]>()?;
    let scrutinee = input.call(Ident::parse_any)?;
    if scrutinee != kw::ENV {
        return Err(syn::Error::new(
            scrutinee.span(),
            "a per-environment value reads `match env { <environment> => <value>, _ => <value> }`",
        ));
    }
    let arms;
    braced!(arms in input);
    let mut default = None;
    let mut settings = Vec::new();
    while !arms.is_empty() {
        if arms.peek(Token![_]) {
            let wildcard = arms.parse::<Token![_]>()?;
            if default.is_some() {
                return Err(syn::Error::new(wildcard.span, "duplicate `_` arm"));
            }
            arms.parse::<Token![=>]>()?;
            default = Some(value(&arms, cx, at.clone())?);
        } else {
            let mut names = vec![arms.call(Ident::parse_any)?];
            while arms.peek(Token![|]) {
                arms.parse::<Token![|]>()?;
                names.push(arms.call(Ident::parse_any)?);
            }
            arms.parse::<Token![=>]>()?;
            let envs: Vec<_> = names
                .iter()
                .map(|ident| ident_name(cx, ident, |env| override_environment_path(at, env)))
                .collect();
            let value_span = arms.span();
            let setting = value(&arms, cx, override_path(at, envs[0].as_str()))?;
            for env in &envs[1..] {
                cx.span(override_path(at, env.as_str()), value_span);
            }
            settings.extend(envs.into_iter().map(|env| (env, setting.clone())));
        }
        separator(&arms)?;
    }
    let default = default.ok_or_else(|| {
        syn::Error::new(
            keyword.span,
            "add a `_ => <value>` arm: it is the value of the environments not named",
        )
    })?;
    Ok(settings
        .into_iter()
        .fold(PerEnv::new(default), |value, (env, setting)| {
            value.with(env, setting)
        }))
}
