//! The storage section: S3 buckets with versioning, default encryption, server access logs and
//! a lifecycle.

pub mod error;
pub mod model;
pub mod path;
pub mod rules;
pub mod value;

pub use model::*;

use crate::model::Platform;
use crate::section::Section;
use crate::ModelPath;

/// The storage section, as registered in the crate root.
pub const SECTION: Section = Section {
    name: "storage",
    rules: rules::RULES,
    check: rules::check,
    paths,
};

/// Every element of the storage section that a front end must be able to point at.
fn paths(platform: &Platform) -> Vec<ModelPath> {
    let section = &platform.storage;
    if section.is_empty() {
        return Vec::new();
    }
    let mut paths = vec![path::storage()];
    for bucket in &section.buckets {
        let name = bucket.name.as_str();
        paths.extend([
            path::bucket(name),
            path::bucket_versioning(name),
            path::bucket_encryption(name),
        ]);
        if bucket.encryption.kms_key.is_some() {
            paths.push(path::bucket_kms_key(name));
        }
        if bucket.access_logs.is_some() {
            paths.push(path::bucket_access_logs(name));
        }
        let lifecycle = &bucket.lifecycle;
        if !lifecycle.is_empty() {
            paths.push(path::lifecycle(name));
        }
        paths.extend((0..lifecycle.transitions().len()).map(|idx| path::transition(name, idx)));
        for (action, days) in [
            ("expiration", lifecycle.expiration()),
            ("noncurrent_expiration", lifecycle.noncurrent_expiration()),
            ("abort_incomplete_uploads", lifecycle.abort_incomplete_uploads()),
        ] {
            if days.is_some() {
                paths.push(path::lifecycle_action(name, action));
            }
        }
    }
    paths
}
