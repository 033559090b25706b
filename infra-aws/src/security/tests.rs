//! The security lowering on the reference design.

use infra_core::fixtures::reference_network;
use infra_core::value::Name;
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
    assert_eq!(role["Policies"].as_array().map(Vec::len), Some(1));
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
    for service in &mut platform.compute.services {
        service.role = None;
        service.secrets.clear();
    }
    platform.acknowledgements.retain(|ack| ack.code != infra_core::rules::WORKLOAD_FULL_ACCESS.code);
    forget_keys(&mut platform);
    let platform = platform.validate().expect("a valid design");
    let template = crate::synth(&platform, "production").expect("a known environment");
    assert!(template.resources().keys().all(|id| {
        !["WebAcl", "Iam", "Secret", "KmsKey"].iter().any(|prefix| id.as_str().starts_with(prefix))
    }));
    assert!(template.parameters().keys().all(|id| !id.as_str().starts_with("RotationFunction")));
    assert!(!template.description().contains("security ("));
    assert!(!template.to_json().contains("Security: "));
}

fn synth_json(platform: infra_core::model::Platform) -> Value {
    let platform = platform.validate().expect("a valid design");
    let template = crate::synth(&platform, "production").expect("a known environment");
    serde_json::from_str(&template.to_json()).expect("JSON")
}

fn bucket_statements(template: &Value, role: &str) -> Vec<Value> {
    let policies = resource(template, role)["Policies"].as_array().expect("inline policies");
    let buckets = policies.iter().find(|p| p["PolicyName"] == "buckets").expect("the buckets policy");
    buckets["PolicyDocument"]["Statement"].as_array().expect("statements").clone()
}

#[test]
fn a_role_reads_and_writes_its_buckets_by_arn_with_their_key_through_s3_only() {
    let template = template("production");
    let statements = bucket_statements(&template, "WorkloadRoleBatch");
    let sids: Vec<&str> = statements.iter().map(|s| s["Sid"].as_str().expect("a sid")).collect();
    assert_eq!(sids, ["ListDatasets", "ReadDatasets", "WriteDatasets", "KeyDatasets", "WriteBackups", "KeyBackups"]);
    assert_eq!(statements[0]["Resource"], json!({ "Fn::GetAtt": ["BucketDatasets", "Arn"] }));
    assert_eq!(statements[1]["Action"], json!(["s3:GetObject", "s3:GetObjectVersion"]));
    assert_eq!(statements[1]["Resource"], json!({ "Fn::Sub": "${BucketDatasets.Arn}/*" }));
    assert_eq!(statements[4]["Action"], json!(["s3:PutObject", "s3:AbortMultipartUpload"]));
    // Both buckets use the design's `storage` key: written, so encrypted (GenerateDataKey) and
    // read back for multipart uploads (Decrypt), through S3 only.
    for key in [&statements[3], &statements[5]] {
        assert_eq!(key["Action"], json!(["kms:Decrypt", "kms:GenerateDataKey"]));
        assert_eq!(key["Resource"], json!({ "Fn::GetAtt": ["KmsKeyStorage", "Arn"] }));
        assert_eq!(key["Condition"], json!({ "StringEquals": { "kms:ViaService": { "Fn::Sub": "s3.${AWS::Region}.amazonaws.com" } } }));
    }
    assert!(statements.iter().all(|s| s["Resource"] != "*"));
    // No managed policy is left on the batch role, and its ARN is an output for the jobs.
    assert_eq!(resource(&template, "WorkloadRoleBatch").get("ManagedPolicyArns"), None);
    let output = &template["Outputs"]["WorkloadRoleBatchArn"];
    assert_eq!(output["Value"], json!({ "Fn::GetAtt": ["WorkloadRoleBatch", "Arn"] }));
    assert!(output["Description"].as_str().expect("a description").contains("outside this stack"));
}

#[test]
fn a_reader_decrypts_only_and_the_aws_managed_key_needs_no_grant() {
    use infra_core::model::Encryption;
    let mut platform = reference_network();
    platform.storage.buckets[0].versioning = false;
    // The `aws/s3` key: its policy lets the account's principals use it through S3.
    platform.storage.buckets[1].encryption = Encryption::kms();
    platform.security.roles[1].write.clear();
    platform.security.roles[1].write.push(Name::new_assert("backups"));
    let statements = bucket_statements(&synth_json(platform), "WorkloadRoleBatch");
    let by_sid = |sid: &str| statements.iter().find(|s| s["Sid"] == sid).cloned();
    assert_eq!(by_sid("ReadDatasets").expect("a read")["Action"], json!(["s3:GetObject"]));
    assert_eq!(by_sid("KeyDatasets").expect("the key")["Action"], json!(["kms:Decrypt"]));
    assert!(by_sid("WriteBackups").is_some());
    assert_eq!(by_sid("KeyBackups"), None);
}

#[test]
fn services_sharing_a_role_add_their_grants_under_distinct_names() {
    let template = template("production");
    for service in ["ServiceApi", "ServiceWorker"] {
        let task = resource(&template, &format!("{service}TaskDefinition"));
        assert_eq!(task["TaskRoleArn"], json!({ "Fn::GetAtt": ["WorkloadRoleApplication", "Arn"] }));
        assert!(template["Resources"].get(format!("{service}TaskRole")).is_none());
        let policy = resource(&template, &format!("{service}TaskPolicy"));
        assert_eq!(policy["Roles"], json!([{ "Ref": "WorkloadRoleApplication" }]));
        // The tasks start once the role holds the service's grants.
        let depends = template["Resources"][service]["DependsOn"].as_array().expect("DependsOn").clone();
        assert!(depends.contains(&json!(format!("{service}TaskPolicy"))), "{depends:?}");
    }
    assert_eq!(resource(&template, "ServiceApiTaskPolicy")["PolicyName"], "service-api");
    assert_eq!(resource(&template, "ServiceWorkerTaskPolicy")["PolicyName"], "service-worker");
    assert_eq!(
        resource(&template, "ServiceApiTaskPolicy")["PolicyDocument"]["Statement"][0]["Action"],
        "sqs:SendMessage"
    );
    assert_eq!(
        resource(&template, "ServiceWorkerTaskPolicy")["PolicyDocument"]["Statement"][0]["Sid"],
        "ConsumeJobs"
    );
    // The cache's clients share the role: it is named once.
    assert_eq!(resource(&template, "RedisMainClientPolicy")["Roles"], json!([{ "Ref": "WorkloadRoleApplication" }]));
    // Every inline policy name on the role is distinct.
    let mut names: Vec<String> = template["Resources"]
        .as_object()
        .expect("resources")
        .values()
        .filter(|r| r["Type"] == "AWS::IAM::Policy")
        .filter(|r| r["Properties"]["Roles"].as_array().is_some_and(|roles| roles.contains(&json!({ "Ref": "WorkloadRoleApplication" }))))
        .map(|r| r["Properties"]["PolicyName"].as_str().expect("a name").to_owned())
        .chain(
            resource(&template, "WorkloadRoleApplication")["Policies"]
                .as_array()
                .expect("inline policies")
                .iter()
                .map(|p| p["PolicyName"].as_str().expect("a name").to_owned()),
        )
        .collect();
    let count = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), count, "{names:?}");
}

#[test]
fn a_service_without_a_role_keeps_a_task_role_of_its_own() {
    let mut platform = reference_network();
    platform.compute.services[1].role = None;
    let template = synth_json(platform);
    let task = resource(&template, "ServiceWorkerTaskDefinition");
    assert_eq!(task["TaskRoleArn"], json!({ "Fn::GetAtt": ["ServiceWorkerTaskRole", "Arn"] }));
    assert!(template["Resources"].get("ServiceWorkerTaskPolicy").is_none());
    let own = resource(&template, "ServiceWorkerTaskRole");
    assert_eq!(own["Policies"][0]["PolicyName"], "consume-queue-jobs");
    assert_eq!(
        resource(&template, "RedisMainClientPolicy")["Roles"],
        json!([{ "Ref": "WorkloadRoleApplication" }, { "Ref": "ServiceWorkerTaskRole" }])
    );
}

#[test]
fn a_secret_is_generated_encrypted_and_rotated_by_the_parameters_function() {
    let template = template("production");
    let secret = resource(&template, "SecretApiKeys");
    // The design's `secrets` key: the section makes no key of its own.
    assert_eq!(secret["KmsKeyId"], json!({ "Fn::GetAtt": ["KmsKeySecrets", "Arn"] }));
    assert!(template["Resources"].get("SecretsKey").is_none());
    assert_eq!(secret.get("SecretString"), None);
    assert_eq!(secret["GenerateSecretString"]["PasswordLength"], 64);
    assert_eq!(template["Resources"]["SecretApiKeys"]["DeletionPolicy"], "Retain");
    let rotation = resource(&template, "SecretApiKeysRotation");
    assert_eq!(rotation["SecretId"], json!({ "Ref": "SecretApiKeys" }));
    assert_eq!(rotation["RotationLambdaARN"], json!({ "Ref": "RotationFunctionApiKeysArn" }));
    assert_eq!(rotation["RotationRules"], json!({ "AutomaticallyAfterDays": 90 }));
    let parameter = &template["Parameters"]["RotationFunctionApiKeysArn"];
    let pattern = parameter["AllowedPattern"].as_str().expect("a pattern");
    assert!(pattern.starts_with("^arn:aws[a-zA-Z-]*:lambda:"), "{pattern}");
    assert!(parameter["Description"].as_str().is_some_and(|text| text.contains("secretsmanager.amazonaws.com")));
    assert_eq!(template["Outputs"]["SecretApiKeysArn"]["Value"], json!({ "Ref": "SecretApiKeys" }));
    assert_eq!(template["Outputs"]["SecretApiKeysKeyArn"]["Value"], json!({ "Fn::GetAtt": ["KmsKeySecrets", "Arn"] }));
    // The api reads it: its execution role may decrypt with that key, through Secrets Manager.
    let policies = resource(&template, "ServiceApiExecutionRole")["Policies"].clone();
    let statements = &policies[0]["PolicyDocument"]["Statement"];
    assert_eq!(statements[1]["Resource"], json!([{ "Fn::GetAtt": ["KmsKeySecrets", "Arn"] }]));
}

#[test]
fn a_secret_without_a_named_key_gets_the_sections_own() {
    let mut platform = reference_network();
    platform.security.secrets[0].kms_key = None;
    platform.security.kms_keys.retain(|key| key.name.as_str() != "secrets");
    let template = synth_json(platform);
    assert_eq!(resource(&template, "SecretApiKeys")["KmsKeyId"], json!({ "Fn::GetAtt": ["SecretsKey", "Arn"] }));
    let key = resource(&template, "SecretsKey");
    assert_eq!(key["EnableKeyRotation"], true);
    assert_eq!(key["KeyPolicy"]["Statement"][0]["Sid"], "AccountAdministers");
    assert_eq!(template["Outputs"]["SecretApiKeysKeyArn"]["Value"], json!({ "Fn::GetAtt": ["SecretsKey", "Arn"] }));
}

#[test]
fn a_secret_without_rotation_has_no_schedule_and_no_parameter() {
    let mut platform = reference_network();
    platform.security.secrets[0].rotation = None;
    platform.acknowledgements.push(infra_core::model::Acknowledgement {
        code: infra_core::rules::SECRET_WITHOUT_ROTATION.code.to_owned(),
        path: infra_core::model::path::secret("api_keys"),
        reason: "the keys are replaced by hand".to_owned(),
    });
    let platform = platform.validate().expect("a valid design");
    let template = crate::synth(&platform, "production").expect("a known environment");
    assert!(template.resource("SecretApiKeys").is_some());
    assert!(template.resource("SecretApiKeysRotation").is_none());
    assert!(template.parameters().keys().all(|id| !id.as_str().starts_with("RotationFunction")));
}


/// Takes every KMS key name out of the design's elements.
fn forget_keys(platform: &mut infra_core::model::Platform) {
    if let Some(flow_logs) = platform.network.flow_logs.as_mut() {
        flow_logs.kms_key = None;
    }
    platform.batch.log_kms_key = None;
    platform.compute.queues.iter_mut().for_each(|queue| queue.kms_key = None);
    platform.compute.services.iter_mut().for_each(|service| service.log_kms_key = None);
    for pg in &mut platform.database.postgres {
        pg.kms_key = None;
        pg.log_kms_key = None;
    }
    platform.cache.clusters.iter_mut().for_each(|cluster| cluster.kms_key = None);
    platform.storage.buckets.iter_mut().for_each(|bucket| bucket.encryption.kms_key = None);
    platform.monitoring.severities.iter_mut().for_each(|severity| severity.kms_key = None);
    platform.security.secrets.iter_mut().for_each(|secret| secret.kms_key = None);
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
    for id in ["EcsLogKey", "QueueJobsKey", "DatabaseMainKey", "CacheKey", "MonitoringKey", "SecretsKey"] {
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
