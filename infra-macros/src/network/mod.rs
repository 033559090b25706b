//! The `network { ... }` section of `platform!`.

mod firewall;
mod keyword;
mod parse;

use infra_core::model::{path, Acknowledgement, Platform};
use proc_macro2::Span;
use syn::braced;
use syn::parse::ParseStream;

use crate::cx::Cx;
use crate::sections::Section;

/// The network section, as registered in `crate::sections`.
pub const SECTION: Section = Section {
    key: "network",
    required: Some("network { ... }"),
    path: path::network,
    acknowledgeable: &[
        "a tier",
        "a security group",
        "a network ACL",
        "`interface_endpoints`",
    ],
    parse: section,
};

/// `{ ... }` after the `network` key.
fn section(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
    platform: &mut Platform,
) -> syn::Result<()> {
    cx.span(path::network(), at);
    let content;
    braced!(content in input);
    if let Some(network) = parse::network(&content, cx, acks, at) {
        platform.network = network;
    }
    Ok(())
}
