//! The security lowering on the reference design.

use infra_core::fixtures::reference_network;
use serde_json::{json, Value};

fn template(environment: &str) -> Value {
    let platform = reference_network().validate().expect("a valid design");
    let template = crate::synth(&platform, environment).expect("a known environment");
    serde_json::from_str(&template.to_json()).expect("JSON")
}

fn resource<'a>(template: &'a Value, id: &str) -> &'a Value {
    &template["Resources"][id]["Properties"]
}

#[test]
fn managed_groups_take_an_override_action_and_the_rate_limit_blocks() {
    let template = template("production");
    let acl = resource(&template, "WebAclApi");
    assert_eq!(acl["Scope"], "REGIONAL");
    assert_eq!(acl["DefaultAction"], json!({ "Allow": {} }));
    let rules = acl["Rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 4);
    let rate = &rules[0];
    assert_eq!(rate["Action"], json!({ "Block": {} }));
    assert_eq!(rate.get("OverrideAction"), None);
    assert_eq!(rate["Statement"]["RateBasedStatement"]["Limit"], 2000);
    assert_eq!(rate["Statement"]["RateBasedStatement"]["EvaluationWindowSec"], 300);
    let names: Vec<&str> = rules[1..]
        .iter()
        .map(|rule| {
            assert_eq!(rule["OverrideAction"], json!({ "None": {} }));
            assert_eq!(rule.get("Action"), None);
            rule["Statement"]["ManagedRuleGroupStatement"]["Name"].as_str().expect("a name")
        })
        .collect();
    assert_eq!(
        names,
        ["AWSManagedRulesSQLiRuleSet", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]
    );
    let association = resource(&template, "WebAclApiAssociation");
    assert_eq!(association["ResourceArn"], json!({ "Ref": "LoadBalancerWeb" }));
}

#[test]
fn the_log_group_is_named_for_waf_and_named_by_an_arn_without_a_wildcard() {
    let template = template("staging");
    let group = resource(&template, "WebAclApiLogGroup");
    assert_eq!(group["LogGroupName"], "aws-waf-logs-datasets-staging-api");
    assert_eq!(group["RetentionInDays"], 90);
    let logging = resource(&template, "WebAclApiLogging");
    assert_eq!(
        logging["LogDestinationConfigs"],
        json!([{ "Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${WebAclApiLogGroup}" }])
    );
    assert_eq!(
        logging["RedactedFields"],
        json!([{ "SingleHeader": { "Name": "authorization" } }, { "SingleHeader": { "Name": "cookie" } }])
    );
}

#[test]
fn roles_attach_the_real_policy_names() {
    let template = template("production");
    let role = resource(&template, "WorkloadRoleApplication");
    assert_eq!(
        role["ManagedPolicyArns"],
        json!([
            { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess" },
            { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AmazonRDSReadOnlyAccess" },
        ])
    );
    assert_eq!(
        role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"],
        "ecs-tasks.amazonaws.com"
    );
    // `connect: [main]`: the database's secret, and its key through Secrets Manager only.
    let statements = &role["Policies"][0]["PolicyDocument"]["Statement"];
    assert_eq!(statements[0]["Resource"], json!([{ "Ref": "DatabaseMainSecret" }]));
    assert_eq!(statements[1]["Resource"], json!([{ "Fn::GetAtt": ["DatabaseMainKey", "Arn"] }]));
    assert_eq!(
        statements[1]["Condition"]["StringEquals"]["kms:ViaService"],
        json!({ "Fn::Sub": "secretsmanager.${AWS::Region}.amazonaws.com" })
    );
    assert_eq!(resource(&template, "WorkloadRoleBatch").get("Policies"), None);
}

#[test]
fn groups_require_mfa_and_users_carry_no_credentials() {
    let template = template("production");
    let policy = resource(&template, "IamRequireMfaPolicy");
    let deny = policy["PolicyDocument"]["Statement"]
        .as_array()
        .expect("statements")
        .iter()
        .find(|statement| statement["Effect"] == "Deny")
        .expect("the deny statement");
    assert_eq!(deny["Resource"], "*");
    assert_eq!(deny["Condition"], json!({ "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } }));
    assert!(deny["NotAction"].as_array().is_some_and(|actions| actions.contains(&json!("iam:EnableMFADevice"))));
    for group in ["IamGroupAdministrators", "IamGroupDevelopers"] {
        let arns = resource(&template, group)["ManagedPolicyArns"].as_array().expect("policies").clone();
        assert!(arns.contains(&json!({ "Ref": "IamRequireMfaPolicy" })), "{group}");
    }
    let user = resource(&template, "IamUserAdmin");
    assert_eq!(user["Groups"], json!([{ "Ref": "IamGroupAdministrators" }]));
    assert_eq!(user["UserName"], "datasets-production-admin");
    for (id, resource) in template["Resources"].as_object().expect("resources") {
        let kind = resource["Type"].as_str().unwrap_or_default();
        assert!(kind != "AWS::IAM::AccessKey" && kind != "AWS::IAM::UserToGroupAddition", "{id}");
        if kind == "AWS::IAM::User" {
            assert_eq!(resource["Properties"].get("LoginProfile"), None, "{id}");
            assert_eq!(resource["Properties"].get("Policies"), None, "{id}");
            assert_eq!(resource["Properties"].get("ManagedPolicyArns"), None, "{id}");
        }
    }
}

#[test]
fn a_design_without_security_adds_nothing() {
    let mut platform = reference_network();
    // The minimum TLS version alone has no resource of its own, nor a part of the description.
    platform.security = infra_core::model::Security::new().minimum_tls(infra_core::model::TlsVersion::Tls12);
    platform.acknowledgements.retain(|ack| ack.code != infra_core::rules::WORKLOAD_FULL_ACCESS.code);
    let platform = platform.validate().expect("a valid design");
    let template = crate::synth(&platform, "production").expect("a known environment");
    assert!(template.resources().keys().all(|id| !id.as_str().starts_with("WebAcl") && !id.as_str().starts_with("Iam")));
    assert!(!template.description().contains("security ("));
    assert!(!template.to_json().contains("Security: "));
}
