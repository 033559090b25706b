//! The load balancer section's rules, each declared beside its check.

mod acls;
mod listeners;
mod load_balancers;
mod routes;

pub use acls::*;
pub use listeners::*;
pub use load_balancers::*;
pub use routes::*;

use crate::diag::Diagnostic;
use crate::model::Platform;
use crate::rules::Rule;

/// The section's rules, one list per module.
pub(super) const RULES: &[&[Rule]] = &[load_balancers::RULES, listeners::RULES, routes::RULES, acls::RULES];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    load_balancers::check(cx, platform);
    listeners::check(cx, platform);
    routes::check(cx, platform);
    acls::check(cx, platform);
}
