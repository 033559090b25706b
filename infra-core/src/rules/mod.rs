//! Every validation rule, written once; the builder and the `platform!` macro both run them.
//!
//! Each rule is a function of the model that pushes [`Diagnostic`]s; its doc comment names the
//! AWS fact it encodes and [`CATALOGUE`] lists it. [`validate`] runs them all and returns every
//! finding, never just the first.

mod acknowledge;
mod acls;
mod catalogue;
mod endpoints;
mod environments;
mod names;
mod per_env;
mod security_groups;
mod subnets;
pub mod suggest;

use std::ops::Deref;

pub use catalogue::*;

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
    subnets::check(&mut cx, platform);
    security_groups::check(&mut cx, platform);
    acls::check(&mut cx, platform);
    endpoints::check(&mut cx, platform);
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
