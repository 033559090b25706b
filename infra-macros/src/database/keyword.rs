//! The database section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `database { ... }`.
    pub enum SectionKey: "database item" {
        Postgres = "postgres",
    }

    /// The fields of a PostgreSQL instance.
    pub enum PostgresKey: "database field" {
        EngineVersion = "engine_version",
        InstanceClass = "instance_class",
        Storage = "storage",
        MultiAz = "multi_az",
        Tier = "tier",
        SecurityGroups = "security_groups",
        Backup = "backup",
        MaintenanceWindow = "maintenance_window",
        LogExports = "log_exports",
        LogRetention = "log_retention",
        LogKmsKey = "log_kms_key",
        KmsKey = "kms_key",
        Replicas = "replicas",
        Snapshots = "snapshots",
        MasterPassword = "master_password",
    }

    /// The fields of gp3 storage.
    pub enum StorageKey: "storage field" {
        Size = "size",
        Iops = "iops",
        Throughput = "throughput",
    }

    /// The fields of automated backups.
    pub enum BackupKey: "backup field" {
        Retention = "retention",
        Window = "window",
    }

    /// The fields of read replicas.
    pub enum ReplicasKey: "replicas field" {
        Count = "count",
        InstanceClass = "instance_class",
        Storage = "storage",
    }

    /// The fields of daily snapshots.
    pub enum SnapshotsKey: "snapshots field" {
        Keep = "keep",
    }

    /// Where the master password is kept.
    pub enum PasswordKind: "master password kind" {
        Secret = "secret",
        RdsManaged = "rds_managed",
    }

    /// The fields of a master password.
    pub enum PasswordKey: "master password field" {
        Rotation = "rotation",
        Tier = "tier",
        SecurityGroups = "security_groups",
    }
}
