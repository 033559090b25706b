//! The `storage { ... }` section of `platform!`.

mod keyword;
mod parse;

use infra_core::model::{path, Acknowledgement, Platform};
use proc_macro2::Span;
use syn::braced;
use syn::parse::ParseStream;

use crate::cx::Cx;
use crate::sections::Section;

/// The storage section, as registered in `crate::sections`.
pub const SECTION: Section = Section {
    key: "storage",
    required: None,
    path: path::storage,
    acknowledgeable: &["a bucket"],
    parse: section,
};

/// `{ ... }` after the `storage` key.
fn section(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
    platform: &mut Platform,
) -> syn::Result<()> {
    cx.span(path::storage(), at);
    let content;
    braced!(content in input);
    platform.storage = parse::storage(&content, cx, acks);
    Ok(())
}
