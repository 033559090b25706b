//! The parser on hostile and broken input: it never panics, never names a stand-in, reports every
//! syntax error of a design at once, and puts each at the token it is about.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::str::FromStr;

use proc_macro2::{Group, TokenStream, TokenTree};

use crate::expand::platform;

/// The reference design's `platform!` body.
fn reference() -> TokenStream {
    let source = include_str!("../../../examples/production.rs");
    let start = source.find("platform! {").expect("a platform! call") + "platform! {".len();
    let mut depth = 1;
    let end = source[start..]
        .char_indices()
        .find(|&(_, c)| {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            depth == 0
        })
        .map(|(idx, _)| start + idx)
        .expect("a balanced body");
    TokenStream::from_str(&source[start..end]).expect("tokens")
}

/// Every error message of an expansion, with the line and column it points at.
fn errors(tokens: &TokenStream) -> Vec<(String, usize, usize)> {
    let mut found = Vec::new();
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (idx, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                if let Some(TokenTree::Group(args)) = trees.get(idx + 2) {
                    if let Some(TokenTree::Literal(lit)) = args.stream().into_iter().next() {
                        let text = syn::parse_str::<syn::LitStr>(&lit.to_string())
                            .map(|lit| lit.value())
                            .unwrap_or_default();
                        let start = ident.span().start();
                        found.push((text, start.line, start.column));
                    }
                }
            }
            TokenTree::Group(group) => found.extend(errors(&group.stream())),
            _ => {}
        }
    }
    found
}

fn expand(text: &str) -> Vec<(String, usize, usize)> {
    let tokens = TokenStream::from_str(text).expect("balanced tokens");
    errors(&platform(tokens))
}

fn messages(text: &str) -> Vec<String> {
    expand(text).into_iter().map(|(text, ..)| text).collect()
}

/// Runs the macro on `tokens`, failing the test with the input if it panics.
fn no_panic(tokens: TokenStream) {
    let shown = tokens.to_string();
    let result = catch_unwind(AssertUnwindSafe(|| platform(tokens)));
    assert!(result.is_ok(), "the macro panicked on: {shown}");
}

/// A small valid design around `network`'s body.
fn design(network: &str) -> String {
    format!(
        r#"name: "demo", region: "ap-northeast-1",
        environments {{ production {{ zones: ["ap-northeast-1a", "ap-northeast-1c"] }} }}
        network {{ vpc: "10.0.0.0/16", {network} }}"#
    )
}

#[test]
fn hostile_input_never_panics() {
    let hostile = [
        "",
        "{}",
        "()",
        "[]",
        ",",
        "#",
        "#[]",
        "#[allow()]",
        "#[allow(x, reason = )] network {}",
        "name",
        "name:",
        "name: ,",
        "name: \"demo\" name: \"demo\"",
        "network {}",
        "network { vpc }",
        "environments {}",
        "environments { production }",
        "environments { production {} }",
        "environments { production { zones: [] } }",
        "environments { production { zones: [,] } }",
        "environments { production { zones: [\"\"] multi_az: } }",
        "environments { r#type { zones: [1] } }",
        &design("flow_logs { retention: 18446744073709551615s1000000000ns }"),
        &design("flow_logs { retention: 340282366920938463463374607431768211456d }"),
        &design("flow_logs { retention: 99999999999999999999999999999999999999999999999d }"),
        &design("flow_logs { retention: -1d }"),
        &design("flow_logs { retention: 1.5d }"),
        &design("flow_logs { retention: 0x1Ed }"),
        &design("flow_logs { retention: }"),
        &design("flow_logs {}"),
        &design("flow_logs"),
        &design("subnets { public {} private { \"\": \"\" } isolated { : } }"),
        &design("subnets { public { \"ap-northeast-1a\" } }"),
        &design("subnets { public private isolated }"),
        &design("security_group {}"),
        &design("security_group x { ingress: [] egress: [,] }"),
        &design("security_group x { ingress: [99999999999999999999999999999999999999999999 from y] }"),
        &design("security_group x { ingress: [-99999999999999999999999999999999999999999999 from y] }"),
        &design("security_group x { ingress: [- from y, - - 1 from y, 1..= from y, ..=2 from y] }"),
        &design("security_group x { ingress: [443u8 from y, 443i128 from y, 0x1BB from y, 1e3 from y] }"),
        &design("security_group x { ingress: [b\"443\" from y, '4' from y, 443 from b\"0.0.0.0/0\"] }"),
        &design("security_group x { ingress: [443 from \"0.0.0.0/0\"_x as \"y\"z] }"),
        &design("security_group x { ingress: 443 from, egress: all to }"),
        &design("network_acl x { inbound: [18446744073709551616 allow all from \"0.0.0.0/0\"] }"),
        &design("network_acl x { inbound: [-1 deny 65535..=0 from \"0.0.0.0/0\"] }"),
        &design("network_acl x { inbound: [100days allow all from \"0.0.0.0/0\"_x] }"),
        &design("network_acl x { inbound: [100 allow] outbound: [100] }"),
        &design("gateway_endpoints: [], gateway_endpoints: [s4, 3]"),
        &design("#[allow(database-open-to-world, reason = \"x\"y)] security_group x {}"),
        &design("#[allow(database-open-to-world)] vpc: \"10.0.0.0/16\""),
    ];
    for text in hostile {
        no_panic(TokenStream::from_str(text).expect("balanced tokens"));
    }
}

/// Every truncation of the reference design (at each token of each group) and every design with
/// one token left out.
#[test]
fn truncated_or_gapped_designs_never_panic() {
    fn variants(tokens: &TokenStream, out: &mut Vec<TokenStream>) {
        let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
        for idx in 0..trees.len() {
            out.push(trees[..idx].iter().cloned().collect());
            out.push(
                trees[..idx]
                    .iter()
                    .chain(&trees[idx + 1..])
                    .cloned()
                    .collect(),
            );
            if let TokenTree::Group(group) = &trees[idx] {
                let mut inner = Vec::new();
                variants(&group.stream(), &mut inner);
                for stream in inner {
                    let mut changed = trees.clone();
                    let mut replaced = Group::new(group.delimiter(), stream);
                    replaced.set_span(group.span());
                    changed[idx] = TokenTree::Group(replaced);
                    out.push(changed.into_iter().collect());
                }
            }
        }
    }
    let mut all = Vec::new();
    variants(&reference(), &mut all);
    assert!(all.len() > 400, "only {} variants", all.len());
    for tokens in all {
        no_panic(tokens);
    }
}

#[test]
fn the_reference_design_expands_without_errors() {
    assert!(errors(&platform(reference())).is_empty());
}

#[test]
fn stand_ins_never_appear_in_a_message() {
    let cases = [
        // A zone typo in a subnet map.
        design(
            r#"subnets { public { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1C": "10.0.2.0/24" } }"#,
        ),
        // Two bad zones in one tier.
        design(
            r#"subnets { public { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1c": "10.0.2.0/24", "bad one": "10.0.3.0/24", "bad two": "10.0.4.0/24" } }"#,
        ),
        // A bad block on a deny rule.
        design(
            r#"subnets { public { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1c": "10.0.2.0/24" }
                         private { "ap-northeast-1a": "10.0.11.0/24", "ap-northeast-1c": "10.0.12.0/24" } }
               network_acl public {
                   inbound: [90 deny all from "0.0.0.0/33", 100 allow all from "0.0.0.0/0"],
                   outbound: [100 allow all to "0.0.0.0/0"],
               }"#,
        ),
        // Ports and rule numbers out of range on a deny rule.
        design(
            r#"subnets { public { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1c": "10.0.2.0/24" }
                         private { "ap-northeast-1a": "10.0.11.0/24", "ap-northeast-1c": "10.0.12.0/24" } }
               network_acl public {
                   inbound: [40000 deny 1024..=70000 from "0.0.0.0/0", 40001 allow all from "0.0.0.0/0"],
                   outbound: [100 allow all to "0.0.0.0/0"],
               }"#,
        ),
        // A bad region, named by a help line that does not relate the region's place.
        r#"name: "demo", region: "Tokyo",
           environments { production { zones: [] } }
           network { vpc: "10.0.0.0/16" }"#
            .to_owned(),
        // A bad zone in an environment.
        r#"name: "demo", region: "ap-northeast-1",
           environments { production { zones: ["apne1-az1"], multi_az: true } }
           network { vpc: "10.0.0.0/16", subnets { public { "ap-northeast-1a": "10.0.1.0/24" } } }"#
            .to_owned(),
    ];
    let expected = [
        vec!["invalid-zone"],
        vec!["invalid-zone", "invalid-zone"],
        vec!["invalid-cidr"],
        vec![
            "invalid-acl-rule-number",
            "invalid-port-range",
            "invalid-acl-rule-number",
        ],
        vec!["invalid-region"],
        vec!["invalid-zone"],
    ];
    for (text, codes) in cases.iter().zip(expected) {
        let found = messages(text);
        let found_codes: Vec<&str> = found
            .iter()
            .filter_map(|m| m.split_once(" [")?.1.split(']').next())
            .collect();
        assert_eq!(found_codes, codes, "{found:#?}");
        for message in &found {
            // Only the rejected values' own errors come out; none names a stand-in.
            for stand_in in ["xx-invalid", "0.0.0.0/0", "us-east-1"] {
                assert!(!message.contains(stand_in), "`{stand_in}` in {message}");
            }
        }
    }
}

#[test]
fn every_syntax_error_comes_out_in_one_build() {
    let text = r#"
        name: "demo",
        region: ap_northeast_1,
        environments { production { zones: ["ap-northeast-1a"], multy_az: true } }
        network {
            vpc: "10.0.0.0/16",
            subnets { public { "ap-northeast-1a" "10.0.1.0/24" } }
            security_group alb { ingress: [443 form "0.0.0.0/0", 80 from "0.0.0.0/0"] }
            flow_logs { retention: 30 days }
        }
    "#;
    let found = expand(text);
    let lines: Vec<usize> = found.iter().map(|(_, line, _)| *line).collect();
    assert_eq!(lines, [3, 4, 7, 8, 9], "{found:#?}");
    assert!(found[1].0.contains("unknown environment field `multy_az`"));
    assert_eq!(found[3].0, "expected `from`, found `form`");
}

#[test]
fn a_missing_field_is_reported_at_its_block() {
    let found = expand(
        "name: \"demo\",\nregion: \"ap-northeast-1\",\nnetwork {\n flow_logs { traffic: all } }",
    );
    let at: Vec<(&str, usize, usize)> = found
        .iter()
        .map(|(text, line, column)| (text.as_str(), *line, *column))
        .collect();
    assert_eq!(
        at,
        [
            (
                "the network needs `vpc: \"10.0.0.0/16\"` (its IPv4 block)",
                3,
                0
            ),
            (
                "flow logs need `retention: <days>d`, for example `retention: 30d`",
                4,
                1
            ),
        ]
    );
    let found = expand("region: \"ap-northeast-1\"");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().all(|(_, line, _)| *line == 1));
}

#[test]
fn numbers_get_their_rule_not_a_parse_message() {
    for (rule, expected) in [
        ("security_group x { ingress: [70000 from \"0.0.0.0/0\"] }", "invalid port 70000: TCP and UDP ports run 0 to 65535 [invalid-port-range]"),
        ("security_group x { ingress: [-1 from \"0.0.0.0/0\"] }", "invalid port -1: TCP and UDP ports run 0 to 65535 [invalid-port-range]"),
        ("security_group x { ingress: [1..=65536 from \"0.0.0.0/0\"] }", "invalid port 65536: TCP and UDP ports run 0 to 65535 [invalid-port-range]"),
        ("network_acl x { inbound: [4294967296 allow all from \"0.0.0.0/0\"] }", "invalid network ACL rule number 4294967296: AWS allows 1 to 32766 [invalid-acl-rule-number]"),
    ] {
        let found = messages(&design(rule));
        assert!(
            found.iter().any(|m| m.starts_with(expected)),
            "{rule}: {found:#?}"
        );
        assert!(!found.iter().any(|m| m.contains("too large") || m.contains("invalid digit")));
    }
}

#[test]
fn suffixes_are_errors_at_their_token() {
    for (input, expected) in [
        (
            "security_group x { ingress: [443u8 from \"0.0.0.0/0\"] }",
            "unexpected suffix `u8` on a port",
        ),
        (
            "network_acl x { inbound: [100days allow all from \"0.0.0.0/0\"] }",
            "unexpected suffix `days` on a rule number",
        ),
        (
            "security_group x { ingress: [443 from \"0.0.0.0/0\"_x] }",
            "unexpected suffix `_x` on a string",
        ),
        ("flow_logs { retention: 30days }", "invalid duration"),
        ("flow_logs { retention: 1w }", "invalid duration"),
    ] {
        let found = messages(&design(input));
        assert!(
            found.iter().any(|m| m.starts_with(expected)),
            "{input}: {found:#?}"
        );
    }
    let found = messages(&format!(
        "#[allow(database-open-to-world, reason = \"x\"y)] {}",
        design("")
    ));
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("unexpected suffix `y` on a string")),
        "{found:#?}"
    );
}

#[test]
fn messages_read_well() {
    let found = messages(&design("security_group x { r#public: 1 }"));
    assert!(
        found[0].starts_with("unknown security group field `public`"),
        "{found:#?}"
    );
    let found = messages("environments { production { 1 } }");
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("expected an environment field")),
        "{found:#?}"
    );
}

/// A small valid design around `storage`'s body.
fn with_storage(storage: &str) -> String {
    format!(
        r#"name: "demo", region: "ap-northeast-1",
        environments {{ production {{ zones: ["ap-northeast-1a"] }} }}
        network {{ vpc: "10.0.0.0/16" }}
        storage {{ {storage} }}"#
    )
}

#[test]
fn hostile_storage_never_panics() {
    for storage in [
        "bucket",
        "bucket x",
        "bucket x {}",
        "bucket x { lifecycle: [] }",
        "bucket x { lifecycle: [after] }",
        "bucket x { lifecycle: [after 30d =>] }",
        "bucket x { lifecycle: [after 30 => GLACIER, expire] }",
        "bucket x { lifecycle: [after -1d => GLACIER, expire 99999999999999999999d] }",
        "bucket x { lifecycle: [after 4294967296d => GLACIER, expire 4294967295d] }",
        "bucket x { lifecycle: [after 0d => STANDARD, expire 0d, expire 1d] }",
        "bucket x { class: , storage_class: GLACIER, class: standard }",
        "bucket x { encryption: des, kms_key: 1, access_logs: \"y\" }",
        "bucket x { versioning: yes, versioning: true }",
    ] {
        no_panic(TokenStream::from_str(&with_storage(storage)).expect("balanced tokens"));
    }
}

#[test]
fn every_lifecycle_finding_of_a_bucket_comes_out_at_once_without_cascades() {
    let found = messages(&with_storage(
        "bucket backups { class: STANDARD_IA, lifecycle: [after 0d => STANDARD_IA, after 20d => GLACIER, after 10d => DEEP_ARCHIVE, expire 15d, abort_uploads 0d] }",
    ));
    let codes: Vec<&str> = found
        .iter()
        .filter_map(|text| {
            text.lines()
                .next()?
                .rsplit_once('[')
                .map(|(_, code)| code.trim_end_matches(']'))
        })
        .collect();
    // The day-0 STANDARD_IA and the out-of-order DEEP_ARCHIVE are left out; the expiration is
    // checked against the GLACIER transition that remains.
    assert_eq!(
        codes,
        [
            "bucket-storage-class",
            "infrequent-access-too-early",
            "lifecycle-transition-order",
            "expiration-before-transition",
            "lifecycle-zero-days",
        ],
        "{found:#?}"
    );
}

/// A small valid design whose compute section is `compute`.
fn with_compute(compute: &str) -> String {
    format!(
        r#"name: "demo", region: "ap-northeast-1",
        environments {{ production {{ zones: ["ap-northeast-1a"] }} }}
        network {{ vpc: "10.0.0.0/16", subnets {{ isolated private {{ "ap-northeast-1a": "10.0.11.0/24" }} }} }}
        compute {{ {compute} }}"#
    )
}

/// A worker whose image is `image`, consuming queue `jobs`.
fn worker(image: &str) -> String {
    format!(
        r#"service worker {{ image: {image}, cpu: 256, memory: 512, log_retention: 30d,
        tier: private, consumes: jobs, capacity: {{ min: 1, desired: 1, max: 2 }} }}"#
    )
}

const JOBS: &str =
    "queue jobs { visibility_timeout: 30s, retention: 4d, dead_letter: { max_receives: 5, retention: 14d } }";

#[test]
fn queues_and_image_blocks_parse_and_report_their_mistakes() {
    for image in [
        r#"{ repository: "worker", tag: parameter }"#,
        r#"{ repository: "worker", tag: "1.0.0" }"#,
        r#""worker:1.0.0""#,
    ] {
        let design = with_compute(&format!("{JOBS} {}", worker(image)));
        assert_eq!(messages(&design), Vec::<String>::new(), "{image}");
    }
    let design = with_compute(&format!(
        "{JOBS} {}",
        worker(r#"{ repository: "worker", tag: paramter }"#)
    ));
    assert_eq!(
        messages(&design),
        ["unknown image tag source `paramter` (did you mean `parameter`?); expected `parameter`"]
    );
    let design = with_compute(&format!("{JOBS} {}", worker(r#"{ repository: "worker" }"#)));
    assert_eq!(
        messages(&design),
        ["an image block needs `repository: \"<name>\"` and `tag: parameter` (or `tag: \"<tag>\"`)"]
    );
    let design = with_compute(&format!(
        "queue jobs {{ visibility_timeout: 30s, retention: 4d }} {}",
        worker(r#""worker:1.0.0""#)
    ));
    let found = messages(&design);
    assert!(
        found
            .first()
            .is_some_and(|m| m.starts_with("a queue needs `visibility_timeout")),
        "{found:#?}"
    );
    let design = with_compute(&format!(
        "queue jobs {{ visibility_timeout: 30s, retention: 4d, dead_letter: {{ retention: 14d }} }} {}",
        worker(r#""worker:1.0.0""#)
    ));
    let found = messages(&design);
    assert!(
        found
            .first()
            .is_some_and(|m| m.starts_with("a dead-letter queue needs `max_receives")),
        "{found:#?}"
    );
}

/// An api sending to the queues `list`, written as `sends_to: <list>`.
fn producer(list: &str) -> String {
    format!(
        r#"service api {{ image: "api-server:1.0.0", cpu: 256, memory: 512, log_retention: 30d,
        tier: private, sends_to: {list}, capacity: {{ min: 1, desired: 1, max: 2 }} }}"#
    )
}

/// The line (from 1) and column (from 0) where `needle` starts in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    (line, at - before.rfind('\n').map_or(0, |idx| idx + 1))
}

#[test]
fn a_producer_names_its_queues_and_an_unknown_one_is_reported_at_its_token() {
    let text = with_compute(&format!("{JOBS} {}", producer("[jobs]")));
    let mut cx = crate::cx::Cx::default();
    let platform = crate::parse::parse(TokenStream::from_str(&text).expect("tokens"), &mut cx)
        .expect("it parses");
    let api = &platform.compute.services[0];
    assert_eq!(api.sends_to, [infra_core::value::Name::new_assert("jobs")]);
    assert_eq!(api.consumes, None);
    assert_eq!(messages(&text), Vec::<String>::new());

    let text = with_compute(&format!("{JOBS} {}", producer("[jobs, jbos]")));
    let found = expand(&text);
    let (line, column) = place(&text, "jbos");
    assert_eq!(
        found,
        [(
            "service `api` sends to queue `jbos`, but no queue `jbos` exists [unknown-queue]\n  = help: did you mean `jobs`?".to_owned(),
            line,
            column
        )]
    );
}

#[test]
fn sends_to_is_a_list_written_once() {
    let text = with_compute(&format!("{JOBS} {}", producer("jobs")));
    let found = messages(&text);
    assert!(
        found
            .first()
            .is_some_and(|m| m.starts_with("expected square brackets")),
        "{found:#?}"
    );
    let text = with_compute(&format!("{JOBS} {}", producer("[jobs], sends_to: [jobs]")));
    assert_eq!(messages(&text), ["duplicate `sends_to`"]);
}

#[test]
fn a_secret_rotation_written_wrong_is_one_error() {
    let secret = |rotation: &str| {
        format!(
            "{}, security {{ secret api_keys {{ rotation: {rotation} }} }}",
            design("")
        )
    };
    let found = messages(&secret("{ every: 90d }"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("a rotation needs `every`"),
        "{found:#?}"
    );
    assert_eq!(
        messages(&secret("{ every: 90d, function: parameter }")),
        Vec::<String>::new()
    );
    let found = messages(&secret("{ every: 90d, function: lambda }"));
    assert!(
        found.len() == 1 && found[0].contains("`parameter`"),
        "{found:#?}"
    );
    // A rejected period is its own error, with no `secret-without-rotation` after it.
    let found = messages(&secret("{ every: 90, function: parameter }"));
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn the_batch_jobs_log_group_takes_a_retention_and_a_key_by_name() {
    let with_batch = |batch: &str| {
        format!(
            r#"name: "demo", region: "ap-northeast-1",
            environments {{ production {{ zones: ["ap-northeast-1a", "ap-northeast-1c"] }} }}
            network {{ vpc: "10.0.0.0/16" }}
            batch {{ {batch} }}"#
        )
    };
    let text = with_batch("log_retention: 31d");
    let found = expand(&text);
    let (line, column) = place(&text, "31d");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].0.contains("[invalid-log-retention]"), "{found:#?}");
    assert_eq!((found[0].1, found[0].2), (line, column));

    let found = messages(&with_batch(
        r#"log_kms_key: "arn:aws:kms:ap-northeast-1:111122223333:key/1""#,
    ));
    assert!(
        found
            .iter()
            .any(|m| m.contains("names a KMS key of the design by identifier")),
        "{found:#?}"
    );

    let found = messages(&with_batch("log_retention: 30d, log_retention: 90d"));
    assert_eq!(found.len(), 1, "{found:#?}");
}
