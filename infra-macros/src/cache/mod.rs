//! The `cache { ... }` section of `platform!`.

mod keyword;
mod parse;

use infra_core::model::{path, Acknowledgement, Platform};
use proc_macro2::Span;
use syn::braced;
use syn::parse::ParseStream;

use crate::cx::Cx;
use crate::sections::Section;

/// The cache section, as registered in `crate::sections`.
pub const SECTION: Section = Section {
    key: "cache",
    required: None,
    path: path::cache,
    acknowledgeable: &["a Redis cluster"],
    parse: section,
};

/// `{ ... }` after the `cache` key.
fn section(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
    platform: &mut Platform,
) -> syn::Result<()> {
    cx.span(path::cache(), at);
    let content;
    braced!(content in input);
    platform.cache = parse::caching(&content, cx, acks);
    Ok(())
}
