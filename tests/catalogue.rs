//! The rule catalogue is complete: every rule has a compile-fail case named after its code whose
//! output shows that code, every compile-fail case is about a rule or about the macro itself, and
//! `docs/rules.md` matches the catalogue (`UPDATE_RULES=1 cargo test --test catalogue` rewrites it).

use std::fs;
use std::path::Path;

use infra::rules::{catalogue, catalogue_markdown};

/// Compile-fail cases about the macro rather than a rule.
const MACRO_CASES: &[&str] = &[
    "all-errors-in-one-build",
    "const-values",
    "help-lists-a-few-names",
    "no-cascade",
    "per-environment-finding",
    "no-stand-in",
    "syntax-acknowledgement-needs-reason",
    "syntax-kms-key-by-arn",
    "syntax-literal-suffix",
    "syntax-missing-field",
    "syntax-per-environment",
    "syntax-recovery",
    "syntax-rule-direction",
    "syntax-waf-managed-rule-action",
    "syntax-unknown-key",
    "syntax-wording",
];

#[test]
fn every_rule_has_a_ui_case_showing_its_code() {
    for rule in catalogue() {
        let stderr = Path::new("tests/ui").join(format!("{}.stderr", rule.code));
        let text = fs::read_to_string(&stderr)
            .unwrap_or_else(|_| panic!("no UI case for `{}`", rule.code));
        assert!(
            text.contains(&format!("[{}]", rule.code)),
            "{} does not show `[{}]`",
            stderr.display(),
            rule.code
        );
    }
}

#[test]
fn every_ui_case_is_about_a_rule_or_the_macro() {
    for entry in fs::read_dir("tests/ui").expect("tests/ui") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a UTF-8 name");
            let known = catalogue().any(|rule| rule.code == stem) || MACRO_CASES.contains(&stem);
            assert!(
                known,
                "{} is neither a rule code nor a macro case",
                path.display()
            );
        }
    }
}

#[test]
fn docs_list_the_catalogue() {
    let expected = catalogue_markdown();
    if std::env::var_os("UPDATE_RULES").is_some() {
        fs::write("docs/rules.md", &expected).expect("write docs/rules.md");
    }
    let actual = fs::read_to_string("docs/rules.md").unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: run `UPDATE_RULES=1 cargo test --test catalogue`"
    );
}
