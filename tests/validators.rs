//! The three validators accept every environment's template of the example, and checkov honours
//! the design's acknowledgements.
//!
//! * cfn-lint, AWS's CloudFormation linter: no finding at all (no error, no warning, no
//!   informational finding).
//! * `cloudformation-validate`: nothing at FATAL, ERROR or WARN, and no INFO but `I9001`
//!   (a create-only property: changing it replaces the resource, which is a fact, not a finding).
//! * checkov: no failed check at all (every log group is encrypted with the design's `logs` key,
//!   so `CKV_AWS_158` passes too).
//! * An acknowledged warning becomes checkov skip metadata with the same reason: checkov reports
//!   the rule's checks as skipped, not failed, and skips nothing the design does not acknowledge.
//!
//! The tools come from `$CFN_LINT`, `$CLOUDFORMATION_VALIDATE_PYTHON` (a Python that can import
//! `cloudformation_validate`) and `$CHECKOV`, or else from `.venv` (the README's test command
//! installs them there). Without them the tests are skipped with a message, except under
//! `CI=true`, where they fail.

#[path = "../examples/production.rs"]
mod production;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use infra::model::Platform;
use infra::rules::Rule;
use infra::{platform, Validated};
use serde_json::Value;

/// The only finding `cloudformation-validate` may report: a create-only property (INFO).
const CREATE_ONLY_NOTE: &str = "I9001";

/// Runs `cloudformation-validate` on the files given after the region; prints one JSON report
/// per file.
const VALIDATE_SCRIPT: &str = r#"
import importlib.metadata, json, sys
from cloudformation_validate import CompositeEngine, PseudoParameterOverrides, ValidateConfig

region, files = sys.argv[1], sys.argv[2:]
engine = CompositeEngine()
config = ValidateConfig(pseudo_parameter_overrides=PseudoParameterOverrides(region=region))
reports = []
for path in files:
    report = engine.validate_template(path, config)
    reports.append({
        "file": path,
        "status": report.status.name,
        "diagnostics": [
            {
                "rule": d.rule_id,
                "severity": d.severity.name,
                "entity": d.entity.logical_id if d.entity else None,
                "path": d.property_path,
                "message": d.message,
            }
            for d in report.diagnostics
        ],
    })
print(json.dumps({"version": importlib.metadata.version("cloudformation-validate"), "reports": reports}))
"#;

/// The tool at `$variable`, or else at `.venv/bin/<name>`; `None` (with a message) when missing
/// outside CI.
fn tool(variable: &str, name: &str, what: &str) -> Option<PathBuf> {
    let candidate = std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join(".venv/bin")
                .join(name)
        });
    let usable = candidate.is_file()
        && (name != "python"
            || Command::new(&candidate)
                .args(["-c", "import cloudformation_validate"])
                .output()
                .is_ok_and(|output| output.status.success()));
    if usable {
        return Some(candidate);
    }
    let in_ci = std::env::var("CI").is_ok_and(|value| value == "true");
    assert!(
        !in_ci,
        "{what} not found at {}; run ./scripts/test to install it",
        candidate.display()
    );
    eprintln!(
        "skipped: {what} not found at {}; run ./scripts/test to install it",
        candidate.display()
    );
    None
}

/// Writes the template of each environment of `design` into `folder` (emptied first).
fn write_templates(design: &Validated<Platform>, folder: &str) -> (PathBuf, Vec<PathBuf>) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(folder);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("empty the template folder");
    }
    std::fs::create_dir_all(&dir).expect("create the template folder");
    let files = design
        .environments
        .iter()
        .map(|environment| {
            let template = infra::aws::synth(design, environment.name.as_str()).expect("synth");
            let file = dir.join(format!("{}.json", environment.name));
            std::fs::write(&file, template.to_json()).expect("write the template");
            file
        })
        .collect();
    (dir, files)
}

fn run(command: &mut Command, what: &str) -> String {
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("run {what}: {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        !stdout.trim().is_empty(),
        "{what} printed nothing; stderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Runs cfn-lint (informational findings included) on every environment's template of `design`,
/// written into `folder`, and fails on any finding.
fn cfn_lint_finds_nothing(design: &Validated<Platform>, folder: &str) {
    let Some(cfn_lint) = tool("CFN_LINT", "cfn-lint", "cfn-lint") else {
        return;
    };
    let (_, files) = write_templates(design, folder);
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

#[test]
fn cfn_lint_finds_nothing_in_any_environment() {
    cfn_lint_finds_nothing(&production::design(), "cfn-lint");
}

/// The example with what it does not use: EC2 and Spot compute environments with a queue of
/// their own, a target group routed by path and host through a listener rule, and an HTTP
/// listener that redirects to HTTPS (port 80 let in by the load balancer's group and ACL).
fn variation() -> Validated<Platform> {
    use infra::model::{
        AclRule, AllocationStrategy, ComputeEnvironment, ComputeKind, HealthCheck, JobQueue, Peer,
        Route, SecurityGroupRule, TargetGroup,
    };
    use infra::value::{AclRuleNumber, Cidr, JobQueuePriority, MaxVcpus, Name, PortRange, Traffic};
    let mut platform = production::design().into_inner();
    let instances = |name: &'static str, kind| {
        ComputeEnvironment::new(Name::new_assert(name), kind, MaxVcpus::new_assert(64))
            .subnets(Name::new_assert("private"))
            .security_group(Name::new_assert("application"))
            .instance_type("optimal")
    };
    platform.batch.compute_environments.extend([
        instances("instances", ComputeKind::Ec2).min_vcpus(2),
        instances("spare", ComputeKind::Spot)
            .allocation_strategy(AllocationStrategy::SpotPriceCapacityOptimized),
    ]);
    platform.batch.job_queues.push(
        JobQueue::new(Name::new_assert("heavy"), JobQueuePriority::new_assert(4))
            .compute_environment(Name::new_assert("spare"))
            .compute_environment(Name::new_assert("instances")),
    );
    platform.load_balancer.load_balancers[0].target_groups.push(
        TargetGroup::new(
            Name::new_assert("admin"),
            Name::new_assert("api"),
            HealthCheck::new("/health", 30, 5, 2, 3),
        )
        .route(Route::new(10).path("/admin/*").host("admin.example.com")),
    );
    let web = &mut platform.load_balancer.load_balancers[0];
    web.redirect_http = true;
    let network = &mut platform.network;
    if let Some(alb) = network
        .security_groups
        .iter_mut()
        .find(|g| g.name.as_str() == "alb")
    {
        alb.ingress.push(
            SecurityGroupRule::new(
                Traffic::Tcp(PortRange::single(80)),
                Peer::Cidr(Cidr::ANYWHERE),
            )
            .described("HTTP, redirected to HTTPS"),
        );
    }
    if let Some(public) = network
        .acls
        .iter_mut()
        .find(|acl| acl.tier.as_str() == "public")
    {
        public.inbound.push(AclRule::allow(
            AclRuleNumber::new_assert(120),
            Traffic::Tcp(PortRange::single(80)),
            Cidr::ANYWHERE,
        ));
    }
    platform.validate().expect("the variation is valid")
}

#[test]
fn cfn_lint_finds_nothing_in_the_variation() {
    cfn_lint_finds_nothing(&variation(), "cfn-lint-variation");
}

#[test]
fn cloudformation_validate_finds_only_create_only_notes() {
    let Some(python) = tool(
        "CLOUDFORMATION_VALIDATE_PYTHON",
        "python",
        "cloudformation-validate",
    ) else {
        return;
    };
    let design = production::design();
    let (_, files) = write_templates(&design, "cloudformation-validate");
    let stdout = run(
        Command::new(&python)
            .args(["-c", VALIDATE_SCRIPT, design.region.as_str()])
            .args(&files),
        "cloudformation-validate",
    );
    let output: Value = serde_json::from_str(&stdout).expect("the script prints JSON");
    let reports = output["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), files.len());
    let mut findings = Vec::new();
    let mut notes = 0;
    for report in reports {
        assert_eq!(report["status"], "OK", "{report}");
        for diagnostic in report["diagnostics"].as_array().expect("diagnostics") {
            if diagnostic["severity"] == "INFO" && diagnostic["rule"] == CREATE_ONLY_NOTE {
                notes += 1;
            } else {
                findings.push(format!("{}: {diagnostic}", report["file"]));
            }
        }
    }
    assert!(
        findings.is_empty(),
        "cloudformation-validate findings:\n{}",
        findings.join("\n")
    );
    // The VPC's and subnets' blocks are create-only: the validator did look at the resources.
    assert!(notes > 0, "no create-only note: did the validator run?");
    eprintln!(
        "cloudformation-validate {}: {} templates, no findings besides {notes} create-only notes",
        output["version"],
        files.len()
    );
}

/// checkov's report on the templates in `dir`: the `cloudformation` results.
fn checkov(checkov: &Path, dir: &Path) -> Value {
    let stdout = run(
        Command::new(checkov).args(["--directory"]).arg(dir).args([
            "--framework",
            "cloudformation",
            "--output",
            "json",
            // Offline: no guidelines, severities or policies from Prisma Cloud.
            "--skip-download",
        ]),
        "checkov",
    );
    let report: Value = serde_json::from_str(&stdout).expect("checkov prints JSON");
    // One framework gives one report; be lenient if checkov wraps it in a list.
    let report = match report {
        Value::Array(reports) => reports
            .into_iter()
            .find(|report| report["check_type"] == "cloudformation")
            .expect("a cloudformation report"),
        report => report,
    };
    assert_eq!(report["check_type"], "cloudformation", "{report}");
    report
}

/// `(file, check id, resource)` of each check in `results[kind]`.
fn checks(report: &Value, kind: &str) -> BTreeSet<(String, String, String)> {
    report["results"][kind]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|check| {
            let text = |key: &str| check[key].as_str().unwrap_or_default().to_owned();
            (text("file_path"), text("check_id"), text("resource"))
        })
        .collect()
}

#[test]
fn checkov_fails_no_check() {
    let Some(checkov_path) = tool("CHECKOV", "checkov", "checkov") else {
        return;
    };
    let design = production::design();
    let (dir, files) = write_templates(&design, "checkov");
    let report = checkov(&checkov_path, &dir);
    let summary = &report["summary"];
    assert_eq!(summary["parsing_errors"], 0, "{summary}");
    let resources: usize = design
        .environments
        .iter()
        .map(|env| {
            infra::aws::synth(&design, env.name.as_str())
                .expect("synth")
                .resources()
                .len()
        })
        .sum();
    assert_eq!(summary["resource_count"], resources, "{summary}");
    assert!(
        summary["passed"].as_u64().is_some_and(|n| n > 0),
        "{summary}"
    );
    assert_eq!(
        checks(&report, "failed_checks"),
        BTreeSet::new(),
        "checkov fails checks on the example's templates"
    );
    // Checks are skipped only where the design acknowledges a warning: each skipped check is one
    // that an acknowledged rule names, skipped with that acknowledgement's reason.
    let acknowledged: Vec<(&str, &str)> = design
        .acknowledgements
        .iter()
        .filter_map(|ack| Some((Rule::find(&ack.code)?, ack.reason.as_str())))
        .flat_map(|(rule, reason)| rule.checkov.iter().map(move |id| (*id, reason)))
        .collect();
    for skip in report["results"]["skipped_checks"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let id = skip["check_id"].as_str().unwrap_or_default();
        let comment = skip["check_result"]["suppress_comment"]
            .as_str()
            .unwrap_or_default();
        assert!(
            acknowledged.contains(&(id, comment)),
            "checkov skipped {id} ({comment:?}), which no acknowledgement of the design names: {skip}"
        );
    }
    eprintln!(
        "checkov {}: {} templates, {} passed, none failed",
        summary["checkov_version"],
        files.len(),
        summary["passed"]
    );
}

const REASON: &str = "a read-only demo database that partners query directly";

/// A design whose database group admits every TCP port from everywhere, acknowledged.
fn acknowledged_open_database() -> Validated<Platform> {
    platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a", "ap-northeast-1c"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated database { "ap-northeast-1a": "10.0.21.0/24", "ap-northeast-1c": "10.0.22.0/24" }
            }
            #[allow(database-open-to-world, reason = "a read-only demo database that partners query directly")]
            security_group database {
                description: "PostgreSQL",
                tier: database,
                ingress: [0..=65535 from "0.0.0.0/0" as "partners"],
                egress: [all to "0.0.0.0/0"],
            }
        }
    }
}

#[test]
fn checkov_skips_the_checks_of_an_acknowledged_warning_with_its_reason() {
    let Some(checkov_path) = tool("CHECKOV", "checkov", "checkov") else {
        return;
    };
    let design = acknowledged_open_database();
    assert!(design.warnings().is_empty());
    assert_eq!(design.acknowledgements[0].reason, REASON);
    let (dir, _) = write_templates(&design, "checkov-acknowledged");
    let report = checkov(&checkov_path, &dir);
    let skipped = report["results"]["skipped_checks"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut ids: Vec<&str> = skipped
        .iter()
        .map(|check| {
            assert_eq!(
                check["resource"], "AWS::EC2::SecurityGroup.SecurityGroupDatabase",
                "{check}"
            );
            assert_eq!(check["check_result"]["result"], "SKIPPED", "{check}");
            assert_eq!(check["check_result"]["suppress_comment"], REASON, "{check}");
            check["check_id"].as_str().expect("a check id")
        })
        .collect();
    ids.sort_unstable();
    let mut expected = infra::rules::DATABASE_OPEN_TO_WORLD.checkov.to_vec();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    // Nothing about the open group fails; the flow-log group is not in this design.
    assert_eq!(checks(&report, "failed_checks"), BTreeSet::new());
}
