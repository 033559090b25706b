//! The paths of the database section's elements.

use crate::diag::ModelPath;

/// `database`
pub fn database() -> ModelPath {
    ModelPath::root("database")
}

/// `database.postgres.<name>`
pub fn postgres(name: &str) -> ModelPath {
    database().field("postgres").field(name)
}

/// `database.postgres.<name>.engine_version`
pub fn postgres_engine_version(name: &str) -> ModelPath {
    postgres(name).field("engine_version")
}

/// `database.postgres.<name>.instance_class`
pub fn postgres_instance_class(name: &str) -> ModelPath {
    postgres(name).field("instance_class")
}

/// `database.postgres.<name>.storage`
pub fn postgres_storage(name: &str) -> ModelPath {
    postgres(name).field("storage")
}

/// `database.postgres.<name>.storage.<field>`: `size`, `iops` or `throughput`.
pub fn postgres_storage_field(name: &str, field: &str) -> ModelPath {
    postgres_storage(name).field(field)
}

/// `database.postgres.<name>.multi_az`
pub fn postgres_multi_az(name: &str) -> ModelPath {
    postgres(name).field("multi_az")
}

/// `database.postgres.<name>.tier`
pub fn postgres_tier(name: &str) -> ModelPath {
    postgres(name).field("tier")
}

/// `database.postgres.<name>.security_groups[<idx>]`
pub fn postgres_security_group(name: &str, idx: usize) -> ModelPath {
    postgres(name).field("security_groups").index(idx)
}

/// `database.postgres.<name>.backup`
pub fn postgres_backup(name: &str) -> ModelPath {
    postgres(name).field("backup")
}

/// `database.postgres.<name>.backup.retention`
pub fn postgres_backup_retention(name: &str) -> ModelPath {
    postgres_backup(name).field("retention")
}

/// `database.postgres.<name>.backup.window`
pub fn postgres_backup_window(name: &str) -> ModelPath {
    postgres_backup(name).field("window")
}

/// `database.postgres.<name>.maintenance_window`
pub fn postgres_maintenance_window(name: &str) -> ModelPath {
    postgres(name).field("maintenance_window")
}

/// `database.postgres.<name>.log_exports[<idx>]`
pub fn postgres_log_export(name: &str, idx: usize) -> ModelPath {
    postgres(name).field("log_exports").index(idx)
}

/// `database.postgres.<name>.replicas`
pub fn postgres_replicas(name: &str) -> ModelPath {
    postgres(name).field("replicas")
}

/// `database.postgres.<name>.replicas.count`
pub fn postgres_replica_count(name: &str) -> ModelPath {
    postgres_replicas(name).field("count")
}

/// `database.postgres.<name>.replicas.instance_class`
pub fn postgres_replica_class(name: &str) -> ModelPath {
    postgres_replicas(name).field("instance_class")
}

/// `database.postgres.<name>.replicas.storage`
pub fn postgres_replica_storage(name: &str) -> ModelPath {
    postgres_replicas(name).field("storage")
}

/// `database.postgres.<name>.replicas.storage.<field>`: `size`, `iops` or `throughput`.
pub fn postgres_replica_storage_field(name: &str, field: &str) -> ModelPath {
    postgres_replica_storage(name).field(field)
}

/// `database.postgres.<name>.snapshots`
pub fn postgres_snapshots(name: &str) -> ModelPath {
    postgres(name).field("snapshots")
}

/// `database.postgres.<name>.snapshots.keep`
pub fn postgres_snapshots_keep(name: &str) -> ModelPath {
    postgres_snapshots(name).field("keep")
}

/// `database.postgres.<name>.master_password`
pub fn postgres_master_password(name: &str) -> ModelPath {
    postgres(name).field("master_password")
}

/// `database.postgres.<name>.master_password.rotation`
pub fn postgres_password_rotation(name: &str) -> ModelPath {
    postgres_master_password(name).field("rotation")
}

/// `database.postgres.<name>.master_password.tier`
pub fn postgres_password_tier(name: &str) -> ModelPath {
    postgres_master_password(name).field("tier")
}

/// `database.postgres.<name>.master_password.security_groups[<idx>]`
pub fn postgres_password_security_group(name: &str, idx: usize) -> ModelPath {
    postgres_master_password(name).field("security_groups").index(idx)
}

/// `database.postgres.<name>.kms_key`
pub fn postgres_kms_key(name: &str) -> ModelPath {
    postgres(name).field("kms_key")
}

/// `database.postgres.<name>.log_retention`
pub fn postgres_log_retention(name: &str) -> ModelPath {
    postgres(name).field("log_retention")
}

/// `database.postgres.<name>.log_kms_key`
pub fn postgres_log_kms_key(name: &str) -> ModelPath {
    postgres(name).field("log_kms_key")
}
