//! The compute section's rules, each declared beside its check.

mod scaling;
mod services;

pub use super::value::INVALID_CAPACITY;
pub use scaling::*;
pub use services::*;

use crate::diag::Diagnostic;
use crate::model::Platform;
use crate::rules::Rule;

/// The section's rules, one list per module: the values' first.
pub(super) const RULES: &[&[Rule]] = &[super::value::RULES, services::RULES, scaling::RULES];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    services::check(cx, platform);
    scaling::check(cx, platform);
}
