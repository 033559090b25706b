//! The logical ids of the storage section's resources.

use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `Bucket<Name>`
pub(crate) fn bucket(name: &Name) -> LogicalId {
    LogicalId::new(["Bucket", &name.pascal_case()])
}

/// `Bucket<Name>Policy`: TLS only, and the log delivery of the buckets that log to it.
pub(crate) fn bucket_policy(name: &Name) -> LogicalId {
    LogicalId::new(["Bucket", &name.pascal_case(), "Policy"])
}

/// `Bucket<Name>Name`: the output.
pub(crate) fn bucket_name(name: &Name) -> LogicalId {
    LogicalId::new(["Bucket", &name.pascal_case(), "Name"])
}
