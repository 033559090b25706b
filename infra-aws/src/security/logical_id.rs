//! The logical ids of the security section's resources.

use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `WebAcl<Name>`
pub(crate) fn web_acl(name: &Name) -> LogicalId {
    LogicalId::new(["WebAcl", &name.pascal_case()])
}

/// `WebAcl<Name>Association`: the web ACL on its load balancer.
pub(crate) fn association(name: &Name) -> LogicalId {
    LogicalId::new(["WebAcl", &name.pascal_case(), "Association"])
}

/// `WebAcl<Name>LogGroup`
pub(crate) fn log_group(name: &Name) -> LogicalId {
    LogicalId::new(["WebAcl", &name.pascal_case(), "LogGroup"])
}

/// `WebAcl<Name>Logging`: the logging configuration.
pub(crate) fn logging(name: &Name) -> LogicalId {
    LogicalId::new(["WebAcl", &name.pascal_case(), "Logging"])
}

/// `WorkloadRole<Name>`
pub(crate) fn role(name: &Name) -> LogicalId {
    LogicalId::new(["WorkloadRole", &name.pascal_case()])
}

/// `IamGroup<Name>`
pub(crate) fn group(name: &Name) -> LogicalId {
    LogicalId::new(["IamGroup", &name.pascal_case()])
}

/// `IamUser<Name>`
pub(crate) fn user(name: &Name) -> LogicalId {
    LogicalId::new(["IamUser", &name.pascal_case()])
}

/// `IamRequireMfaPolicy`: the policy every group carries.
pub(crate) fn require_mfa() -> LogicalId {
    LogicalId::new(["IamRequireMfaPolicy"])
}

/// `KmsKey<Name>`: a KMS key of the design.
pub(crate) fn kms_key(name: &Name) -> LogicalId {
    LogicalId::new(["KmsKey", &name.pascal_case()])
}

/// `KmsKey<Name>Alias`
pub(crate) fn kms_alias(name: &Name) -> LogicalId {
    LogicalId::new(["KmsKey", &name.pascal_case(), "Alias"])
}
