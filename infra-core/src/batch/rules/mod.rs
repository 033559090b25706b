//! The batch section's rules, each declared beside its check.

mod compute_environments;
mod instances;
mod queues;

pub use super::value::{INVALID_JOB_QUEUE_PRIORITY, INVALID_MAX_VCPUS};
pub use compute_environments::*;
pub use instances::*;
pub use queues::*;

use crate::diag::Diagnostic;
use crate::model::Platform;
use crate::rules::Rule;

/// The section's rules, one list per module: the values' first.
pub(super) const RULES: &[&[Rule]] = &[
    super::value::RULES,
    compute_environments::RULES,
    instances::RULES,
    queues::RULES,
];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    compute_environments::check(cx, platform);
    instances::check(cx, platform);
    queues::check(cx, platform);
}
