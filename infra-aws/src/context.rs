//! What a template says about itself: CloudFormation's Metadata Context (schema v1) on every
//! resource and on the template, and checkov's skip metadata for acknowledged warnings.
//!
//! A lowering function states, in one [`Context`], the design element a resource comes from (its
//! model path), why the resource exists, the catalogue rules that checked that element and
//! whether the resource is stateful; [`crate::Resource`] writes it as
//! `Metadata."com.aws.cloudformation.Context"`:
//!
//! * `why`: the element and its purpose, in the design's words;
//! * `must`: each rule's summary and code, from [`infra_core::rules::catalogue`];
//! * `mutable`: `change-with-constraints` for a [`State::Stateful`] resource, `review-required`
//!   for a [`State::Stateless`] one;
//! * `trust`: `src: authored`, `conf: high` (the design states it) and a `cite` naming the
//!   design's file (when `platform!` recorded it), the platform and the element's model path.
//!
//! The template's own block carries `arch`, the platform's shape and data flow, and `must`, the
//! rules that hold across the whole environment.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use infra_core::diag::ModelPath;
use infra_core::model::Acknowledgement;
use infra_core::rules::Rule;

/// The metadata key of CloudFormation's Metadata Context, on resources and on the template.
pub const CONTEXT_KEY: &str = "com.aws.cloudformation.Context";

/// Whether a resource keeps something that replacing it would lose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Keeps data or an identity that a replacement loses: log events, a public address, the
    /// blocks and ids that other resources and stacks are built on.
    Stateful,
    /// Configuration only: CloudFormation can replace it without loss, though traffic or access
    /// depends on it.
    Stateless,
}

impl State {
    /// The Metadata Context `mutable` value: a stateful resource may change only within the
    /// constraints its `must` lists, without replacement; any change to a stateless one is
    /// reviewed, since it gates traffic or access.
    pub const fn mutable(self) -> &'static str {
        match self {
            Self::Stateful => "change-with-constraints",
            Self::Stateless => "review-required",
        }
    }
}

/// Where a resource comes from and why it exists, written as its Metadata Context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    path: ModelPath,
    why: String,
    rules: Vec<&'static Rule>,
    state: State,
    cite: String,
}

impl Context {
    /// The context of a resource lowered from the element at `path` of the platform `platform`.
    pub(crate) fn new(
        platform: &str,
        source: Option<&str>,
        path: ModelPath,
        why: String,
        state: State,
    ) -> Context {
        let cite = match source {
            Some(file) => format!("{file}, platform `{platform}`, model path {path}"),
            None => format!("platform `{platform}`, model path {path}"),
        };
        Context {
            path,
            why,
            rules: Vec::new(),
            state,
            cite,
        }
    }

    /// Adds the rules that checked the element.
    pub(crate) fn must(mut self, rules: impl IntoIterator<Item = &'static Rule>) -> Context {
        for rule in rules {
            if !self.rules.iter().any(|known| known.code == rule.code) {
                self.rules.push(rule);
            }
        }
        self
    }

    /// The model path of the element the resource is lowered from.
    pub fn path(&self) -> &ModelPath {
        &self.path
    }

    /// Why the resource exists.
    pub fn why(&self) -> &str {
        &self.why
    }

    /// The rules that checked the element, in the order the lowering listed them.
    pub fn rules(&self) -> &[&'static Rule] {
        &self.rules
    }

    /// Whether the resource is stateful.
    pub fn state(&self) -> State {
        self.state
    }

    /// The `trust.cite` text: the design's file, the platform and the model path.
    pub fn cite(&self) -> &str {
        &self.cite
    }
}

/// One `must` entry: a rule's summary, then its code.
fn must_entry(rule: &Rule) -> String {
    format!("{} [{}]", rule.summary, rule.code)
}

impl Serialize for Context {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if !self.rules.is_empty() {
            let must: Vec<String> = self.rules.iter().map(|rule| must_entry(rule)).collect();
            map.serialize_entry("must", &must)?;
        }
        map.serialize_entry("mutable", self.state.mutable())?;
        map.serialize_entry(
            "trust",
            &Trust {
                cite: &self.cite,
                conf: "high",
                src: "authored",
            },
        )?;
        map.serialize_entry("why", &self.why)?;
        map.end()
    }
}

/// `trust`: the design states the context (`authored`), so confidence is high.
#[derive(Serialize)]
struct Trust<'a> {
    cite: &'a str,
    conf: &'static str,
    src: &'static str,
}

/// A checkov suppression: the check's id and why it does not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skip {
    /// The checkov check id, such as `CKV_AWS_24`.
    pub id: &'static str,
    /// The acknowledgement's reason.
    pub comment: String,
}

/// The checkov suppressions that the design's acknowledgements put on a resource lowered from the
/// element at `path`: for each acknowledgement at or above `path`, its rule's checks, with its
/// reason. A check named twice keeps the first reason.
pub(crate) fn skips(path: &ModelPath, acknowledgements: &[Acknowledgement]) -> Vec<Skip> {
    let mut skips: Vec<Skip> = Vec::new();
    for ack in acknowledgements
        .iter()
        .filter(|ack| path.starts_with(&ack.path))
    {
        let checks = Rule::find(&ack.code).map_or(&[][..], |rule| rule.checkov);
        for &id in checks {
            if !skips.iter().any(|skip| skip.id == id) {
                skips.push(Skip {
                    id,
                    comment: ack.reason.clone(),
                });
            }
        }
    }
    skips
}

/// The template's Metadata Context: the platform's architecture and the rules that hold across it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TemplateContext {
    pub(crate) arch: String,
    pub(crate) rules: Vec<&'static Rule>,
}

impl Serialize for TemplateContext {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("arch", &self.arch)?;
        if !self.rules.is_empty() {
            let must: Vec<String> = self.rules.iter().map(|rule| must_entry(rule)).collect();
            map.serialize_entry("must", &must)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use infra_core::model::path;
    use infra_core::rules::{DATABASE_OPEN_TO_WORLD, SUBNET_OVERLAP};

    use super::*;

    fn ack(code: &str, path: ModelPath, reason: &str) -> Acknowledgement {
        Acknowledgement {
            code: code.to_owned(),
            path,
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn a_check_is_skipped_once_with_the_first_reason() {
        let acks = [
            ack(DATABASE_OPEN_TO_WORLD.code, path::network(), "first"),
            ack(
                DATABASE_OPEN_TO_WORLD.code,
                path::security_group("db"),
                "second",
            ),
            ack(
                DATABASE_OPEN_TO_WORLD.code,
                path::security_group("other"),
                "x",
            ),
        ];
        let found = skips(&path::security_group_tier("db"), &acks);
        let ids: Vec<&str> = found.iter().map(|skip| skip.id).collect();
        assert_eq!(ids, DATABASE_OPEN_TO_WORLD.checkov);
        assert!(found.iter().all(|skip| skip.comment == "first"));
        // Outside every acknowledged path, or for a rule without checks: nothing.
        assert!(skips(&path::region(), &acks).is_empty());
        let no_checks = [ack(SUBNET_OVERLAP.code, path::network(), "n/a")];
        assert!(skips(&path::vpc(), &no_checks).is_empty());
    }

    #[test]
    fn rules_are_listed_once_in_the_given_order() {
        let context = Context::new(
            "p",
            Some("examples/p.rs"),
            path::vpc(),
            "why".into(),
            State::Stateful,
        )
        .must([&SUBNET_OVERLAP, &DATABASE_OPEN_TO_WORLD])
        .must([&SUBNET_OVERLAP]);
        let codes: Vec<&str> = context.rules().iter().map(|rule| rule.code).collect();
        assert_eq!(codes, [SUBNET_OVERLAP.code, DATABASE_OPEN_TO_WORLD.code]);
        let json = serde_json::to_value(&context).expect("serializes");
        assert_eq!(json["mutable"], "change-with-constraints");
        assert_eq!(json["must"][0], "subnets do not overlap [subnet-overlap]");
        assert_eq!(
            json["trust"]["cite"],
            "examples/p.rs, platform `p`, model path network.vpc"
        );
    }
}
