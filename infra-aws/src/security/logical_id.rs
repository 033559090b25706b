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

/// `WorkloadRole<Name>Arn`: the output.
pub(crate) fn role_arn(name: &Name) -> LogicalId {
    LogicalId::new(["WorkloadRole", &name.pascal_case(), "Arn"])
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

/// `Secret<Name>`
pub(crate) fn secret(name: &Name) -> LogicalId {
    LogicalId::new(["Secret", &name.pascal_case()])
}

/// `Secret<Name>Rotation`: the rotation schedule.
pub(crate) fn secret_rotation(name: &Name) -> LogicalId {
    LogicalId::new(["Secret", &name.pascal_case(), "Rotation"])
}

/// `RotationFunction<Name>Arn`: the parameter naming the rotation function of secret `name`
/// (not `Secret...`: cfn-lint and cloudformation-validate take a parameter whose name holds
/// "secret" for a password that should be `NoEcho`, W2509).
pub(crate) fn rotation_function(name: &Name) -> LogicalId {
    LogicalId::new(["RotationFunction", &name.pascal_case(), "Arn"])
}

/// `Secret<Name>Arn`: the output of the secret's ARN.
pub(crate) fn secret_output(name: &Name) -> LogicalId {
    LogicalId::new(["Secret", &name.pascal_case(), "Arn"])
}

/// `SecretsKey`: the key of the section's secrets.
pub(crate) fn secrets_key() -> LogicalId {
    LogicalId::new(["SecretsKey"])
}

/// `Secret<Name>KeyArn`: the output of the ARN of the secret's key.
pub(crate) fn secret_key_output(name: &Name) -> LogicalId {
    LogicalId::new(["Secret", &name.pascal_case(), "KeyArn"])
}

/// `KmsKey<Name>`: a KMS key of the design.
pub(crate) fn kms_key(name: &Name) -> LogicalId {
    LogicalId::new(["KmsKey", &name.pascal_case()])
}

/// `KmsKey<Name>Alias`
pub(crate) fn kms_alias(name: &Name) -> LogicalId {
    LogicalId::new(["KmsKey", &name.pascal_case(), "Alias"])
}
