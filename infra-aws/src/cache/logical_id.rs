//! The logical ids of the cache section's resources.

use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `CacheKey`: the KMS key of the section's clusters and their AUTH tokens.
pub(crate) fn key() -> LogicalId {
    LogicalId::new(["CacheKey"])
}

/// `Redis<Name>`: the replication group.
pub(crate) fn replication_group(name: &Name) -> LogicalId {
    LogicalId::new(["Redis", &name.pascal_case()])
}

/// `Redis<Name>SubnetGroup`
pub(crate) fn subnet_group(name: &Name) -> LogicalId {
    LogicalId::new(["Redis", &name.pascal_case(), "SubnetGroup"])
}

/// `Redis<Name>ParameterGroup`
pub(crate) fn parameter_group(name: &Name) -> LogicalId {
    LogicalId::new(["Redis", &name.pascal_case(), "ParameterGroup"])
}

/// `Redis<Name>AuthToken`: the secret holding the AUTH token.
pub(crate) fn auth_token(name: &Name) -> LogicalId {
    LogicalId::new(["Redis", &name.pascal_case(), "AuthToken"])
}

/// `Redis<Name>Endpoint`: the output of the address clients connect to.
pub(crate) fn endpoint(name: &Name) -> LogicalId {
    LogicalId::new(["Redis", &name.pascal_case(), "Endpoint"])
}

/// `Redis<Name>AuthTokenArn`: the output of the AUTH token's secret.
pub(crate) fn auth_token_arn(name: &Name) -> LogicalId {
    LogicalId::new(["Redis", &name.pascal_case(), "AuthTokenArn"])
}

/// `Redis<Name>ClientPolicy`: lets the services the cluster admits read its AUTH token.
pub(crate) fn client_policy(name: &Name) -> LogicalId {
    LogicalId::new(["Redis", &name.pascal_case(), "ClientPolicy"])
}
