//! Rules on the design's KMS keys: their rotation period and deletion window, the elements that
//! name them, and keys nothing names.

use std::collections::HashSet;

use crate::diag::Diagnostic;
use crate::model::{key_references, path, KmsKey, Platform};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::suggest::help_for;

declare_rules! {
    /// An element names a KMS key the security section does not declare.
    UNKNOWN_KMS_KEY = "unknown-kms-key", Error,
        "an encrypted element names a KMS key of the security section",
        "CloudFormation AWS::Logs::LogGroup KmsKeyId, AWS::RDS::DBInstance KmsKeyId, AWS::SQS::Queue KmsMasterKeyId, AWS::SNS::Topic KmsMasterKeyId, AWS::ElastiCache::ReplicationGroup KmsKeyId, AWS::S3::Bucket ServerSideEncryptionByDefault.KMSMasterKeyID (an existing KMS key)";
    /// A KMS key that no element names.
    UNUSED_KMS_KEY = "unused-kms-key", Warning,
        "a declared KMS key encrypts an element of the design",
        "AWS KMS pricing (each customer managed key costs $1 per month, prorated hourly, whether it is used or not)";
    /// A KMS key's rotation period or deletion window is out of KMS's range.
    INVALID_KMS_KEY_PERIOD = "invalid-kms-key-period", Error,
        "a KMS key rotates every 90-2560 days and waits 7-30 days before its deletion",
        "CloudFormation AWS::KMS::Key RotationPeriodInDays (90-2560) and PendingWindowInDays (7-30); KMS API EnableKeyRotation.RotationPeriodInDays, ScheduleKeyDeletion.PendingWindowInDays";
}

/// The shortest rotation period of a KMS key, in days.
pub const KMS_ROTATION_MIN_DAYS: u64 = 90;
/// The longest rotation period of a KMS key, in days.
pub const KMS_ROTATION_MAX_DAYS: u64 = 2560;
/// The shortest deletion window of a KMS key, in days.
pub const KMS_DELETION_MIN_DAYS: u64 = 7;
/// The longest deletion window of a KMS key, in days.
pub const KMS_DELETION_MAX_DAYS: u64 = 30;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let keys = &platform.security.kms_keys;
    check_unique(
        cx,
        "KMS key",
        keys.iter().map(|key| (key.name.as_str(), key.name.pascal_case(), path::kms_key(key.name.as_str()))),
    );
    for key in keys {
        check_periods(cx, key);
    }
    check_references(cx, platform);
}

/// A key rotates every 90-2560 days and waits 7-30 days before its deletion.
///
/// Source: CloudFormation AWS::KMS::Key, `RotationPeriodInDays` (minimum 90, maximum 2560) and
/// `PendingWindowInDays` (minimum 7, maximum 30).
fn check_periods(cx: &mut Vec<Diagnostic>, key: &KmsKey) {
    let name = key.name.as_str();
    if let Some(days) = key.rotation_period_days {
        if !(KMS_ROTATION_MIN_DAYS..=KMS_ROTATION_MAX_DAYS).contains(&days) {
            cx.push(
                INVALID_KMS_KEY_PERIOD
                    .at(
                        path::kms_key_rotation_period(name),
                        format!("KMS key `{name}` rotates every {days} days; KMS rotates every 90-2560 days"),
                    )
                    .with_help("write a `rotation_period` between `90d` and `2560d`, or leave it out for KMS's yearly rotation"),
            );
        }
    }
    if let Some(days) = key.deletion_window_days {
        if !(KMS_DELETION_MIN_DAYS..=KMS_DELETION_MAX_DAYS).contains(&days) {
            cx.push(
                INVALID_KMS_KEY_PERIOD
                    .at(
                        path::kms_key_deletion_window(name),
                        format!("KMS key `{name}` waits {days} days before its deletion; KMS waits 7-30 days"),
                    )
                    .with_help("write a `deletion_window` between `7d` and `30d`, or leave it out for KMS's 30 days"),
            );
        }
    }
}

/// Every key an element names is declared, and every declared key is named by an element.
///
/// Source: each encrypted resource's key property names an existing key; a key costs $1 a month
/// whether it encrypts anything or not (AWS KMS pricing).
fn check_references(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let keys = &platform.security.kms_keys;
    let known = || keys.iter().map(|key| key.name.as_str());
    let mut used: HashSet<&str> = HashSet::new();
    for reference in key_references(platform) {
        let wanted = reference.key.as_str();
        if platform.security.find_kms_key(wanted).is_some() {
            used.insert(wanted);
            continue;
        }
        let help = if keys.is_empty() {
            format!("declare it: `security {{ kms_key {wanted} {{}} }}`")
        } else {
            help_for("KMS keys", wanted, known())
        };
        cx.push(
            UNKNOWN_KMS_KEY
                .at(reference.at, format!("{} names KMS key `{wanted}`, which the security section does not declare", reference.what))
                .with_help(help),
        );
    }
    for key in keys {
        let name = key.name.as_str();
        if !used.contains(name) {
            cx.push(
                UNUSED_KMS_KEY
                    .at(path::kms_key(name), format!("KMS key `{name}` encrypts nothing, and costs $1 a month"))
                    .with_help(format!("name it on what it should encrypt (`kms_key: {name}`), or remove it")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{KmsKey, Platform};
    use crate::security::rules::testing::{findings_where, secured};
    use crate::value::Name;

    fn findings(platform: &Platform) -> Vec<&'static str> {
        findings_where(platform, |code| code.contains("kms") || code == "duplicate-name")
    }

    #[test]
    fn the_secured_design_passes() {
        assert_eq!(findings(&secured()), Vec::<&str>::new());
    }

    #[test]
    fn an_unknown_key_is_reported_where_it_is_named_with_a_suggestion() {
        let mut platform = secured();
        platform.network.flow_logs.as_mut().expect("flow logs").kms_key = Some(Name::new_assert("lgos"));
        let found = crate::rules::check(&platform);
        let finding = found.iter().find(|d| d.code == "unknown-kms-key").expect("found");
        assert_eq!(finding.path.to_string(), "network.flow_logs.kms_key");
        assert_eq!(finding.help.as_deref(), Some("did you mean `logs`?"));
        // `logs` is still named by the web ACL's logging.
        assert_eq!(findings(&platform), ["unknown-kms-key"]);
        platform.security.web_acls[0].logging.as_mut().expect("logging").kms_key = None;
        assert_eq!(findings(&platform), ["unknown-kms-key", "unused-kms-key"]);
    }

    #[test]
    fn a_key_named_by_nothing_is_a_warning() {
        let mut platform = secured();
        platform.security.kms_keys.push(KmsKey::new(Name::new_assert("spare")));
        let found = crate::rules::check(&platform);
        let finding = found.iter().find(|d| d.code == "unused-kms-key").expect("found");
        assert_eq!(finding.severity, crate::diag::Severity::Warning);
        assert_eq!(finding.path.to_string(), "security.kms_keys.spare");
    }

    #[test]
    fn rotation_periods_and_deletion_windows_are_bounded() {
        for (rotation, deletion, expected) in [
            (90, 7, 0),
            (2560, 30, 0),
            (365, 30, 0),
            (89, 7, 1),
            (2561, 30, 1),
            (365, 6, 1),
            (365, 31, 1),
            (0, 0, 2),
        ] {
            let mut platform = secured();
            let key = &mut platform.security.kms_keys[0];
            key.rotation_period_days = Some(rotation);
            key.deletion_window_days = Some(deletion);
            let found = findings(&platform);
            assert_eq!(found.iter().filter(|&&c| c == "invalid-kms-key-period").count(), expected, "{rotation} {deletion}");
        }
    }

    #[test]
    fn key_names_are_unique() {
        let mut platform = secured();
        let first = platform.security.kms_keys[0].clone();
        platform.security.kms_keys.push(first);
        assert!(findings(&platform).contains(&"duplicate-name"));
    }
}
