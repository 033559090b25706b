//! Every validation rule, written once; the builder and the `platform!` macro both run them.
//!
//! Each rule is a function of the model that pushes [`Diagnostic`]s; its doc comment names the
//! AWS fact it encodes and [`catalogue()`] lists it. [`validate`] runs them all and returns every
//! finding, never just the first.

mod acknowledge;
mod catalogue;
mod environments;
pub(crate) mod names;
pub(crate) mod per_env;
pub mod suggest;

use std::ops::Deref;

pub use crate::sections::rules::*;
pub use acknowledge::INVALID_ACKNOWLEDGEMENT;
pub(crate) use catalogue::declare_rules;
pub use catalogue::{catalogue, catalogue_markdown, Rule};
pub use catalogue::{
    INVALID_ACL_RULE_NUMBER, INVALID_CIDR, INVALID_DURATION, INVALID_ENDPOINT_SERVICE,
    INVALID_LOG_RETENTION, INVALID_NAME, INVALID_PORT_RANGE, INVALID_REGION, INVALID_ZONE,
};
pub use environments::{ENVIRONMENT_WITHOUT_ZONES, MULTI_AZ_SINGLE_ZONE, ZONE_OUTSIDE_REGION};
pub use names::DUPLICATE_NAME;
pub use per_env::UNKNOWN_ENVIRONMENT;

use crate::diag::{Diagnostic, Diagnostics, ModelPath, Severity};
use crate::model::Platform;
use crate::value::ValueError;

/// A model that passed every rule. Only [`Platform::validate`] makes one, so a backend that takes
/// a `Validated<Platform>` never sees an unchecked design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated<T> {
    inner: T,
    warnings: Vec<Diagnostic>,
}

impl<T> Validated<T> {
    /// The warnings that validation found and the design did not acknowledge.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The checked model.
    pub fn get(&self) -> &T {
        &self.inner
    }

    /// Gives the model back, to change it and validate again.
    pub fn into_inner(self) -> T {
        self.inner
    }
}

impl<T> Deref for Validated<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

/// Runs every rule on `platform`.
///
/// # Errors
/// Every finding, sorted by path and code, when at least one is an error.
pub fn validate(platform: Platform) -> Result<Validated<Platform>, Diagnostics> {
    let mut findings = check(&platform);
    if findings.iter().any(|d| d.severity == Severity::Error) {
        Err(Diagnostics::new(findings))
    } else {
        findings.retain(|d| d.severity == Severity::Warning);
        Ok(Validated {
            inner: platform,
            warnings: findings,
        })
    }
}

/// Every finding on `platform`, acknowledged warnings removed, sorted by path and code.
pub fn check(platform: &Platform) -> Vec<Diagnostic> {
    let mut cx = Vec::new();
    environments::check(&mut cx, platform);
    for section in crate::SECTIONS {
        (section.check)(&mut cx, platform);
    }
    let mut findings = acknowledge::apply(cx, platform);
    findings.sort_by(|a, b| (&a.path, a.code).cmp(&(&b.path, b.code)));
    findings
}

/// The diagnostic for a value a constructor rejected, at `path`.
///
/// Front ends that read values from text (the `platform!` macro) use this, so a bad value reads
/// the same whichever way it was written.
pub fn value_diagnostic(error: ValueError, path: ModelPath) -> Diagnostic {
    error
        .rule()
        .at(path, error.to_string())
        .with_help(error.help())
}
