//! Turns diagnostics into compile errors and warnings at the spans of their tokens.
//!
//! Stable Rust has no API for proc-macro warnings, so a warning becomes the use of a
//! `#[deprecated]` item at the token's span: rustc prints it as a `deprecated` lint warning with
//! our message as the note, and `#![deny(deprecated)]` makes it an error.

use infra_core::{Diagnostic, Severity};
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

use crate::cx::Cx;

/// The text of a finding as the user reads it: message and code, related places, help.
pub fn message(cx: &Cx, diagnostic: &Diagnostic) -> String {
    let mut text = format!("{} [{}]", diagnostic.message, diagnostic.code);
    for related in &diagnostic.related {
        let line = cx.span_of(&related.path).start().line;
        let place = if line > 0 {
            format!("line {line}, ")
        } else {
            String::new()
        };
        text.push_str(&format!(
            "\n  = note: {} ({place}`{}`)",
            related.label, related.path
        ));
    }
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("\n  = help: {help}"));
    }
    text
}

/// A compile error or a warning at `span` (through the value's last token when it has several).
pub fn emit(cx: &Cx, diagnostic: &Diagnostic, span: Span) -> TokenStream {
    match diagnostic.severity {
        Severity::Error => error(span, cx.end_of(span), message(cx, diagnostic)).to_compile_error(),
        Severity::Warning => warning(span, message(cx, diagnostic), diagnostic.code),
    }
}

/// An error underlining the tokens from the one at `start` to the one at `end`.
pub fn error(start: Span, end: Span, message: String) -> syn::Error {
    let ends: TokenStream = [start, end]
        .into_iter()
        .map(|span| TokenTree::Ident(Ident::new("at", span)))
        .collect();
    syn::Error::new_spanned(ends, message)
}

fn warning(span: Span, message: String, code: &str) -> TokenStream {
    let note = format!("{message}\n  = note: acknowledge it with `#[allow({code}, reason = \"...\")]` on the element");
    let item = Ident::new(&code.replace('-', "_"), span);
    let definition = Ident::new(&item.to_string(), Span::call_site());
    let mention = quote_spanned!(span=> #item);
    quote! {
        {
            #[allow(non_camel_case_types)]
            #[deprecated(note = #note)]
            struct #definition;
            let _ = #mention;
        }
    }
}
