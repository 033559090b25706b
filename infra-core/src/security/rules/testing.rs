//! The reference design with a security section, for the section's rule tests.

use crate::model::{
    Group, KmsKey, ManagedRuleGroup, Platform, Role, RotationFunction, Secret, SecretRotation,
    Security, Trust, User, WafLogging, WafRule, WafStatement, WebAcl,
};
use crate::testing::design;
use crate::value::{Name, RetentionDays};

/// The reference design, secured as the example secures it: its flow logs and its web ACL's logs
/// encrypted with the key `logs`.
pub(crate) fn secured() -> Platform {
    let mut platform = design();
    let managed = |group| WafStatement::Managed { group, count_only: false };
    let logs = Name::new_assert("logs");
    if let Some(flow_logs) = platform.network.flow_logs.as_mut() {
        flow_logs.kms_key = Some(logs.clone());
    }
    platform.security = Security::new()
        .kms_key(KmsKey::new(logs.clone()).rotation_period(365))
        .web_acl(
            WebAcl::new(Name::new_assert("api"), Name::new_assert("web"))
                .rule(WafRule::new(Name::new_assert("rate_limit"), 1, WafStatement::RateLimit { limit: 2000, window: 300 }))
                .rule(WafRule::new(Name::new_assert("sql_injection"), 2, managed(ManagedRuleGroup::SqlInjection)))
                .rule(WafRule::new(Name::new_assert("xss"), 3, managed(ManagedRuleGroup::Common)))
                .rule(WafRule::new(Name::new_assert("known_bad_inputs"), 4, managed(ManagedRuleGroup::KnownBadInputs)))
                .logging(WafLogging::new(RetentionDays::new_assert(90)).kms_key(logs).redact_header("authorization")),
        )
        .role(Role::new(Name::new_assert("application"), Trust::EcsTasks).policy("AmazonS3ReadOnlyAccess"))
        .group(Group::new(Name::new_assert("administrators")).policy("AdministratorAccess"))
        .group(Group::new(Name::new_assert("developers")).policy("ReadOnlyAccess"))
        .user(User::new(Name::new_assert("admin"), [Name::new_assert("administrators")]))
        .user(User::new(Name::new_assert("developer"), [Name::new_assert("developers")]))
        .secret(Secret::new(Name::new_assert("api_keys")).rotation(SecretRotation::new(90, RotationFunction::Parameter)));
    platform
}

/// The codes of `platform`'s findings that `keep` selects, sorted.
pub(crate) fn findings_where(platform: &Platform, keep: impl Fn(&str) -> bool) -> Vec<&'static str> {
    let mut found: Vec<_> = crate::testing::codes(platform)
        .into_iter()
        .filter(|code| keep(code))
        .collect();
    found.sort_unstable();
    found
}
