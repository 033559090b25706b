//! Diagnostics: what validation says about a design, in the domain's words.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS rejects the design, or it cannot work: it does not validate.
    Error,
    /// Probably a mistake; the design still validates. Acknowledge it with a reason to silence it.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// Where in the model a diagnostic points, such as `network.subnets.private["ap-northeast-1c"]`.
///
/// Paths are made only by the functions of [`crate::model::path`] (its constructors are private
/// to infra-core), so the rules, the `platform!` macro's span table and the backends' citations
/// always spell them alike.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ModelPath(String);

impl ModelPath {
    /// A path from its text. Paths normally come from [`crate::model::path`]; this is for paths
    /// written by hand, such as the place an acknowledgement made with the builder covers.
    pub fn new(text: impl Into<String>) -> ModelPath {
        ModelPath(text.into())
    }

    pub(crate) fn root(segment: &str) -> ModelPath {
        ModelPath(segment.to_owned())
    }

    /// The path of the field `name` of this element.
    pub(crate) fn field(&self, name: &str) -> ModelPath {
        ModelPath(format!("{}.{name}", self.0))
    }

    pub(crate) fn key(&self, key: &str) -> ModelPath {
        ModelPath(format!("{}[\"{key}\"]", self.0))
    }

    pub(crate) fn index(&self, idx: usize) -> ModelPath {
        ModelPath(format!("{}[{idx}]", self.0))
    }

    /// The path of the enclosing element, or `None` at the top.
    pub fn parent(&self) -> Option<ModelPath> {
        let cut = match self.0.strip_suffix(']') {
            Some(_) => self.0.rfind('['),
            None => self.0.rfind('.'),
        }?;
        Some(ModelPath(self.0[..cut].to_owned()))
    }

    /// Whether `self` is `ancestor` or lies inside it.
    pub fn starts_with(&self, ancestor: &ModelPath) -> bool {
        self.0 == ancestor.0
            || (self.0.starts_with(&ancestor.0)
                && matches!(self.0.as_bytes()[ancestor.0.len()], b'.' | b'['))
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ModelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Another place a diagnostic is about, such as the VPC a subnet falls outside of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Where it is.
    pub path: ModelPath,
    /// What it is, in a few words (`the VPC block is `10.0.0.0/16``).
    pub label: String,
}

/// One finding: a stable code, a severity, where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule's stable code, such as `subnet-outside-vpc`; see [`crate::rules::catalogue`].
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The model element at fault.
    pub path: ModelPath,
    /// What is wrong, in AWS's terms, lowercase and without a trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The other places involved.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// Adds the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place.
    pub fn with_related(mut self, path: ModelPath, label: impl Into<String>) -> Diagnostic {
        self.related.push(Related {
            path,
            label: label.into(),
        });
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}\n  --> {}",
            self.severity, self.code, self.message, self.path
        )?;
        for related in &self.related {
            write!(f, "\n  = note: {} (at `{}`)", related.label, related.path)?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Every finding of a validation that failed: at least one is an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Wraps findings of which at least one is an error.
    pub(crate) fn new(all: Vec<Diagnostic>) -> Diagnostics {
        debug_assert!(all.iter().any(|d| d.severity == Severity::Error));
        Diagnostics(all)
    }

    /// The findings, in a stable order (by path, then code).
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// The number of findings.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: a failed validation has at least one error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The codes, in order; handy in tests.
    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|d| d.code).collect()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (idx, diagnostic) in self.0.iter().enumerate() {
            if idx > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_nest_and_unnest() {
        let subnet = ModelPath::root("network")
            .field("subnets")
            .field("private")
            .key("ap-northeast-1c");
        assert_eq!(
            subnet.as_str(),
            r#"network.subnets.private["ap-northeast-1c"]"#
        );
        let tier = subnet.parent().unwrap();
        assert_eq!(tier.as_str(), "network.subnets.private");
        assert!(subnet.starts_with(&tier));
        assert!(!ModelPath::root("network")
            .field("subnets")
            .field("private2")
            .starts_with(&tier));
        assert_eq!(ModelPath::root("name").parent(), None);
    }
}
