//! The storage section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `storage { ... }`.
    pub enum SectionKey: "storage item" {
        Bucket = "bucket",
    }

    /// The fields of a bucket. `class` and `storage_class` are read only to be rejected: S3 has
    /// no bucket-level storage class.
    pub enum BucketKey: "bucket field" {
        Versioning = "versioning",
        Encryption = "encryption",
        KmsKey = "kms_key",
        AccessLogs = "access_logs",
        Lifecycle = "lifecycle",
        Class = "class",
        StorageClass = "storage_class",
    }

    /// A bucket's default encryption.
    pub enum EncryptionKey: "encryption" {
        Aes256 = "aes256",
        Kms = "kms",
    }

    /// The entries of a lifecycle.
    pub enum LifecycleKey: "lifecycle action" {
        After = "after",
        Expire = "expire",
        NoncurrentExpire = "noncurrent_expire",
        AbortUploads = "abort_uploads",
    }

    /// S3's storage classes, as S3 spells them.
    pub enum ClassKey: "storage class" {
        Standard = "STANDARD",
        StandardIa = "STANDARD_IA",
        IntelligentTiering = "INTELLIGENT_TIERING",
        OnezoneIa = "ONEZONE_IA",
        GlacierIr = "GLACIER_IR",
        Glacier = "GLACIER",
        DeepArchive = "DEEP_ARCHIVE",
    }
}
