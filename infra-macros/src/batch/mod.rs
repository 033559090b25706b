//! The `batch { ... }` section of `platform!`.

mod keyword;
mod parse;

use infra_core::model::{path, Acknowledgement, Platform};
use proc_macro2::Span;
use syn::braced;
use syn::parse::ParseStream;

use crate::cx::Cx;
use crate::sections::Section;

/// The batch section, as registered in `crate::sections`.
pub const SECTION: Section = Section {
    key: "batch",
    required: None,
    path: path::batch,
    acknowledgeable: &["a compute environment", "a job queue"],
    parse: section,
};

/// `{ ... }` after the `batch` key.
fn section(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
    platform: &mut Platform,
) -> syn::Result<()> {
    cx.span(path::batch(), at);
    let content;
    braced!(content in input);
    platform.batch = parse::batch(&content, cx, acks);
    Ok(())
}
