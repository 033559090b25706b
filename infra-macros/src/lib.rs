//! The `platform!` macro of the `infra` crate. Implementation detail: depend on `infra` instead.
//!
//! The pipeline: `parse` reads the DSL into an `infra_core` model and a table from model paths
//! to token spans; `infra_core::rules::check` runs every rule; `report` turns each finding into
//! a compile error (or a warning) at its token; `expand` writes code that builds the same
//! model through `infra_core`'s public API.

mod cx;
mod expand;
mod keyword;
mod parse;
mod report;

use proc_macro::TokenStream;

/// Describes a platform and checks it while compiling; see the `infra` crate.
#[proc_macro]
pub fn platform(input: TokenStream) -> TokenStream {
    expand::platform(input.into()).into()
}

#[cfg(test)]
mod tests;
