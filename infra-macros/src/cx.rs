//! What parsing collects besides the model: spans of model paths, rejected values, stand-ins,
//! acknowledgements and the syntax errors parsing recovered from.

use std::collections::HashMap;
use std::fmt::Display;

use infra_core::rules::value_diagnostic;
use infra_core::value::ValueError;
use infra_core::{Diagnostic, ModelPath};
use proc_macro2::{LineColumn, Span};

/// The parse context.
#[derive(Default)]
pub struct Cx {
    /// Where each path was written; a duplicated element's path is written more than once.
    spans: HashMap<ModelPath, Vec<Span>>,
    /// The last token of values written as several tokens (`-1`), by the place of their first.
    ends: Vec<((LineColumn, LineColumn), Span)>,
    /// Values the core constructors rejected, as diagnostics.
    pub value_errors: Vec<Diagnostic>,
    /// Paths, as the model spells them, that hold a stand-in for a rejected value.
    stand_ins: Vec<ModelPath>,
    /// The stand-ins as a message would name them, in backticks (`` `us-east-1` ``).
    stand_in_names: Vec<String>,
    /// Syntax errors, each at its token; parsing went on after each.
    errors: Vec<syn::Error>,
}

impl Cx {
    /// Records that `path` was written (once more) at `span`.
    pub fn span(&mut self, path: ModelPath, span: Span) {
        self.spans.entry(path).or_default().push(span);
    }

    /// Records that `path` was written (once more) from the token at `start` to the one at `end`.
    pub fn span_range(&mut self, path: ModelPath, start: Span, end: Span) {
        if place(start) != place(end) {
            self.ends.push(((start.start(), start.end()), end));
        }
        self.span(path, start);
    }

    /// Records `span` for `path`, and a rejected value there, continuing with `stand_in`.
    pub fn value<T: Display>(
        &mut self,
        result: Result<T, ValueError>,
        path: ModelPath,
        span: Span,
        stand_in: impl FnOnce() -> T,
    ) -> T {
        self.value_range(result, path, span, span, stand_in)
    }

    /// Like [`Cx::value`], for a value written from the token at `start` to the one at `end`.
    pub fn value_range<T: Display>(
        &mut self,
        result: Result<T, ValueError>,
        path: ModelPath,
        start: Span,
        end: Span,
        stand_in: impl FnOnce() -> T,
    ) -> T {
        self.span_range(path.clone(), start, end);
        result.unwrap_or_else(|error| {
            self.value_errors
                .push(value_diagnostic(error, path.clone()));
            self.stand_ins.push(path);
            let value = stand_in();
            self.stand_in_names.push(format!("`{value}`"));
            value
        })
    }

    /// Records that the model holds a stand-in at `path`, where the model spells the path
    /// differently from the text the user wrote (a subnet keyed by a stand-in zone).
    pub fn stand_in_at(&mut self, path: ModelPath) {
        self.stand_ins.push(path);
    }

    /// Records a syntax error; parsing goes on.
    pub fn error(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// Whether a syntax error was recorded.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The recorded syntax errors.
    pub fn take_errors(&mut self) -> Vec<syn::Error> {
        std::mem::take(&mut self.errors)
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

    /// The last token of the value whose first token is at `start`: `start` itself unless the
    /// value was written as several tokens.
    pub fn end_of(&self, start: Span) -> Span {
        let at = place(start);
        self.ends
            .iter()
            .find(|(first, _)| *first == at)
            .map_or(start, |(_, end)| *end)
    }

    /// Whether `path` itself was recorded.
    #[cfg(test)]
    pub fn recorded(&self, path: &ModelPath) -> bool {
        self.spans.contains_key(path)
    }

    /// Whether a rule's finding involves a stand-in, so it would repeat a rejected value's error
    /// or, worse, describe a value the user never wrote.
    ///
    /// A finding involves a stand-in when one of its places (its own or a related one) lies
    /// inside the stand-in, or is the element that holds it (a finding about a network ACL rule
    /// may rest on the rule's stand-in CIDR, and one about a tier on a subnet's stand-in zone), or
    /// when its text names a stand-in in backticks.
    pub fn is_cascade(&self, diagnostic: &Diagnostic) -> bool {
        let places =
            std::iter::once(&diagnostic.path).chain(diagnostic.related.iter().map(|r| &r.path));
        let at_stand_in = places.into_iter().any(|place| {
            self.stand_ins.iter().any(|stand_in| {
                place.starts_with(stand_in) || stand_in.parent().as_ref() == Some(place)
            })
        });
        // A rule may also name a value in its text without relating the value's place (a help
        // line naming the region): such a finding names the stand-in itself.
        let texts = std::iter::once(&diagnostic.message)
            .chain(&diagnostic.help)
            .chain(diagnostic.related.iter().map(|r| &r.label));
        at_stand_in
            || texts
                .into_iter()
                .any(|text| self.stand_in_names.iter().any(|name| text.contains(name)))
    }
}

fn place(span: Span) -> (LineColumn, LineColumn) {
    (span.start(), span.end())
}

#[cfg(test)]
mod tests {
    use infra_core::model::{path, Direction};
    use infra_core::rules::{PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC, SUBNET_OVERLAP, ZONE_NOT_COVERED};
    use infra_core::value::Cidr;

    use super::*;

    #[test]
    fn findings_on_or_around_a_stand_in_are_cascades() {
        let mut cx = Cx::default();
        let rule = path::acl_rule("public", Direction::Inbound, 0);
        let _ = cx.value(
            Cidr::new("0.0.0.0/33"),
            path::acl_rule_cidr("public", Direction::Inbound, 0),
            Span::call_site(),
            || Cidr::ANYWHERE,
        );
        cx.stand_in_at(path::subnet("public", "xx-invalid-1a"));
        // On the element that holds the stand-in.
        assert!(cx.is_cascade(&PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC.at(rule, "denied")));
        // Inside the stand-in's element, and on the element holding it.
        let subnet_cidr = path::subnet_cidr("public", "xx-invalid-1a");
        assert!(cx.is_cascade(&SUBNET_OVERLAP.at(subnet_cidr.clone(), "overlap")));
        assert!(cx.is_cascade(&ZONE_NOT_COVERED.at(path::tier("public"), "missing")));
        // Through a related place.
        let other = path::subnet_cidr("private", "ap-northeast-1a");
        let related = SUBNET_OVERLAP
            .at(other.clone(), "overlap")
            .with_related(subnet_cidr, "here");
        assert!(cx.is_cascade(&related));
        // Elsewhere: not a cascade.
        assert!(!cx.is_cascade(&SUBNET_OVERLAP.at(other, "overlap")));
        assert!(!cx.is_cascade(&ZONE_NOT_COVERED.at(path::tier("private"), "missing")));
        assert!(!cx.is_cascade(
            &PUBLIC_ACL_BLOCKS_RETURN_TRAFFIC
                .at(path::acl_rule("public", Direction::Inbound, 1), "denied")
        ));
    }
}
