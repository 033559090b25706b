//! The macro's pipeline on plain token streams: every finding of every UI case lands on a token
//! of the input (never the call site), expansion is an error exactly when a rule says so, and the
//! expansion of a valid design decodes to the very model that was parsed and checked.

use std::fs;
use std::path::Path;
use std::str::FromStr;

use infra_core::model::{path, Platform};
use infra_core::rules::check;
use proc_macro2::{TokenStream, TokenTree};

use crate::cx::Cx;
use crate::parse::parse;

/// The body of the first `platform! { ... }` in `source`.
fn body(source: &str) -> Option<&str> {
    let start = source.find("platform! {")? + "platform! {".len();
    let mut depth = 1;
    for (idx, c) in source[start..].char_indices() {
        depth += match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        };
        if depth == 0 {
            return Some(&source[start..start + idx]);
        }
    }
    None
}

fn tokens(text: &str) -> TokenStream {
    TokenStream::from_str(text).expect("tokens")
}

fn ui_cases() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui");
    let mut cases = Vec::new();
    for entry in fs::read_dir(dir).expect("tests/ui") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            let source = fs::read_to_string(&path).expect("a UI case");
            if let Some(text) = body(&source) {
                let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name");
                cases.push((stem.to_owned(), text.to_owned()));
            }
        }
    }
    cases
}

#[test]
fn every_finding_of_every_ui_case_lands_on_a_token() {
    let cases = ui_cases();
    assert!(cases.len() >= 20, "found only {} UI cases", cases.len());
    for (name, text) in cases {
        let mut cx = Cx::default();
        let Ok(platform) = parse(tokens(&text), &mut cx) else {
            continue;
        }; // a syntax case
        let mut findings = std::mem::take(&mut cx.value_errors);
        findings.extend(check(&platform).into_iter().filter(|d| !cx.is_cascade(d)));
        if infra_core::rules::Rule::find(&name).is_some() {
            assert!(
                findings.iter().any(|d| d.code == name),
                "{name}: no `{name}` finding in {findings:?}"
            );
        }
        for finding in &findings {
            let line = cx.span_of(&finding.path).start().line;
            assert!(
                line > 0,
                "{name}: `{}` at `{}` has no span",
                finding.code,
                finding.path
            );
            for related in &finding.related {
                assert!(
                    cx.span_of(&related.path).start().line > 0,
                    "{name}: related `{}` has no span",
                    related.path
                );
            }
        }
    }
}

#[test]
fn every_element_of_the_reference_design_has_a_span() {
    let source =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/production.rs"))
            .expect("example");
    let mut cx = Cx::default();
    let platform =
        parse(tokens(body(&source).expect("a platform! body")), &mut cx).expect("it parses");
    // The platform's own elements, then every registered section's.
    let mut paths = vec![path::platform_name(), path::region()];
    for env in &platform.environments {
        let name = env.name.as_str();
        paths.extend([
            path::environment(name),
            path::environment_multi_az(name),
            path::environment_zones(name),
        ]);
        paths.extend((0..env.zones.len()).map(|idx| path::environment_zone(name, idx)));
    }
    for section in infra_core::SECTIONS {
        let own = (section.paths)(&platform);
        assert!(
            own.len() > 1,
            "section `{}` lists no elements",
            section.name
        );
        paths.extend(own);
    }
    for path in paths {
        // The exact path: a span found through a parent would hide a missing record.
        assert!(cx.recorded(&path), "`{path}` has no span of its own");
        assert!(
            cx.span_of(&path).start().line > 0,
            "`{path}` has no location"
        );
    }
}

#[test]
fn expansion_is_an_error_exactly_when_a_rule_fails() {
    let source =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/production.rs"))
            .expect("example");
    let good = body(&source).expect("a platform! body");
    let expanded = crate::expand::platform(tokens(good)).to_string();
    assert!(
        !expanded.contains("compile_error") && expanded.contains("validated"),
        "{expanded}"
    );
    let bad = good.replace("\"10.0.12.0/24\"", "\"10.1.12.0/24\"");
    let expanded = crate::expand::platform(tokens(&bad)).to_string();
    assert!(
        expanded.contains("compile_error") && expanded.contains("[subnet-outside-vpc]"),
        "{expanded}"
    );
    assert!(expanded.contains("placeholder"), "{expanded}");
}

/// The string literal that an expansion passes to `decode`: the model as data.
fn emitted_model(expansion: TokenStream) -> Option<String> {
    let mut trees = expansion.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Ident(ident) if ident == "decode" => {
                let Some(TokenTree::Group(arguments)) = trees.peek() else {
                    continue;
                };
                // `decode("<json>", file!())`: the first argument.
                let first = arguments.stream().into_iter().next()?;
                let literal: syn::LitStr = syn::parse2(first.into()).ok()?;
                return Some(literal.value());
            }
            TokenTree::Group(group) => {
                if let Some(model) = emitted_model(group.stream()) {
                    return Some(model);
                }
            }
            _ => {}
        }
    }
    None
}

/// The number of tokens in `stream`, groups' contents included.
fn n_tokens(stream: TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => 1 + n_tokens(group.stream()),
            _ => 1,
        })
        .sum()
}

/// The expansion cannot drift from the parse: for the reference design and every passing UI case,
/// the data that the expansion holds decodes (through every value's constructor) to exactly the
/// model that `parse` built and the rules checked. The expansion is that one literal in a fixed
/// frame, whatever the size of the design.
#[test]
fn the_expansion_decodes_to_the_parsed_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = vec![root.join("examples/production.rs")];
    for entry in fs::read_dir(root.join("tests/ui/pass")).expect("tests/ui/pass") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    let mut n_checked = 0;
    for file in &files {
        let source = fs::read_to_string(file).expect("a source file");
        // A case that includes the example by `#[path]` has no body of its own.
        let Some(text) = body(&source) else {
            continue;
        };
        let parsed = parse(tokens(text), &mut Cx::default())
            .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        let expansion = crate::expand::platform(tokens(text));
        assert!(
            n_tokens(expansion.clone()) < 40,
            "{}: {expansion}",
            file.display()
        );
        let json = emitted_model(expansion)
            .unwrap_or_else(|| panic!("{}: the expansion holds no model", file.display()));
        let decoded = Platform::from_json(&json)
            .unwrap_or_else(|error| panic!("{}: {error}\n{json}", file.display()));
        assert_eq!(decoded, parsed, "{}", file.display());
        n_checked += 1;
    }
    assert!(
        n_checked >= 2,
        "checked only {n_checked} designs of {files:?}"
    );
}
