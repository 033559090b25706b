//! Duplicate names, shared by the rules of every section.

use std::collections::HashMap;

use crate::diag::{Diagnostic, ModelPath};
use crate::rules::declare_rules;

declare_rules! {
    /// Two elements of one kind share a name (or a logical id).
    DUPLICATE_NAME = "duplicate-name", Error,
        "names are unique within their kind, also once written as logical ids",
        "CloudFormation template anatomy: logical IDs are unique within a template";
}

/// Reports every element whose key was already used by an earlier one of the same `kind`.
///
/// `items` yields each element's display name, its key (the name as a logical-id fragment, so
/// that `tier_1` and `tier1` collide) and its path.
///
/// Source: CloudFormation template anatomy, logical IDs are unique within a template.
pub(crate) fn check_unique<'a>(
    cx: &mut Vec<Diagnostic>,
    kind: &str,
    items: impl IntoIterator<Item = (&'a str, String, ModelPath)>,
) {
    let mut seen: HashMap<String, (&str, ModelPath)> = HashMap::new();
    for (name, key, path) in items {
        match seen.get(&key) {
            Some((first, first_path)) => {
                let message = if *first == name {
                    format!("duplicate {kind} `{name}`")
                } else {
                    format!("{kind} `{name}` clashes with `{first}`: both become the logical id fragment `{key}`")
                };
                cx.push(
                    DUPLICATE_NAME
                        .at(path, message)
                        .with_related(first_path.clone(), format!("`{first}` is defined first"))
                        .with_help(format!(
                            "rename one of them; each {kind} needs its own name"
                        )),
                );
            }
            None => {
                seen.insert(key, (name, path));
            }
        }
    }
}
