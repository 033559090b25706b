//! The `monitoring { ... }` section of `platform!`.

mod keyword;
mod parse;

use infra_core::model::{path, Acknowledgement, Platform};
use proc_macro2::Span;
use syn::braced;
use syn::parse::ParseStream;

use crate::cx::Cx;
use crate::sections::Section;

/// The monitoring section, as registered in `crate::sections`.
pub const SECTION: Section = Section {
    key: "monitoring",
    required: None,
    path: path::monitoring,
    acknowledgeable: &["an alarm", "a severity"],
    parse: section,
};

/// `{ ... }` after the `monitoring` key.
fn section(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
    platform: &mut Platform,
) -> syn::Result<()> {
    cx.span(path::monitoring(), at);
    let content;
    braced!(content in input);
    platform.monitoring = parse::monitoring(&content, cx, acks);
    Ok(())
}
