//! The lowering of the storage section: per bucket an `AWS::S3::Bucket` (public access blocked,
//! ownership enforced, default encryption, versioning, server access logs and the lifecycle as
//! one rule; retained on deletion and replacement), an `AWS::S3::BucketPolicy` that denies
//! requests without TLS (`aws:SecureTransport`) or below the platform's minimum TLS version
//! (`s3:TlsVersion`; TLS 1.2 unless the design states one) and admits S3's log delivery from the buckets that log to it and Elastic Load Balancing's from the
//! load balancers that do, and its name as an output.

pub(crate) mod logical_id;

use infra_core::model::{path, Bucket, LoadBalancer, Platform, SseAlgorithm};
use infra_core::rules::{
    bucket_name, ACCESS_LOG_BUCKET_WITH_KMS, BUCKET_STORAGE_CLASS, EARLY_DELETION_CHARGE, BUCKET_WITHOUT_ACCESS_LOGS, DUPLICATE_NAME,
    EXPIRATION_BEFORE_TRANSITION, INFREQUENT_ACCESS_TOO_EARLY, INVALID_BUCKET_NAME,
    KMS_KEY_WITHOUT_KMS_ENCRYPTION, LIFECYCLE_TRANSITION_ORDER, LIFECYCLE_ZERO_DAYS,
    NONCURRENT_VERSIONS_KEPT, STORAGE_CLASS_WATERFALL, TOO_SOON_AFTER_INFREQUENT_ACCESS,
    UNKNOWN_LOG_BUCKET, LOAD_BALANCER_LOG_BUCKET_WITH_KMS, UNKNOWN_ACCESS_LOG_BUCKET,
};
use infra_core::value::{Lifecycle, Name};

use crate::context::State;
use crate::load_balancer;
use crate::intrinsic::{Expr, Pseudo};
use crate::kms::design_key_arn;
use crate::stack::Stack;
use crate::template::{Output, Policy, Resource, Section, Template};

/// Adds the buckets of `stack`'s platform to `template`, and says what it added; a design
/// without buckets adds nothing.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let buckets = &stack.platform().storage.buckets;
    if buckets.is_empty() {
        return;
    }
    for bucket in buckets {
        lower_bucket(stack, template, bucket);
        bucket_policy(stack, template, bucket);
    }
    let summary = match buckets.len() {
        1 => "storage (1 bucket)".to_owned(),
        n => format!("storage ({n} buckets)"),
    };
    let shapes: Vec<String> = buckets.iter().map(shape).collect();
    template.add_section(Section {
        summary,
        arch: format!(
            "Storage: S3 buckets {}, each private (public access blocked, ownership enforced), TLS only and retained.",
            shapes.join(", ")
        ),
    });
}

/// `` `datasets` (versioned, SSE-KMS, logs to `access_logs`, [after 30d => STANDARD_IA]) ``
fn shape(bucket: &Bucket) -> String {
    let mut parts = vec![if bucket.versioning { "versioned" } else { "unversioned" }.to_owned()];
    parts.push(
        match bucket.encryption.algorithm {
            SseAlgorithm::Aes256 => "SSE-S3",
            SseAlgorithm::Kms => "SSE-KMS",
        }
        .to_owned(),
    );
    if let Some(target) = &bucket.access_logs {
        parts.push(format!("logs to `{target}`"));
    }
    if !bucket.lifecycle.is_empty() {
        parts.push(format!("lifecycle {}", bucket.lifecycle));
    }
    format!("`{}` ({})", bucket.name, parts.join(", "))
}

/// `<platform>-<environment>-<bucket>-${AWS::AccountId}-<region>`, for `Fn::Sub`.
fn physical_name(stack: &Stack<'_>, bucket: &Bucket) -> String {
    let platform = stack.platform();
    bucket_name(
        &platform.name,
        &stack.environment().name,
        &bucket.name,
        &format!("${{{}}}", Pseudo::AccountId.name()),
        &platform.region,
    )
}

/// The KMS key that encrypts a bucket's objects, as the bucket's lowering names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BucketKey<'a> {
    /// SSE-S3: no KMS key.
    None,
    /// SSE-KMS with the account's AWS managed key `aws/s3`, whose key policy (which AWS keeps)
    /// lets every principal of the account use it through S3: a role needs no KMS grant.
    AwsManaged,
    /// SSE-KMS with the design's key of this name (`security { kms_key <name> {} }`), whose policy
    /// leaves its use to IAM: a role that reads or writes the bucket needs a grant on it.
    Named(&'a Name),
}

/// The key `bucket`'s objects are encrypted with: the one place both the bucket's default
/// encryption and the roles' grants on its key read it from.
pub(crate) fn bucket_key(bucket: &Bucket) -> BucketKey<'_> {
    match (bucket.encryption.algorithm, &bucket.encryption.kms_key) {
        (SseAlgorithm::Aes256, _) => BucketKey::None,
        (SseAlgorithm::Kms, None) => BucketKey::AwsManaged,
        (SseAlgorithm::Kms, Some(key)) => BucketKey::Named(key),
    }
}

fn lower_bucket(stack: &Stack<'_>, template: &mut Template, bucket: &Bucket) {
    let name = bucket.name.as_str();
    let id = logical_id::bucket(&bucket.name);
    let block = Expr::map(
        ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]
            .map(|flag| (flag, Expr::Bool(true))),
    );
    let mut by_default = vec![(
        "SSEAlgorithm",
        Expr::from(bucket.encryption.algorithm.as_str()),
    )];
    if let BucketKey::Named(key) = bucket_key(bucket) {
        by_default.push(("KMSMasterKeyID", design_key_arn(key)));
    }
    let mut rule = vec![("ServerSideEncryptionByDefault", Expr::map(by_default))];
    if bucket.encryption.algorithm == SseAlgorithm::Kms {
        // S3 Bucket Keys cut the KMS requests (and their cost) of SSE-KMS.
        rule.push(("BucketKeyEnabled", Expr::Bool(true)));
    }
    let mut resource = Resource::new("AWS::S3::Bucket")
        .property("BucketName", Expr::sub(physical_name(stack, bucket)))
        .property("PublicAccessBlockConfiguration", block)
        .property(
            "OwnershipControls",
            Expr::map([(
                "Rules",
                Expr::list([Expr::map([("ObjectOwnership", Expr::from("BucketOwnerEnforced"))])]),
            )]),
        )
        .property(
            "BucketEncryption",
            Expr::map([("ServerSideEncryptionConfiguration", Expr::list([Expr::map(rule)]))]),
        );
    if bucket.versioning {
        resource = resource.property(
            "VersioningConfiguration",
            Expr::map([("Status", Expr::from("Enabled"))]),
        );
    }
    if let Some(target) = &bucket.access_logs {
        resource = resource.property(
            "LoggingConfiguration",
            Expr::map([
                ("DestinationBucketName", Expr::reference(&logical_id::bucket(target))),
                ("LogFilePrefix", Expr::from(format!("{name}/"))),
            ]),
        );
    }
    if let Some(rules) = lifecycle_rule(&bucket.lifecycle) {
        resource = resource.property(
            "LifecycleConfiguration",
            Expr::map([("Rules", Expr::list([rules]))]),
        );
    }
    let why = format!(
        "S3 bucket `{name}`: private, {}{}{}; retained when the stack deletes or replaces it",
        match bucket.encryption.algorithm {
            SseAlgorithm::Aes256 => "SSE-S3",
            SseAlgorithm::Kms => "SSE-KMS",
        },
        if bucket.versioning { ", versioned" } else { "" },
        if bucket.lifecycle.is_empty() {
            String::new()
        } else {
            format!(", lifecycle {}", bucket.lifecycle)
        }
    );
    template.add_resource(
        id.clone(),
        resource
            .property("Tags", stack.tags(&format!("bucket-{name}")))
            .keep_on(Policy::Retain)
            .context(stack.context(path::bucket(name), why, State::Stateful).must([
                &INVALID_BUCKET_NAME,
                &DUPLICATE_NAME,
                &KMS_KEY_WITHOUT_KMS_ENCRYPTION,
                &NONCURRENT_VERSIONS_KEPT,
                &UNKNOWN_LOG_BUCKET,
                &ACCESS_LOG_BUCKET_WITH_KMS,
                &BUCKET_WITHOUT_ACCESS_LOGS,
                &BUCKET_STORAGE_CLASS,
                &LIFECYCLE_TRANSITION_ORDER,
                &INFREQUENT_ACCESS_TOO_EARLY,
                &STORAGE_CLASS_WATERFALL,
                &TOO_SOON_AFTER_INFREQUENT_ACCESS,
                &EXPIRATION_BEFORE_TRANSITION,
                &LIFECYCLE_ZERO_DAYS,
                &EARLY_DELETION_CHARGE,
            ])),
    );
    let export = format!(
        "${{{}}}-{}",
        Pseudo::StackName.name(),
        logical_id::bucket_name(&bucket.name)
    );
    template.add_output(
        logical_id::bucket_name(&bucket.name),
        Output::exported(
            format!("The name of S3 bucket `{name}`"),
            Expr::reference(&id),
            Expr::sub(export),
        ),
    );
}

/// The lifecycle as one enabled rule over the whole bucket, or `None` when it does nothing.
fn lifecycle_rule(lifecycle: &Lifecycle) -> Option<Expr> {
    if lifecycle.is_empty() {
        return None;
    }
    let mut rule = vec![
        ("Id", Expr::from("lifecycle")),
        ("Status", Expr::from("Enabled")),
    ];
    if !lifecycle.transitions().is_empty() {
        let transitions = lifecycle.transitions().iter().map(|transition| {
            Expr::map([
                ("TransitionInDays", Expr::Int(i64::from(transition.days))),
                ("StorageClass", Expr::from(transition.class.as_str())),
            ])
        });
        rule.push(("Transitions", Expr::list(transitions)));
    }
    if let Some(days) = lifecycle.expiration() {
        rule.push(("ExpirationInDays", Expr::Int(i64::from(days))));
    }
    if let Some(days) = lifecycle.noncurrent_expiration() {
        rule.push((
            "NoncurrentVersionExpiration",
            Expr::map([("NoncurrentDays", Expr::Int(i64::from(days)))]),
        ));
    }
    if let Some(days) = lifecycle.abort_incomplete_uploads() {
        rule.push((
            "AbortIncompleteMultipartUpload",
            Expr::map([("DaysAfterInitiation", Expr::Int(i64::from(days)))]),
        ));
    }
    Some(Expr::map(rule))
}

/// The buckets of `platform` that send their access logs to `bucket`.
fn logging_into<'a>(platform: &'a Platform, bucket: &'a Bucket) -> impl Iterator<Item = &'a Bucket> {
    platform
        .storage
        .buckets
        .iter()
        .filter(move |source| source.access_logs.as_ref() == Some(&bucket.name))
}

/// The bucket's policy. The two denials name every principal, log delivery included: S3 server
/// access logging and Elastic Load Balancing deliver over HTTPS, and S3's endpoints accept
/// nothing below TLS 1.2 (S3 User Guide, UsingEncryptionInTransit.html), so both pass them
/// under a minimum of TLS 1.2 or below.
fn bucket_policy(stack: &Stack<'_>, template: &mut Template, bucket: &Bucket) {
    let name = bucket.name.as_str();
    let id = logical_id::bucket(&bucket.name);
    let arn = Expr::get_att(&id, "Arn");
    let objects = Expr::sub(format!("${{{}.Arn}}/*", id.as_str()));
    let resources = Expr::list([arn, objects.clone()]);
    let deny = |sid: &str, condition: Expr| {
        Expr::map([
            ("Sid", Expr::from(sid)),
            ("Effect", Expr::from("Deny")),
            ("Principal", Expr::from("*")),
            ("Action", Expr::from("s3:*")),
            ("Resource", resources.clone()),
            ("Condition", condition),
        ])
    };
    let mut statements = vec![deny(
        "DenyInsecureTransport",
        Expr::map([(
            "Bool",
            Expr::map([("aws:SecureTransport", Expr::from("false"))]),
        )]),
    )];
    let minimum = stack.platform().security.effective_minimum_tls();
    statements.push(deny(
        "DenyOutdatedTls",
        Expr::map([(
            "NumericLessThan",
            Expr::map([("s3:TlsVersion", Expr::from(minimum.as_str()))]),
        )]),
    ));
    let sources: Vec<&Bucket> = logging_into(stack.platform(), bucket).collect();
    if !sources.is_empty() {
        let source_arns = sources
            .iter()
            .map(|source| Expr::get_att(&logical_id::bucket(&source.name), "Arn"));
        statements.push(Expr::map([
            ("Sid", Expr::from("AllowServerAccessLogDelivery")),
            ("Effect", Expr::from("Allow")),
            (
                "Principal",
                Expr::map([("Service", Expr::from("logging.s3.amazonaws.com"))]),
            ),
            ("Action", Expr::from("s3:PutObject")),
            ("Resource", objects),
            (
                "Condition",
                Expr::map([
                    ("ArnLike", Expr::map([("aws:SourceArn", Expr::list(source_arns))])),
                    (
                        "StringEquals",
                        Expr::map([("aws:SourceAccount", Expr::pseudo(Pseudo::AccountId))]),
                    ),
                ]),
            ),
        ]));
    }
    let balancers: Vec<&LoadBalancer> = stack
        .platform()
        .load_balancer
        .load_balancers
        .iter()
        .filter(|lb| lb.access_logs.as_ref() == Some(&bucket.name))
        .collect();
    if !balancers.is_empty() {
        // ALB User Guide, enable-access-logging.md: Elastic Load Balancing writes
        // `<prefix>/AWSLogs/<account>/...`; the principal depends on the region.
        let prefixes = balancers.iter().map(|lb| {
            Expr::sub(format!(
                "${{{}.Arn}}/{}/AWSLogs/${{{}}}/*",
                id.as_str(),
                lb.access_log_prefix(),
                Pseudo::AccountId.name()
            ))
        });
        statements.push(Expr::map([
            ("Sid", Expr::from("AllowLoadBalancerAccessLogDelivery")),
            ("Effect", Expr::from("Allow")),
            (
                "Principal",
                load_balancer::log_delivery_principal(stack.platform().region.as_str()),
            ),
            ("Action", Expr::from("s3:PutObject")),
            ("Resource", Expr::list(prefixes)),
        ]));
    }
    let mut why = format!(
        "Bucket `{name}`'s policy: denies requests without TLS or below TLS {}, the platform's minimum",
        minimum.as_str()
    );
    if !sources.is_empty() {
        let names: Vec<String> = sources.iter().map(|s| format!("`{}`", s.name)).collect();
        why.push_str(&format!(
            "; admits S3's server access log delivery from {}",
            names.join(", ")
        ));
    }
    if !balancers.is_empty() {
        let names: Vec<String> = balancers.iter().map(|lb| format!("`{}`", lb.name)).collect();
        why.push_str(&format!(
            "; admits Elastic Load Balancing's access log delivery from load balancer {}",
            names.join(", ")
        ));
    }
    template.add_resource(
        logical_id::bucket_policy(&bucket.name),
        Resource::new("AWS::S3::BucketPolicy")
            .property("Bucket", Expr::reference(&id))
            .property(
                "PolicyDocument",
                Expr::map([
                    ("Version", Expr::from("2012-10-17")),
                    ("Statement", Expr::list(statements)),
                ]),
            )
            .context(
                stack
                    .context(path::bucket(name), why, State::Stateless)
                    .must([&UNKNOWN_LOG_BUCKET, &ACCESS_LOG_BUCKET_WITH_KMS])
                    .must(
                        [&UNKNOWN_ACCESS_LOG_BUCKET, &LOAD_BALANCER_LOG_BUCKET_WITH_KMS]
                            .into_iter()
                            .filter(|_| !balancers.is_empty()),
                    ),
            ),
    );
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;
    use infra_core::model::{ObjectStorage, TlsVersion};

    use crate::intrinsic::Expr;
    use crate::template::Policy;
    use crate::testing::synth_reference as synth;

    #[test]
    fn buckets_are_private_encrypted_and_retained() {
        let template = synth("production");
        let buckets: Vec<_> = template.resources_of_type("AWS::S3::Bucket").collect();
        assert_eq!(buckets.len(), 3);
        for (_, bucket) in &buckets {
            let block = bucket.get("PublicAccessBlockConfiguration").expect("public access blocked");
            for flag in ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"] {
                assert_eq!(block.get(flag), Some(&Expr::Bool(true)), "{flag}");
            }
            assert_eq!(bucket.deletion_policy(), Some(Policy::Retain));
            assert_eq!(bucket.update_replace_policy(), Some(Policy::Retain));
        }
        let datasets = template.resource("BucketDatasets").expect("the datasets bucket");
        assert_eq!(
            datasets.get("BucketName"),
            Some(&Expr::sub("datasets-production-datasets-${AWS::AccountId}-ap-northeast-1"))
        );
        let Some(Expr::List(rules)) = datasets
            .get("LifecycleConfiguration")
            .and_then(|config| config.get("Rules"))
        else {
            panic!("lifecycle rules as a list");
        };
        assert_eq!(rules[0].get("ExpirationInDays"), Some(&Expr::Int(365)));
        assert!(rules[0].get("NoncurrentVersionExpiration").is_some());
        let logs = template.resource("BucketAccessLogs").expect("the log bucket");
        assert_eq!(logs.get("LoggingConfiguration"), None);
        assert!(datasets.get("LoggingConfiguration").is_some());
        assert!(template.outputs().keys().any(|id| id.as_str() == "BucketDatasetsName"));
    }

    #[test]
    fn policies_deny_plain_http_and_old_tls_and_admit_log_delivery() {
        let template = synth("staging");
        let policy = template.resource("BucketDatasetsPolicy").expect("the datasets policy");
        let text = serde_json::to_string(policy.get("PolicyDocument").expect("a document")).unwrap_or_default();
        assert!(text.contains("aws:SecureTransport") && text.contains("s3:TlsVersion"), "{text}");
        assert!(!text.contains("logging.s3.amazonaws.com"), "{text}");
        let logs = template.resource("BucketAccessLogsPolicy").expect("the log bucket's policy");
        let text = serde_json::to_string(logs.get("PolicyDocument").expect("a document")).unwrap_or_default();
        assert!(text.contains("logging.s3.amazonaws.com") && text.contains("BucketBackups"), "{text}");
        // Load balancer `web` logs here: ap-northeast-1's Elastic Load Balancing account may
        // write under its prefix, and nowhere else.
        assert!(text.contains("arn:aws:iam::582318560864:root"), "{text}");
        assert!(text.contains("${BucketAccessLogs.Arn}/web/AWSLogs/${AWS::AccountId}/*"), "{text}");
        let context = serde_json::to_string(&logs).unwrap_or_default();
        assert!(context.contains("load-balancer-log-bucket-with-kms"), "{context}");
        let datasets = serde_json::to_string(&policy).unwrap_or_default();
        assert!(!datasets.contains("load-balancer-log-bucket-with-kms"), "{datasets}");
    }

    #[test]
    fn every_bucket_denies_below_the_minimum_tls_the_default_included() {
        for (minimum, expected) in [(Some(TlsVersion::Tls11), "1.1"), (None, "1.2")] {
            let mut platform = reference_network();
            platform.security.minimum_tls = minimum;
            let platform = platform.validate().expect("a valid design");
            let template = crate::synth(&platform, "production").expect("a known environment");
            let policies: Vec<_> = template.resources_of_type("AWS::S3::BucketPolicy").collect();
            assert_eq!(policies.len(), 3);
            for (id, policy) in policies {
                let Some(Expr::List(statements)) = policy.get("PolicyDocument").and_then(|doc| doc.get("Statement")) else {
                    panic!("{id}: statements as a list");
                };
                let outdated = statements
                    .iter()
                    .find(|statement| statement.get("Sid") == Some(&Expr::from("DenyOutdatedTls")))
                    .expect("the TLS version denial");
                let condition = outdated.get("Condition").and_then(|c| c.get("NumericLessThan"));
                assert_eq!(condition.and_then(|c| c.get("s3:TlsVersion")), Some(&Expr::from(expected)), "{id}");
            }
        }
    }

    #[test]
    fn no_buckets_add_nothing() {
        let mut platform = reference_network();
        platform.storage = ObjectStorage::new();
        // Load balancer `web` logs to a bucket, which is gone (`unknown-access-log-bucket`).
        platform.load_balancer.load_balancers[0].access_logs = None;
        // Role `batch` reads and writes buckets that are gone (`unknown-role-bucket`).
        for role in &mut platform.security.roles {
            role.read.clear();
            role.write.clear();
        }
        let platform = platform.validate().expect("a valid design");
        let template = crate::synth(&platform, "production").expect("a known environment");
        assert!(template
            .resources()
            .values()
            .all(|r| !r.resource_type().starts_with("AWS::S3::")));
    }
}
