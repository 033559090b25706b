//! The security lowering on the reference design.

use infra_core::fixtures::reference_network;
use serde_json::{json, Value};

fn template(environment: &str) -> Value {
    let platform = reference_network().validate().expect("a valid design");
    template_of(&platform, environment)
}

fn template_of(platform: &infra_core::Validated<infra_core::model::Platform>, environment: &str) -> Value {
    let template = crate::synth(platform, environment).expect("a known environment");
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
    assert_eq!(statements[1]["Resource"], json!([{ "Fn::GetAtt": ["KmsKeyDatabase", "Arn"] }]));
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
    platform.security = infra_core::model::Security::new();
    platform.acknowledgements.retain(|ack| ack.code != infra_core::rules::WORKLOAD_FULL_ACCESS.code);
    forget_keys(&mut platform);
    let platform = platform.validate().expect("a valid design");
    let template = crate::synth(&platform, "production").expect("a known environment");
    assert!(template.resources().keys().all(|id| {
        let id = id.as_str();
        !id.starts_with("WebAcl") && !id.starts_with("Iam") && !id.starts_with("KmsKey")
    }));
    assert!(!template.description().contains("security ("));
}

/// Takes every KMS key name out of the design's elements.
fn forget_keys(platform: &mut infra_core::model::Platform) {
    if let Some(flow_logs) = platform.network.flow_logs.as_mut() {
        flow_logs.kms_key = None;
    }
    platform.compute.queues.iter_mut().for_each(|queue| queue.kms_key = None);
    platform.compute.services.iter_mut().for_each(|service| service.log_kms_key = None);
    for pg in &mut platform.database.postgres {
        pg.kms_key = None;
        pg.log_kms_key = None;
    }
    platform.cache.clusters.iter_mut().for_each(|cluster| cluster.kms_key = None);
    platform.storage.buckets.iter_mut().for_each(|bucket| bucket.encryption.kms_key = None);
    platform.monitoring.severities.iter_mut().for_each(|severity| severity.kms_key = None);
}

#[test]
fn elements_that_name_no_key_keep_their_sections_keys() {
    let mut platform = reference_network();
    platform.security.kms_keys.clear();
    for acl in &mut platform.security.web_acls {
        if let Some(logging) = acl.logging.as_mut() {
            logging.kms_key = None;
        }
    }
    forget_keys(&mut platform);
    let platform = platform.validate().expect("a valid design");
    let template = template_of(&platform, "production");
    for id in ["EcsLogKey", "QueueJobsKey", "DatabaseMainKey", "CacheKey", "MonitoringKey"] {
        assert_eq!(template["Resources"][id]["Type"], "AWS::KMS::Key", "{id}");
    }
    assert_eq!(resource(&template, "ServiceApiLogGroup")["KmsKeyId"], json!({ "Fn::GetAtt": ["EcsLogKey", "Arn"] }));
    assert_eq!(resource(&template, "FlowLogGroup").get("KmsKeyId"), None);
    assert_eq!(resource(&template, "WebAclApiLogGroup").get("KmsKeyId"), None);
    // Without a key or a retention of its own, RDS makes the logs' groups and names the instance.
    assert_eq!(resource(&template, "DatabaseMain").get("DBInstanceIdentifier"), Some(&json!("datasets-production-main")));
}

#[test]
fn each_key_is_rotated_aliased_and_lets_its_users_work() {
    let template = template("production");
    let logs = resource(&template, "KmsKeyLogs");
    assert_eq!(logs["EnableKeyRotation"], true);
    let sids = |key: &Value| -> Vec<String> {
        key["KeyPolicy"]["Statement"].as_array().expect("statements").iter().map(|s| s["Sid"].as_str().unwrap_or_default().to_owned()).collect()
    };
    assert_eq!(sids(logs), ["AccountAdministers", "LogsEncrypt"]);
    let condition = &logs["KeyPolicy"]["Statement"][1]["Condition"]["ArnLike"]["kms:EncryptionContext:aws:logs:arn"];
    assert_eq!(condition["Fn::Sub"], "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*");
    assert_eq!(sids(resource(&template, "KmsKeyAlerts")), ["AccountAdministers", "CloudWatchPublishesAlarms"]);
    assert_eq!(sids(resource(&template, "KmsKeyDatabase")), ["AccountAdministers"]);
    // A key of stored data is retained; the alert topics' key protects notifications in flight.
    assert_eq!(template["Resources"]["KmsKeyLogs"]["DeletionPolicy"], "Retain");
    assert_eq!(template["Resources"]["KmsKeyAlerts"]["DeletionPolicy"], "Delete");
    let alias = resource(&template, "KmsKeyLogsAlias");
    assert_eq!(alias["AliasName"], "alias/datasets-production-logs");
    assert_eq!(alias["TargetKeyId"], json!({ "Ref": "KmsKeyLogs" }));
    // Every log group of the template is encrypted, with a retention.
    for (id, resource) in template["Resources"].as_object().expect("resources") {
        if resource["Type"] == "AWS::Logs::LogGroup" {
            assert_eq!(resource["Properties"]["KmsKeyId"], json!({ "Fn::GetAtt": ["KmsKeyLogs", "Arn"] }), "{id}");
            assert!(resource["Properties"]["RetentionInDays"].is_u64(), "{id}");
        }
    }
    // The database's log groups exist before the instances that write to them.
    let primary = &template["Resources"]["DatabaseMain"];
    assert_eq!(primary["Properties"]["DBInstanceIdentifier"], "datasets-production-main");
    assert_eq!(primary["DependsOn"], json!(["DatabaseMainLogGroupPostgresql", "DatabaseMainLogGroupUpgrade"]));
    assert_eq!(
        resource(&template, "DatabaseMainReplica2LogGroupUpgrade")["LogGroupName"],
        "/aws/rds/instance/datasets-production-main-replica-2/upgrade"
    );
    assert_eq!(resource(&template, "BucketDatasets")["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]["KMSMasterKeyID"], json!({ "Fn::GetAtt": ["KmsKeyStorage", "Arn"] }));
}
