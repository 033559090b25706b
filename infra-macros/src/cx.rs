//! What parsing collects besides the model: spans of model paths, rejected values, acknowledgements.

use std::collections::HashMap;

use infra_core::rules::value_diagnostic;
use infra_core::value::ValueError;
use infra_core::{Diagnostic, ModelPath};
use proc_macro2::Span;

/// The parse context.
#[derive(Default)]
pub struct Cx {
    /// Where each path was written; a duplicated element's path is written more than once.
    spans: HashMap<ModelPath, Vec<Span>>,
    /// Values the core constructors rejected, as diagnostics.
    pub value_errors: Vec<Diagnostic>,
    /// Paths whose value was rejected and replaced by a stand-in.
    broken: Vec<ModelPath>,
}

impl Cx {
    /// Records that `path` was written (once more) at `span`.
    pub fn span(&mut self, path: ModelPath, span: Span) {
        self.spans.entry(path).or_default().push(span);
    }

    /// Records `span` for `path`, and a rejected value there, continuing with `stand_in`.
    pub fn value<T>(
        &mut self,
        result: Result<T, ValueError>,
        path: ModelPath,
        span: Span,
        stand_in: impl FnOnce() -> T,
    ) -> T {
        self.span(path.clone(), span);
        result.unwrap_or_else(|error| {
            self.value_errors
                .push(value_diagnostic(error, path.clone()));
            self.broken.push(path);
            stand_in()
        })
    }

    /// The span of `path`, or of the nearest enclosing element that has one.
    pub fn span_of(&self, path: &ModelPath) -> Span {
        self.span_of_occurrence(path, 0)
    }

    /// The span of the `occurrence`-th writing of `path` (0 is the first), or the last one.
    pub fn span_of_occurrence(&self, path: &ModelPath, occurrence: usize) -> Span {
        let mut at = Some(path.clone());
        while let Some(path) = at {
            if let Some(spans) = self.spans.get(&path) {
                return spans
                    .get(occurrence)
                    .or(spans.last())
                    .copied()
                    .unwrap_or_else(Span::call_site);
            }
            at = path.parent();
        }
        Span::call_site()
    }

    /// Whether `path` itself was recorded.
    #[cfg(test)]
    pub fn recorded(&self, path: &ModelPath) -> bool {
        self.spans.contains_key(path)
    }

    /// Whether a rule's finding follows from a rejected value (and would only repeat it).
    pub fn is_cascade(&self, diagnostic: &Diagnostic) -> bool {
        let paths =
            std::iter::once(&diagnostic.path).chain(diagnostic.related.iter().map(|r| &r.path));
        paths
            .into_iter()
            .any(|path| self.broken.iter().any(|broken| path.starts_with(broken)))
    }
}
