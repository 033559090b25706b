//! The paths of the storage section's elements.

use crate::diag::ModelPath;

/// `storage`
pub fn storage() -> ModelPath {
    ModelPath::root("storage")
}

/// `storage.buckets.<name>`
pub fn bucket(name: &str) -> ModelPath {
    storage().field("buckets").field(name)
}

/// `storage.buckets.<name>.versioning`
pub fn bucket_versioning(name: &str) -> ModelPath {
    bucket(name).field("versioning")
}

/// `storage.buckets.<name>.encryption`
pub fn bucket_encryption(name: &str) -> ModelPath {
    bucket(name).field("encryption")
}

/// `storage.buckets.<name>.encryption.kms_key`
pub fn bucket_kms_key(name: &str) -> ModelPath {
    bucket_encryption(name).field("kms_key")
}

/// `storage.buckets.<name>.access_logs`
pub fn bucket_access_logs(name: &str) -> ModelPath {
    bucket(name).field("access_logs")
}

/// `storage.buckets.<name>.storage_class`: written only to be rejected, since S3 has no
/// bucket-level storage class.
pub fn bucket_storage_class(name: &str) -> ModelPath {
    bucket(name).field("storage_class")
}

/// `storage.buckets.<name>.lifecycle`
pub fn lifecycle(name: &str) -> ModelPath {
    bucket(name).field("lifecycle")
}

/// `storage.buckets.<name>.lifecycle.transitions[<idx>]`
pub fn transition(name: &str, idx: usize) -> ModelPath {
    lifecycle(name).field("transitions").index(idx)
}

/// `storage.buckets.<name>.lifecycle.<action>`: `expiration`, `noncurrent_expiration` or
/// `abort_incomplete_uploads`.
pub fn lifecycle_action(name: &str, action: &str) -> ModelPath {
    lifecycle(name).field(action)
}
