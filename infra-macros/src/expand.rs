//! The macro's entry point, and its expansion: the checked model as data.
//!
//! A design that passes the rules expands to its model in JSON, a string literal that
//! `infra_core`'s decoder reads back at run time (`Platform::from_json`) before the facade
//! validates it again. The expansion is written by the model's own `Serialize` and read by its
//! `Deserialize`, so it cannot drift from the parse, and it costs rustc one literal whatever the
//! size of the design.

use infra_core::{Diagnostic, ModelPath, Severity};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use std::collections::HashMap;

use crate::cx::Cx;
use crate::{parse, report};

/// Parses, checks and expands a `platform! { ... }` body.
pub fn platform(input: TokenStream) -> TokenStream {
    let mut cx = Cx::default();
    let platform = match parse::parse(input, &mut cx) {
        Ok(platform) => platform,
        Err(error) => return fallback(error.to_compile_error()),
    };
    let mut findings = std::mem::take(&mut cx.value_errors);
    findings.extend(
        infra_core::rules::check(&platform)
            .into_iter()
            .filter(|d| !cx.is_cascade(d)),
    );
    let mut repeats: HashMap<&ModelPath, usize> = HashMap::new();
    let mut located: Vec<(Span, &Diagnostic)> = findings
        .iter()
        .map(|d| {
            let duplicate = d.related.iter().any(|r| r.path == d.path);
            let occurrence = if duplicate {
                *repeats.entry(&d.path).and_modify(|n| *n += 1).or_insert(1)
            } else {
                0
            };
            // A finding that relates a path to itself is about a duplicate: the n-th repeat is
            // reported at the n-th repeated writing of the path.
            (cx.span_of_occurrence(&d.path, occurrence), d)
        })
        .collect();
    // In source order; findings on one token keep validation's order.
    located.sort_by_key(|(span, _)| (span.start().line, span.start().column));
    let reports: TokenStream = located
        .iter()
        .map(|(span, d)| report::emit(&cx, d, *span))
        .collect();
    if findings.iter().any(|d| d.severity == Severity::Error) {
        return fallback(reports);
    }
    let model = platform.to_json();
    quote! {
        {
            #reports
            ::infra::__private::validated(::infra::__private::decode(#model, ::core::file!()))
        }
    }
}

/// The errors, then a stand-in of the right type so that no second error follows.
fn fallback(errors: TokenStream) -> TokenStream {
    quote! {
        {
            #errors
            ::infra::__private::placeholder()
        }
    }
}
