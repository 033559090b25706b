//! Sections: the unit the platform grows by. A section is a folder (its model, paths and rules)
//! registered once in `sections!` in the crate root; everything that lists every section (the
//! rule catalogue, [`crate::rules::check`], the span tests, the re-exports in [`crate::model`],
//! [`crate::model::path`] and [`crate::rules`]) is built from that list.

use crate::diag::{Diagnostic, ModelPath};
use crate::model::Platform;
use crate::rules::Rule;

/// What a section gives the rest of the crate.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    /// Its key in the platform, such as `network`.
    pub name: &'static str,
    /// Its rules, in catalogue order, one list per module that declares some.
    pub rules: &'static [&'static [Rule]],
    /// Runs its rules on a platform, pushing findings.
    pub check: fn(&mut Vec<Diagnostic>, &Platform),
    /// The path of every element of the section in `platform`, which a front end must be able
    /// to point at (the `platform!` macro's span tests use it).
    pub paths: fn(&Platform) -> Vec<ModelPath>,
}
