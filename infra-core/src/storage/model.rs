//! The storage section's model: S3 buckets with versioning, encryption, access logs and a
//! lifecycle.

use crate::value::{Lifecycle, Name};

/// The storage section: the platform's S3 buckets.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ObjectStorage {
    /// The buckets.
    pub buckets: Vec<Bucket>,
}

impl ObjectStorage {
    /// No buckets.
    pub fn new() -> ObjectStorage {
        ObjectStorage::default()
    }

    /// Whether the section holds nothing.
    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }

    /// Adds a bucket.
    pub fn bucket(mut self, bucket: Bucket) -> ObjectStorage {
        self.buckets.push(bucket);
        self
    }

    /// Looks a bucket up by name.
    pub fn find_bucket(&self, name: &str) -> Option<&Bucket> {
        self.buckets.iter().find(|b| b.name.as_str() == name)
    }
}

/// How S3 encrypts a bucket's objects by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SseAlgorithm {
    /// SSE-S3 (`AES256`): keys S3 manages; takes no KMS key.
    Aes256,
    /// SSE-KMS (`aws:kms`): a KMS key, the account's `aws/s3` key unless one is named.
    Kms,
}

impl SseAlgorithm {
    /// S3's name of the algorithm, `AES256` or `aws:kms`.
    pub fn as_str(self) -> &'static str {
        match self {
            SseAlgorithm::Aes256 => "AES256",
            SseAlgorithm::Kms => "aws:kms",
        }
    }
}

/// A bucket's default encryption.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Encryption {
    /// The algorithm.
    pub algorithm: SseAlgorithm,
    /// The KMS key of the design (`security { kms_key <name> {} }`), by name, which only SSE-KMS
    /// takes; SSE-KMS without one uses the account's `aws/s3` key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<Name>,
}

impl Encryption {
    /// SSE-S3.
    pub fn aes256() -> Encryption {
        Encryption {
            algorithm: SseAlgorithm::Aes256,
            kms_key: None,
        }
    }

    /// SSE-KMS with the account's `aws/s3` key.
    pub fn kms() -> Encryption {
        Encryption {
            algorithm: SseAlgorithm::Kms,
            kms_key: None,
        }
    }

    /// Names the design's KMS key.
    pub fn key(mut self, key: Name) -> Encryption {
        self.kms_key = Some(key);
        self
    }
}

/// An S3 bucket. Its physical name is derived, unique per platform, environment, account and
/// region: see [`crate::storage::rules::bucket_name`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Bucket {
    /// Its name in the design.
    pub name: Name,
    /// Whether S3 keeps every version of each object.
    pub versioning: bool,
    /// Its default encryption.
    pub encryption: Encryption,
    /// The bucket of the design its server access logs go to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_logs: Option<Name>,
    /// Its lifecycle.
    #[serde(default, skip_serializing_if = "Lifecycle::is_empty")]
    pub lifecycle: Lifecycle,
}

impl Bucket {
    /// An unversioned bucket without a lifecycle or access logs.
    pub fn new(name: Name, encryption: Encryption) -> Bucket {
        Bucket {
            name,
            versioning: false,
            encryption,
            access_logs: None,
            lifecycle: Lifecycle::default(),
        }
    }

    /// Sets versioning.
    pub fn versioning(mut self, versioning: bool) -> Bucket {
        self.versioning = versioning;
        self
    }

    /// Sends the server access logs to the bucket `target`.
    pub fn access_logs(mut self, target: Name) -> Bucket {
        self.access_logs = Some(target);
        self
    }

    /// Sets the lifecycle.
    pub fn lifecycle(mut self, lifecycle: Lifecycle) -> Bucket {
        self.lifecycle = lifecycle;
        self
    }
}
