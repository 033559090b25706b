//! The `security { ... }` section of `platform!`.

mod keyword;
mod parse;

use infra_core::model::{path, Acknowledgement, Platform};
use proc_macro2::Span;
use syn::braced;
use syn::parse::ParseStream;

use crate::cx::Cx;
use crate::sections::Section;

/// The security section, as registered in `crate::sections`.
pub const SECTION: Section = Section {
    key: "security",
    required: None,
    path: path::security,
    acknowledgeable: &["`minimum_tls`", "a KMS key", "a web ACL", "a role", "a group", "a user", "a secret"],
    parse: section,
};

/// `{ ... }` after the `security` key.
fn section(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    at: Span,
    platform: &mut Platform,
) -> syn::Result<()> {
    cx.span(path::security(), at);
    let content;
    braced!(content in input);
    platform.security = parse::security(&content, cx, acks);
    Ok(())
}
