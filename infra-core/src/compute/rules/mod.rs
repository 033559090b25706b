//! The compute section's rules, each declared beside its check.

mod queues;
mod scaling;
mod secrets;
mod services;
#[cfg(test)]
mod testing;

pub use super::queue_value::{
    INVALID_MAX_RECEIVE_COUNT, INVALID_MESSAGE_RETENTION, INVALID_QUEUE_THRESHOLD,
    INVALID_VISIBILITY_TIMEOUT,
};
pub use super::value::INVALID_CAPACITY;
pub use queues::*;
pub use scaling::*;
pub use secrets::*;
pub use services::*;

use crate::diag::Diagnostic;
use crate::model::Platform;
use crate::rules::Rule;

/// The section's rules, one list per module: the values' first.
pub(super) const RULES: &[&[Rule]] = &[
    super::value::RULES,
    super::queue_value::RULES,
    services::RULES,
    secrets::RULES,
    scaling::RULES,
    queues::RULES,
];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    services::check(cx, platform);
    secrets::check(cx, platform);
    scaling::check(cx, platform);
    queues::check(cx, platform);
}
