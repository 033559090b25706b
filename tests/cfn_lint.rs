//! cfn-lint, AWS's CloudFormation linter, finds nothing (no error, no warning, no informational
//! finding) in any environment's template of the example.
//!
//! The linter comes from `$CFN_LINT` or `.venv/bin/cfn-lint` (the README's test command installs
//! it there). Without one the test is skipped with a message, except under `CI=true`, where it fails.

#[path = "../examples/production.rs"]
mod production;

use std::path::PathBuf;
use std::process::Command;

fn linter() -> Option<PathBuf> {
    let candidate = std::env::var_os("CFN_LINT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/cfn-lint"));
    if candidate.is_file() {
        return Some(candidate);
    }
    let in_ci = std::env::var("CI").is_ok_and(|value| value == "true");
    assert!(
        !in_ci,
        "cfn-lint not found at {}; run ./scripts/test to install it",
        candidate.display()
    );
    eprintln!(
        "skipped: cfn-lint not found at {}; run ./scripts/test to install it",
        candidate.display()
    );
    None
}

#[test]
fn cfn_lint_finds_nothing_in_any_environment() {
    let Some(cfn_lint) = linter() else { return };
    let design = production::design();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cfn-lint");
    std::fs::create_dir_all(&dir).expect("create the template folder");
    let mut files = Vec::new();
    for environment in &design.environments {
        let template = infra::aws::synth(&design, environment.name.as_str()).expect("synth");
        let file = dir.join(format!("{}.json", environment.name));
        std::fs::write(&file, template.to_json()).expect("write the template");
        files.push(file);
    }
    let output = Command::new(&cfn_lint)
        .args([
            "--regions",
            design.region.as_str(),
            "--include-checks",
            "I",
            "--",
        ])
        .args(&files)
        .output()
        .expect("run cfn-lint");
    let report = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "cfn-lint findings:\n{report}"
    );
    eprintln!("cfn-lint: no findings in {} templates", files.len());
}
