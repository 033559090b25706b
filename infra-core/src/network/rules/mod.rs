//! The network section's rules, each declared beside its check.

mod acls;
mod endpoints;
mod security_groups;
mod subnets;

pub use acls::*;
pub use endpoints::*;
pub use security_groups::*;
pub use subnets::*;

use crate::diag::Diagnostic;
use crate::model::Platform;
use crate::rules::Rule;

/// The section's rules, one list per module.
pub(super) const RULES: &[&[Rule]] = &[
    subnets::RULES,
    security_groups::RULES,
    acls::RULES,
    endpoints::RULES,
];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    subnets::check(cx, platform);
    security_groups::check(cx, platform);
    acls::check(cx, platform);
    endpoints::check(cx, platform);
}
