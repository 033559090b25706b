//! How `platform!` reads a section. The sections are registered by `sections!` in the crate
//! root, the only place of the macro that grows with a section: the platform's key dispatch, the
//! required sections and the message on a misplaced `#[allow(...)]` are built from it.

use infra_core::model::{Acknowledgement, Platform};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::parse::ParseStream;

use crate::cx::Cx;

/// How `platform!` reads one section.
pub struct Section {
    /// Its key in the platform: the name infra-core registers it under.
    pub key: &'static str,
    /// Whether every platform must have it, and how a missing one is written (`network { ... }`).
    pub required: Option<&'static str>,
    /// The path of the section itself, where an `#[allow(...)]` before its key applies.
    pub path: fn() -> ModelPath,
    /// The elements inside the section that take `#[allow(...)]`, for the message on a
    /// misplaced one (`a security group`).
    pub acknowledgeable: &'static [&'static str],
    /// Reads what follows the key into `platform`; `at` is the key, where a missing field of
    /// the section is reported.
    pub parse:
        fn(ParseStream, &mut Cx, &mut Vec<Acknowledgement>, Span, &mut Platform) -> syn::Result<()>,
}

pub(crate) use crate::SECTIONS;

/// The section with the key `key`, if any.
pub fn find(key: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|section| section.key == key)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sections_are_infra_cores() {
        let keys: Vec<&str> = super::SECTIONS.iter().map(|section| section.key).collect();
        let core: Vec<&str> = infra_core::SECTIONS
            .iter()
            .map(|section| section.name)
            .collect();
        assert_eq!(keys, core);
    }
}
