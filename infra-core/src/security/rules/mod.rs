//! The security section's rules, each declared beside its check.

mod iam;
mod kms;
mod secrets;
#[cfg(test)]
mod testing;
mod tls;
mod waf;

pub use iam::*;
pub use kms::*;
pub use secrets::*;
pub use tls::*;
pub use waf::*;

use crate::diag::Diagnostic;
use crate::model::Platform;
use crate::rules::Rule;

/// The section's rules, one list per module.
pub(super) const RULES: &[&[Rule]] = &[tls::RULES, kms::RULES, waf::RULES, iam::RULES, secrets::RULES];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    tls::check(cx, platform);
    kms::check(cx, platform);
    waf::check(cx, platform);
    iam::check(cx, platform);
    secrets::check(cx, platform);
}
