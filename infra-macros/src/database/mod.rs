//! The `database { ... }` section of `platform!`.

mod keyword;
mod parse;

use infra_core::model::{path, Acknowledgement, Platform};
use proc_macro2::Span;
use syn::braced;
use syn::parse::ParseStream;

use crate::cx::Cx;
use crate::sections::Section;

/// The database section, as registered in `crate::sections`.
pub const SECTION: Section = Section {
    key: "database",
    required: None,
    path: path::database,
    acknowledgeable: &["a PostgreSQL instance", "its `replicas`"],
    parse: section,
};

/// `{ ... }` after the `database` key.
fn section(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
    platform: &mut Platform,
) -> syn::Result<()> {
    cx.span(path::database(), at);
    let content;
    braced!(content in input);
    platform.database = parse::databases(&content, cx, acks);
    Ok(())
}
