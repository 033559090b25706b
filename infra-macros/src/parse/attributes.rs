//! `#[allow(code, reason = "...")]`: acknowledged warnings.

use infra_core::model::{path, Acknowledgement};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{bracketed, parenthesized, Ident, Token};

use super::syntax::string;
use crate::cx::Cx;
use crate::keyword as kw;
use crate::sections::SECTIONS;

/// One `#[allow(code, reason = "...")]` as written.
pub(crate) struct Allow {
    code: String,
    reason: String,
    span: Span,
}

/// Reads `#[allow(code-words, reason = "...")]` attributes.
pub(crate) fn attributes(input: ParseStream, cx: &mut Cx) -> syn::Result<Vec<Allow>> {
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
        let reason = string(&args, cx)?;
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

pub(crate) fn acknowledge(
    list: &mut Vec<Acknowledgement>,
    cx: &mut Cx,
    allows: Vec<Allow>,
    at: ModelPath,
) {
    for allow in allows {
        cx.span(path::acknowledgement(list.len()), allow.span);
        list.push(Acknowledgement {
            code: allow.code,
            path: at.clone(),
            reason: allow.reason,
        });
    }
}

/// The error for `#[allow(...)]` on an element that cannot carry it; the places that can are
/// gathered from the registered sections.
pub(crate) fn misplaced(allows: &[Allow]) -> syn::Error {
    let span = allows
        .first()
        .map_or_else(Span::call_site, |allow| allow.span);
    let mut places = vec!["an environment".to_owned()];
    for section in SECTIONS {
        places.push(format!("`{}`", section.key));
        places.extend(
            section
                .acknowledgeable
                .iter()
                .map(|place| (*place).to_owned()),
        );
    }
    let last = places.pop().unwrap_or_default();
    syn::Error::new(
        span,
        format!("`#[allow(...)]` goes on {} or {last}", places.join(", ")),
    )
}
