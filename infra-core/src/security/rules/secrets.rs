//! Rules on Secrets Manager secrets: their rotation, and (shared with the database's master
//! password) its period.

use crate::diag::Diagnostic;
use crate::model::{path, Platform};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::ModelPath;

declare_rules! {
    /// A secret, or a database's master password, rotates outside 1-1000 days.
    INVALID_SECRET_ROTATION = "invalid-secret-rotation", Error,
        "a secret (a database's master password too) rotates every 1 to 1000 days",
        "Secrets Manager API RotationRulesType.AutomaticallyAfterDays (valid range 1-1000); CloudFormation AWS::SecretsManager::RotationSchedule RotationRules; aws-rules.md §14";
    /// A secret that never rotates.
    SECRET_WITHOUT_ROTATION = "secret-without-rotation", Warning,
        "a secret rotates on a schedule",
        "AWS Security Hub SecretsManager.1 (\"Secrets Manager secrets should have automatic rotation enabled\"; AWS Config secretsmanager-rotation-enabled-check); checkov's CKV2_AWS_57 is the same check for Terraform only";
}

/// The days between rotations Secrets Manager accepts.
pub const ROTATION_DAYS: std::ops::RangeInclusive<u32> = 1..=1000;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let secrets = &platform.security.secrets;
    check_unique(
        cx,
        "secret",
        secrets.iter().map(|secret| (secret.name.as_str(), secret.name.pascal_case(), path::secret(secret.name.as_str()))),
    );
    for secret in secrets {
        let name = secret.name.as_str();
        match &secret.rotation {
            Some(rotation) => check_rotation_days(
                cx,
                rotation.days,
                path::secret_rotation_days(name),
                &format!("secret `{name}`"),
                "`every: 90d`",
            ),
            None => cx.push(
                SECRET_WITHOUT_ROTATION
                    .at(path::secret(name), format!("secret `{name}` never rotates, so a leaked value stays valid until someone changes it"))
                    .with_help("rotate it with the team's Lambda function, such as `rotation: { every: 90d, function: parameter }`, or acknowledge this warning with a reason"),
            ),
        }
    }
}

/// `days` between rotations of `owner` is within 1-1000; the one check of the fact for every
/// secret the design rotates, reported at `at` with an `example` of a valid value.
///
/// Source: Secrets Manager API `RotationRulesType.AutomaticallyAfterDays`, valid range 1-1000.
pub(crate) fn check_rotation_days(cx: &mut Vec<Diagnostic>, days: u32, at: ModelPath, owner: &str, example: &str) {
    if ROTATION_DAYS.contains(&days) {
        return;
    }
    cx.push(
        INVALID_SECRET_ROTATION
            .at(at, format!("{owner} rotates every {days} days, outside 1-1000"))
            .with_help(format!("rotate every 1 to 1000 days, such as {example}")),
    );
}

#[cfg(test)]
mod tests {
    use crate::model::{Platform, RotationFunction, Secret, SecretRotation};
    use crate::security::rules::testing::{findings_where, secured};
    use crate::value::Name;

    fn findings(platform: &Platform) -> Vec<&'static str> {
        findings_where(platform, |code| ["invalid-secret-rotation", "secret-without-rotation", "duplicate-name"].contains(&code))
    }

    fn rotated(name: &'static str, days: u32) -> Secret {
        Secret::new(Name::new_assert(name)).rotation(SecretRotation::new(days, RotationFunction::Parameter))
    }

    #[test]
    fn the_secured_design_passes() {
        assert_eq!(findings(&secured()), Vec::<&str>::new());
    }

    #[test]
    fn rotation_is_one_to_a_thousand_days() {
        for (days, expected) in [(0, vec!["invalid-secret-rotation"]), (1, vec![]), (1000, vec![]), (1001, vec!["invalid-secret-rotation"])] {
            let mut platform = secured();
            platform.security.secrets = vec![rotated("api_keys", days)];
            assert_eq!(findings(&platform), expected, "{days} days");
        }
    }

    #[test]
    fn the_database_password_shares_the_check() {
        let mut platform = secured();
        if let crate::model::MasterPassword::Secret { rotation_days, .. } = &mut platform.database.postgres[0].master_password {
            *rotation_days = 0;
        }
        assert_eq!(findings(&platform), ["invalid-secret-rotation"]);
    }

    #[test]
    fn a_secret_without_rotation_is_a_warning() {
        let mut platform = secured();
        platform.security.secrets = vec![Secret::new(Name::new_assert("api_keys"))];
        assert_eq!(findings(&platform), ["secret-without-rotation"]);
        let diagnostics = crate::rules::check(&platform);
        let found = diagnostics.iter().find(|d| d.code == "secret-without-rotation").expect("the warning");
        assert_eq!(found.severity, crate::diag::Severity::Warning);
    }

    #[test]
    fn secrets_have_unique_names() {
        let mut platform = secured();
        platform.security.secrets = vec![rotated("api_keys", 90), rotated("api-keys", 30)];
        assert_eq!(findings(&platform), ["duplicate-name"]);
    }
}
