//! The example's templates: every reference resolves, logical ids are valid, output is byte for
//! byte deterministic and matches the reviewed snapshots in `tests/snapshots/`
//! (`UPDATE_SNAPSHOTS=1 cargo test --test templates` rewrites them).
//!
//! References are read back from the JSON text, not from the backend's own types, so that a
//! hand-built reference anywhere in the backend would be checked too.

#[path = "../examples/production.rs"]
mod production;

use std::collections::BTreeSet;
use std::fs;

use serde_json::Value;

const ENVIRONMENTS: [&str; 3] = ["production", "staging", "development"];

fn template(environment: &str) -> Value {
    let json = infra::aws::synth(&production::design(), environment)
        .expect("an environment of the design")
        .to_json();
    serde_json::from_str(&json).expect("valid JSON")
}

/// Every `Ref`, `Fn::GetAtt`, `DependsOn` and `Fn::Sub` variable below `value`, as (where, target).
fn references(value: &Value, at: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("Ref", Value::String(target)) => found.push((at.to_owned(), target.clone())),
                    ("Fn::GetAtt", Value::Array(parts)) => {
                        let target = parts[0].as_str().expect("a GetAtt names a logical id");
                        found.push((at.to_owned(), target.to_owned()));
                    }
                    ("DependsOn", Value::Array(targets)) => {
                        for target in targets {
                            found.push((
                                at.to_owned(),
                                target.as_str().expect("a logical id").to_owned(),
                            ));
                        }
                    }
                    ("DependsOn", Value::String(target)) => {
                        found.push((at.to_owned(), target.clone()))
                    }
                    ("Fn::Sub", sub) => {
                        let text = match sub {
                            Value::String(text) => text.as_str(),
                            Value::Array(parts) => parts[0].as_str().expect("a Sub string"),
                            _ => panic!("malformed Fn::Sub at {at}"),
                        };
                        for variable in text
                            .split("${")
                            .skip(1)
                            .filter_map(|rest| rest.split('}').next())
                            // `${!Text}` is the literal `${Text}`, not a reference.
                            .filter(|variable| !variable.starts_with('!'))
                        {
                            let target = variable.split('.').next().expect("a variable name");
                            found.push((at.to_owned(), target.to_owned()));
                        }
                    }
                    _ => {}
                }
                references(inner, &format!("{at}.{key}"), found);
            }
        }
        Value::Array(items) => {
            for (idx, item) in items.iter().enumerate() {
                references(item, &format!("{at}[{idx}]"), found);
            }
        }
        _ => {}
    }
}

fn names(section: Option<&Value>) -> BTreeSet<String> {
    section
        .and_then(Value::as_object)
        .map(|map| map.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn every_reference_resolves() {
    for environment in ENVIRONMENTS {
        let template = template(environment);
        let mut known = names(template.get("Resources"));
        known.extend(names(template.get("Parameters")));
        let mut found = Vec::new();
        references(&template, "", &mut found);
        assert!(
            found.len() > 20,
            "{environment}: only {} references",
            found.len()
        );
        for (at, target) in found {
            assert!(
                target.starts_with("AWS::") || known.contains(&target),
                "{environment}: `{target}` at `{at}` names no resource or parameter"
            );
        }
    }
}

#[test]
fn logical_ids_are_valid() {
    for environment in ENVIRONMENTS {
        let template = template(environment);
        for section in ["Resources", "Parameters", "Outputs"] {
            for id in names(template.get(section)) {
                assert!(
                    id.len() <= 255 && id.bytes().all(|b| b.is_ascii_alphanumeric()),
                    "{environment}: `{id}`"
                );
            }
        }
    }
}

#[test]
fn nat_gateways_follow_multi_az() {
    let count = |environment| {
        let template = template(environment);
        let resources = template["Resources"]
            .as_object()
            .expect("resources")
            .clone();
        resources
            .values()
            .filter(|r| r["Type"] == "AWS::EC2::NatGateway")
            .count()
    };
    assert_eq!(count("production"), 2);
    assert_eq!(count("staging"), 1);
}

#[test]
fn output_is_deterministic_and_matches_the_snapshots() {
    let design = production::design();
    for environment in ENVIRONMENTS {
        let first = infra::aws::synth(&design, environment)
            .expect("synth")
            .to_json();
        let again = infra::aws::synth(&production::design(), environment)
            .expect("synth")
            .to_json();
        assert_eq!(first, again, "{environment}: two syntheses differ");
        let path = format!("tests/snapshots/{environment}.json");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            fs::create_dir_all("tests/snapshots").expect("create tests/snapshots");
            fs::write(&path, &first).expect("write snapshot");
        }
        let snapshot = fs::read_to_string(&path).unwrap_or_default();
        assert!(snapshot == first, "{path} is out of date: run `UPDATE_SNAPSHOTS=1 cargo test --test templates` and review the diff");
    }
}

#[test]
fn templates_stay_inside_cloudformation_quotas() {
    // synth enforces the quotas (500 resources, 200 parameters, 200 outputs, 1,000,000 bytes);
    // this reads them back from the JSON, and records the body sizes.
    for environment in ENVIRONMENTS {
        let template = template(environment);
        assert!(names(template.get("Resources")).len() <= 500);
        assert!(names(template.get("Parameters")).len() <= 200);
        assert!(names(template.get("Outputs")).len() <= 200);
        let made = infra::aws::synth(&production::design(), environment).expect("synth");
        let compact = made.to_compact_json();
        assert_eq!(
            serde_json::from_str::<Value>(&compact).expect("valid JSON"),
            template,
            "{environment}: the compact body is the same template"
        );
        assert!(!compact.contains('\n'), "{environment}");
        let pretty = made.to_json().len();
        assert!(compact.len() < pretty && compact.len() <= 1_000_000);
        assert_eq!(
            made.fits_inline(),
            compact.len() <= infra::aws::INLINE_BODY_LIMIT,
            "{environment}"
        );
        eprintln!(
            "{environment}: {} bytes compact, {pretty} bytes pretty, {} resources; {}",
            compact.len(),
            made.resources().len(),
            if made.fits_inline() {
                "fits inline"
            } else {
                "deploy through S3"
            }
        );
    }
}

#[test]
fn unknown_environment_is_an_error_not_a_panic() {
    let error = infra::aws::synth(&production::design(), "prod").expect_err("no such environment");
    assert!(error.to_string().contains("prod"), "{error}");
}

/// The reference design has one copy: `examples/production.rs`. infra-core's test fixture (which
/// infra-core's and infra-aws's own tests build on) is the example's model in its data form,
/// kept in step here (`UPDATE_SNAPSHOTS=1` rewrites it).
#[test]
fn the_test_fixture_is_the_example() {
    let path = "infra-core/src/fixtures/reference.json";
    let example = production::design().get().to_json_pretty();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::write(path, &example).expect("write the fixture");
    }
    let fixture = fs::read_to_string(path).unwrap_or_default();
    assert!(
        fixture == example,
        "{path} differs from the example's design: run `UPDATE_SNAPSHOTS=1 cargo test --test templates` and review the diff"
    );
}

/// `minimum_tls` in the security section drives the buckets' policies, and a warning about it is
/// acknowledged on it.
#[test]
fn the_security_sections_minimum_tls_drives_the_bucket_policies() {
    let design = infra::platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated app { "ap-northeast-1a": "10.0.11.0/24" }
            }
        }
        storage {
            #[allow(bucket-without-access-logs, reason = "a log bucket does not log itself")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
        security {
            #[allow(deprecated-tls-minimum, reason = "partners' appliances speak TLS 1.1 only")]
            minimum_tls: "1.1",
        }
    };
    let json = infra::aws::synth(&design, "production")
        .expect("an environment")
        .to_json();
    let template: Value = serde_json::from_str(&json).expect("valid JSON");
    let statements =
        &template["Resources"]["BucketLogsPolicy"]["Properties"]["PolicyDocument"]["Statement"];
    let outdated = statements
        .as_array()
        .and_then(|all| all.iter().find(|s| s["Sid"] == "DenyOutdatedTls"))
        .expect("the TLS version denial");
    assert_eq!(
        outdated["Condition"]["NumericLessThan"]["s3:TlsVersion"],
        "1.1"
    );
}
