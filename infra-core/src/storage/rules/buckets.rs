//! Rules on buckets: their physical names, encryption, versioning and access logs, and the
//! bucket-level storage class S3 does not have.

use crate::diag::{Diagnostic, ModelPath};
use crate::model::{path, Bucket, Platform, SseAlgorithm};
use crate::rules::{declare_rules, Rule};
use crate::rules::names::check_unique;
use crate::rules::suggest::help_for;
use crate::value::Name;

declare_rules! {
    /// A bucket's physical name breaks S3's naming rules.
    INVALID_BUCKET_NAME = "invalid-bucket-name", Error,
        "a bucket's physical name, `<platform>-<environment>-<bucket>-<account id>-<region>`, follows S3's naming rules",
        "S3 User Guide, bucketnamingrules.html (3-63 characters; lowercase letters, digits, `.` and `-`; a letter or digit at each end; not IP-shaped; no `xn--`, `sthree-` or `amzn-s3-demo-` prefix; no `-s3alias`, `--ol-s3`, `.mrap`, `--x-s3` or `--table-s3` suffix)";
    /// SSE-S3 (`AES256`) with a KMS key.
    KMS_KEY_WITHOUT_KMS_ENCRYPTION = "kms-key-without-kms-encryption", Error,
        "only SSE-KMS takes a KMS key; SSE-S3 (`AES256`) uses keys S3 manages",
        "S3 API ServerSideEncryptionByDefault (KMSMasterKeyID is allowed only with aws:kms or aws:kms:dsse); aws-rules.md §6";
    /// A versioned bucket never deletes noncurrent versions.
    NONCURRENT_VERSIONS_KEPT = "noncurrent-versions-kept", Warning,
        "a versioned bucket's lifecycle expires noncurrent versions",
        "S3 User Guide, lifecycle-expire-general-considerations.md (in a versioned bucket, Expiration only adds a delete marker; noncurrent versions stay until a NoncurrentVersionExpiration deletes them); aws-rules.md §6";
    /// A bucket sends its access logs to a bucket the design does not have.
    UNKNOWN_LOG_BUCKET = "unknown-log-bucket", Error,
        "a bucket's `access_logs` names a bucket of the design",
        "S3 API PutBucketLogging.TargetBucket (the target bucket must exist, in the same region and account)";
    /// A bucket receives server access logs but is encrypted with SSE-KMS.
    ACCESS_LOG_BUCKET_WITH_KMS = "access-log-bucket-with-kms", Error,
        "a bucket that receives server access logs is encrypted with SSE-S3",
        "S3 User Guide, enable-server-access-logging.html (the target bucket's default encryption must be SSE-S3; server access logs are not delivered to SSE-KMS buckets)";
    /// A bucket writes no server access logs.
    BUCKET_WITHOUT_ACCESS_LOGS = "bucket-without-access-logs", Warning,
        "a bucket writes server access logs to a bucket of the design",
        "S3 User Guide, ServerLogs.html (server access logging is off by default); AWS Security Hub S3.9",
        checkov ["CKV_AWS_18"];
    /// A bucket-level default storage class, which S3 does not have.
    BUCKET_STORAGE_CLASS = "bucket-storage-class", Error,
        "a bucket has no storage class of its own; objects get theirs on upload or by a lifecycle transition",
        "S3 User Guide, sc-howtoset.html (the class is set per object with `x-amz-storage-class` on PUT, copy or multipart upload, STANDARD when omitted, or by a lifecycle transition; AWS::S3::Bucket has no storage-class property); aws-rules.md §6";
}

/// The length of an AWS account id, which every physical name holds.
const ACCOUNT_ID_LENGTH: usize = 12;

/// A bucket's physical name: `<platform>-<environment>-<bucket>-<account>-<region>`, with each
/// `_` of the design's names written `-`, as S3 allows no `_`. Bucket names are global across
/// all AWS accounts; the account id and the region make the name unique to one deployment of
/// one environment, and readable in the console. `account` is the 12-digit account id, or the
/// backend's placeholder for it.
///
/// ```
/// use infra_core::rules::bucket_name;
/// use infra_core::value::{Name, Region};
///
/// let name = bucket_name(
///     &Name::new_assert("datasets"),
///     &Name::new_assert("production"),
///     &Name::new_assert("access_logs"),
///     "123456789012",
///     &Region::new_assert("ap-northeast-1"),
/// );
/// assert_eq!(name, "datasets-production-access-logs-123456789012-ap-northeast-1");
/// ```
pub fn bucket_name(
    platform: &Name,
    environment: &Name,
    bucket: &Name,
    account: &str,
    region: &crate::value::Region,
) -> String {
    format!("{platform}-{environment}-{bucket}-{account}-{region}").replace('_', "-")
}

/// Why S3 would reject `name` as a bucket name, if it would.
///
/// Source: S3 User Guide, bucketnamingrules.html (general purpose buckets).
pub fn bucket_name_problem(name: &str) -> Option<String> {
    let len = name.len();
    if !(3..=63).contains(&len) {
        return Some(format!("it is {len} characters long, outside S3's 3 to 63"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '.' || *c == '-'))
    {
        return Some(format!("it holds `{c}`; S3 allows lowercase letters, digits, `.` and `-`"));
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !alnum(name.chars().next()) || !alnum(name.chars().last()) {
        return Some("it must begin and end with a letter or a digit".to_owned());
    }
    if name.contains("..") {
        return Some("it holds two adjacent periods".to_owned());
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() == 4 && parts.iter().all(|p| p.parse::<u8>().is_ok()) {
        return Some("it is formatted as an IP address".to_owned());
    }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] {
        if name.starts_with(prefix) {
            return Some(format!("it begins with `{prefix}`, a prefix S3 reserves"));
        }
    }
    for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] {
        if name.ends_with(suffix) {
            return Some(format!("it ends with `{suffix}`, a suffix S3 reserves"));
        }
    }
    None
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let buckets = &platform.storage.buckets;
    check_unique(
        cx,
        "bucket",
        buckets
            .iter()
            .map(|b| (b.name.as_str(), b.name.pascal_case(), path::bucket(b.name.as_str()))),
    );
    for bucket in buckets {
        check_name(cx, platform, bucket);
        check_encryption(cx, bucket);
        check_versions(cx, bucket);
        check_access_logs(cx, platform, bucket);
    }
}

/// The physical name follows S3's rules in every environment.
///
/// Source: S3 User Guide, bucketnamingrules.html.
fn check_name(cx: &mut Vec<Diagnostic>, platform: &Platform, bucket: &Bucket) {
    let account = "0".repeat(ACCOUNT_ID_LENGTH);
    for env in &platform.environments {
        let physical = bucket_name(&platform.name, &env.name, &bucket.name, &account, &platform.region);
        let shown = physical.replace(&account, "<account id>");
        if let Some(problem) = bucket_name_problem(&physical) {
            cx.push(
                INVALID_BUCKET_NAME
                    .at(
                        path::bucket(bucket.name.as_str()),
                        format!("bucket `{}`'s name in environment `{}`, `{shown}`, is not a valid S3 bucket name: {problem}", bucket.name, env.name),
                    )
                    .with_help("shorten or rename the bucket (or the platform or environment); the name is `<platform>-<environment>-<bucket>-<account id>-<region>`, which keeps it unique across AWS"),
            );
        }
    }
}

/// A KMS key goes with SSE-KMS only.
///
/// Source: S3 API `ServerSideEncryptionByDefault`: `KMSMasterKeyID` "can only be used when you
/// set the value of SSEAlgorithm as aws:kms or aws:kms:dsse".
fn check_encryption(cx: &mut Vec<Diagnostic>, bucket: &Bucket) {
    let name = bucket.name.as_str();
    if bucket.encryption.algorithm == SseAlgorithm::Aes256 && bucket.encryption.kms_key.is_some() {
        cx.push(
            KMS_KEY_WITHOUT_KMS_ENCRYPTION
                .at(
                    path::bucket_kms_key(name),
                    format!("bucket `{name}` is encrypted with `aes256` (SSE-S3), which uses keys S3 manages and takes no KMS key"),
                )
                .with_related(path::bucket_encryption(name), "SSE-S3 is chosen here")
                .with_help("to encrypt with this key, write `encryption: kms`; for SSE-S3, remove `kms_key`"),
        );
    }
}

/// A versioned bucket expires its noncurrent versions.
///
/// Source: S3 User Guide, lifecycle-expire-general-considerations.md.
fn check_versions(cx: &mut Vec<Diagnostic>, bucket: &Bucket) {
    let name = bucket.name.as_str();
    if bucket.versioning && bucket.lifecycle.noncurrent_expiration().is_none() {
        let expire = match bucket.lifecycle.expiration() {
            Some(days) => format!("; its `expire {days}d` only adds a delete marker, and the versions stay and are billed"),
            None => String::new(),
        };
        cx.push(
            NONCURRENT_VERSIONS_KEPT
                .at(
                    path::bucket_versioning(name),
                    format!("versioned bucket `{name}` never deletes noncurrent versions{expire}"),
                )
                .with_help("add `noncurrent_expire <n>d` to the bucket's `lifecycle`, such as `noncurrent_expire 30d`"),
        );
    }
}

/// The access-log target exists and takes server access logs (SSE-S3); a bucket without
/// access logs is a warning.
///
/// Source: S3 API `PutBucketLogging`; S3 User Guide, enable-server-access-logging.html.
fn check_access_logs(cx: &mut Vec<Diagnostic>, platform: &Platform, bucket: &Bucket) {
    let name = bucket.name.as_str();
    let Some(target) = &bucket.access_logs else {
        cx.push(
            BUCKET_WITHOUT_ACCESS_LOGS
                .at(path::bucket(name), format!("bucket `{name}` writes no server access logs"))
                .with_help("add `access_logs: <bucket>` naming an SSE-S3 bucket of the design, or acknowledge this warning with a reason (a log bucket does not log itself)"),
        );
        return;
    };
    let delivery = LogDelivery {
        writer: format!("bucket `{name}` sends its access logs"),
        deliverer: "S3 delivers server access logs",
        verb: "send",
        unknown: &UNKNOWN_LOG_BUCKET,
        with_kms: &ACCESS_LOG_BUCKET_WITH_KMS,
    };
    check_log_bucket(cx, platform, target, path::bucket_access_logs(name), &delivery);
}

/// Who writes access logs to a bucket of the design, in the words of the findings, and the rules
/// that report a bucket that cannot take them.
pub(crate) struct LogDelivery {
    /// The writer and what it does, such as "bucket `datasets` sends its access logs".
    pub(crate) writer: String,
    /// The service that delivers them, such as "S3 delivers server access logs".
    pub(crate) deliverer: &'static str,
    /// The help's verb for the logs: "send" or "write".
    pub(crate) verb: &'static str,
    /// The rule for a bucket the design does not have.
    pub(crate) unknown: &'static Rule,
    /// The rule for a bucket encrypted with SSE-KMS.
    pub(crate) with_kms: &'static Rule,
}

/// The bucket `target` that access logs go to exists and is encrypted with SSE-S3, the only
/// encryption S3 server access logging and Elastic Load Balancing deliver to; findings at `at`.
///
/// Source: S3 User Guide, enable-server-access-logging.html; ALB User Guide,
/// enable-access-logging.md.
pub(crate) fn check_log_bucket(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    target: &Name,
    at: ModelPath,
    delivery: &LogDelivery,
) {
    let storage = &platform.storage;
    let writer = &delivery.writer;
    match storage.find_bucket(target.as_str()) {
        None => cx.push(
            delivery
                .unknown
                .at(at, format!("{writer} to bucket `{target}`, but no bucket `{target}` exists"))
                .with_help(help_for(
                    "buckets",
                    target.as_str(),
                    storage.buckets.iter().map(|b| b.name.as_str()),
                )),
        ),
        Some(found) if found.encryption.algorithm == SseAlgorithm::Kms => cx.push(
            delivery
                .with_kms
                .at(
                    at,
                    format!("{writer} to bucket `{target}`, which is encrypted with SSE-KMS; {} only to SSE-S3 buckets", delivery.deliverer),
                )
                .with_related(path::bucket_encryption(target.as_str()), "SSE-KMS is chosen here")
                .with_help(format!("write `encryption: aes256` in bucket `{target}`, or {} the logs to another bucket", delivery.verb)),
        ),
        Some(_) => {}
    }
}

/// The finding on a bucket-level storage class written as `class` (S3's name, such as
/// `STANDARD_IA`) at `path::bucket_storage_class(bucket)`. Front ends that accept the key only
/// to reject it (the `platform!` macro) report this; the model has no such field.
///
/// Source: S3 User Guide, sc-howtoset.html.
pub fn bucket_storage_class(bucket: &str, class: &str) -> Diagnostic {
    let help = match class {
        "STANDARD" => "objects are STANDARD unless their upload says otherwise; remove the key".to_owned(),
        "STANDARD_IA" | "ONEZONE_IA" => format!(
            "to store objects as {class}, upload them with the `x-amz-storage-class: {class}` header, or move them with a lifecycle transition `after 30d => {class}` (S3 moves objects to {class} from 30 days old); then remove the key"
        ),
        _ => format!(
            "to store objects as {class}, upload them with the `x-amz-storage-class: {class}` header, or move them with a lifecycle transition such as `after 0d => {class}`; then remove the key"
        ),
    };
    BUCKET_STORAGE_CLASS
        .at(
            path::bucket_storage_class(bucket),
            format!("bucket `{bucket}` cannot have storage class {class}: S3 has no bucket-level storage class"),
        )
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Encryption, ObjectStorage};
    use crate::value::StorageClass;
    use crate::testing::{codes, design};
    use crate::value::{Lifecycle, Transition};

    fn n(text: &'static str) -> Name {
        Name::new_assert(text)
    }

    const LOGGED: Lifecycle = Lifecycle::new_assert(
        &[Transition::after(30, StorageClass::StandardIa)],
        Some(365),
        Some(30),
        None,
    );

    /// A log bucket and `bucket`, which logs to it.
    fn with(bucket: Bucket) -> Platform {
        let logs = Bucket::new(n("logs"), Encryption::aes256());
        let mut platform = design();
        platform.storage = ObjectStorage::new().bucket(logs).bucket(bucket);
        platform
    }

    /// The storage section's codes, without the log bucket's own access-log warning.
    fn storage_codes(platform: &Platform) -> Vec<&'static str> {
        let mut found: Vec<&str> = codes(platform)
            .into_iter()
            .filter(|code| RULES.iter().any(|rule| rule.code == *code) || *code == "duplicate-name")
            .collect();
        if let Some(at) = found.iter().position(|code| *code == "bucket-without-access-logs") {
            found.remove(at);
        }
        found
    }

    fn good() -> Bucket {
        Bucket::new(n("datasets"), Encryption::kms())
            .versioning(true)
            .access_logs(n("logs"))
            .lifecycle(LOGGED)
    }

    #[test]
    fn a_corrected_bucket_passes() {
        assert_eq!(storage_codes(&with(good())), Vec::<&str>::new());
    }

    #[test]
    fn the_seed_aes256_with_a_key_is_contradictory() {
        let seed = good().lifecycle(LOGGED);
        let mut seed = seed;
        seed.encryption = Encryption::aes256().key(n("storage"));
        let mut platform = with(seed);
        platform.security.kms_keys.push(crate::model::KmsKey::new(n("storage")));
        assert_eq!(storage_codes(&platform), ["kms-key-without-kms-encryption"]);
        let mut keyed = good();
        keyed.encryption = Encryption::kms().key(n("storage"));
        let mut platform = with(keyed);
        platform.security.kms_keys.push(crate::model::KmsKey::new(n("storage")));
        assert_eq!(storage_codes(&platform), Vec::<&str>::new());
        assert!(!codes(&platform).contains(&"unknown-kms-key"));
    }

    #[test]
    fn the_seed_versioned_datasets_keep_noncurrent_versions() {
        const SEED: Lifecycle = Lifecycle::new_assert(
            &[Transition::after(30, StorageClass::StandardIa), Transition::after(90, StorageClass::Glacier)],
            Some(365),
            None,
            None,
        );
        let found = crate::rules::check(&with(good().lifecycle(SEED)));
        let finding = found
            .iter()
            .find(|d| d.code == "noncurrent-versions-kept")
            .expect("the warning");
        assert!(finding.message.contains("delete marker"), "{}", finding.message);
        // Unversioned, nothing is kept.
        let seed = good().versioning(false).lifecycle(Lifecycle::default());
        assert_eq!(storage_codes(&with(seed)), Vec::<&str>::new());
    }

    #[test]
    fn access_logs_go_to_an_sse_s3_bucket_of_the_design() {
        let lost = good().access_logs(n("log"));
        let found = crate::rules::check(&with(lost));
        let finding = found.iter().find(|d| d.code == "unknown-log-bucket").expect("the error");
        assert_eq!(finding.help.as_deref(), Some("did you mean `logs`?"));
        let mut platform = with(good());
        platform.storage.buckets[0].encryption = Encryption::kms();
        assert_eq!(storage_codes(&platform), ["access-log-bucket-with-kms"]);
        let unlogged = good();
        let mut platform = with(unlogged);
        platform.storage.buckets[1].access_logs = None;
        let all = codes(&platform);
        assert_eq!(all.iter().filter(|c| **c == "bucket-without-access-logs").count(), 2);
    }

    #[test]
    fn physical_names_follow_s3s_rules() {
        assert_eq!(bucket_name_problem("datasets-production-datasets-123456789012-ap-northeast-1"), None);
        for bad in [
            "ab",
            &"a".repeat(64),
            "data_sets",
            "Data",
            "-data",
            "data-",
            "a..b",
            "192.168.5.4",
            "xn--data",
            "sthree-data",
            "amzn-s3-demo-data",
            "data-s3alias",
            "data--ol-s3",
            "data.mrap",
            "data--x-s3",
            "data--table-s3",
        ] {
            assert!(bucket_name_problem(bad).is_some(), "{bad}");
        }
        assert_eq!(bucket_name_problem("192.168.5.256"), None);
    }

    #[test]
    fn a_long_name_is_rejected_where_it_is_too_long() {
        let long = Bucket::new(n("training_dataset"), Encryption::kms())
            .access_logs(n("logs"));
        let found = crate::rules::check(&with(long));
        let names: Vec<_> = found.iter().filter(|d| d.code == "invalid-bucket-name").collect();
        // `production` and `development` are too long; `staging` fits.
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names[0].message.contains("<account id>"), "{}", names[0].message);
    }

    #[test]
    fn a_bucket_storage_class_says_how_to_express_it() {
        let finding = bucket_storage_class("backups", "STANDARD_IA");
        assert_eq!(finding.code, "bucket-storage-class");
        let help = finding.help.unwrap_or_default();
        assert!(help.contains("x-amz-storage-class: STANDARD_IA") && help.contains("after 30d => STANDARD_IA"), "{help}");
        assert!(bucket_storage_class("b", "GLACIER").help.unwrap_or_default().contains("after 0d => GLACIER"));
    }

    #[test]
    fn bucket_names_are_unique() {
        let mut platform = with(good());
        platform.storage.buckets.push(good());
        assert!(codes(&platform).contains(&"duplicate-name"));
    }
}
