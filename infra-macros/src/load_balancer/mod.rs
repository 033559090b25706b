//! The `load_balancer { ... }` section of `platform!`.

mod keyword;
mod parse;

use infra_core::model::{path, Acknowledgement, Platform};
use proc_macro2::Span;
use syn::braced;
use syn::parse::ParseStream;

use crate::cx::Cx;
use crate::sections::Section;

/// The load balancer section, as registered in `crate::sections`.
pub const SECTION: Section = Section {
    key: "load_balancer",
    required: None,
    path: path::load_balancing,
    acknowledgeable: &["a load balancer"],
    parse: section,
};

/// `{ ... }` after the `load_balancer` key.
fn section(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
    platform: &mut Platform,
) -> syn::Result<()> {
    cx.span(path::load_balancing(), at);
    let content;
    braced!(content in input);
    platform.load_balancer = parse::load_balancing(&content, cx, acks);
    Ok(())
}
