//! The storage section's rules, each declared beside its check. The lifecycle's own rules are
//! its constructor's (`crate::storage::value`).

mod buckets;
mod lifecycles;

pub use buckets::*;
pub use lifecycles::*;
pub use crate::storage::value::{
    EXPIRATION_BEFORE_TRANSITION, INFREQUENT_ACCESS_TOO_EARLY, LIFECYCLE_TRANSITION_ORDER,
    LIFECYCLE_ZERO_DAYS, STORAGE_CLASS_WATERFALL, TOO_SOON_AFTER_INFREQUENT_ACCESS,
};

use crate::diag::Diagnostic;
use crate::model::Platform;
use crate::rules::Rule;

/// The section's rules, one list per module.
pub(super) const RULES: &[&[Rule]] = &[crate::storage::value::RULES, buckets::RULES, lifecycles::RULES];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    buckets::check(cx, platform);
    lifecycles::check(cx, platform);
}
