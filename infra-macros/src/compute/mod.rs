//! The `compute { ... }` section of `platform!`.

mod keyword;
mod parse;
mod queue;

use infra_core::model::{path, Acknowledgement, Platform};
use proc_macro2::Span;
use syn::braced;
use syn::parse::ParseStream;

use crate::cx::Cx;
use crate::sections::Section;

/// The compute section, as registered in `crate::sections`.
pub const SECTION: Section = Section {
    key: "compute",
    required: None,
    path: path::compute,
    acknowledgeable: &["a service", "a queue"],
    parse: section,
};

/// `{ ... }` after the `compute` key.
fn section(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
    platform: &mut Platform,
) -> syn::Result<()> {
    cx.span(path::compute(), at);
    let content;
    braced!(content in input);
    platform.compute = parse::compute(&content, cx, acks);
    Ok(())
}
