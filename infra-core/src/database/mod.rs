//! The database section: PostgreSQL on RDS, its read replicas and its backups.

pub mod model;
pub mod path;
pub mod rules;
pub mod tables;

pub use model::*;

use crate::model::Platform;
use crate::section::Section;
use crate::ModelPath;

/// The database section, as registered in the crate root.
pub const SECTION: Section = Section {
    name: "database",
    rules: rules::RULES,
    check: rules::check,
    paths,
};

/// Every element of the database section that a front end must be able to point at.
fn paths(platform: &Platform) -> Vec<ModelPath> {
    let section = &platform.database;
    if section.is_empty() {
        return Vec::new();
    }
    let mut paths = vec![path::database()];
    for pg in &section.postgres {
        let name = pg.name.as_str();
        paths.extend([
            path::postgres(name),
            path::postgres_engine_version(name),
            path::postgres_instance_class(name),
            path::postgres_storage(name),
            path::postgres_storage_field(name, "size"),
            path::postgres_multi_az(name),
            path::postgres_tier(name),
            path::postgres_backup(name),
            path::postgres_backup_retention(name),
            path::postgres_backup_window(name),
            path::postgres_maintenance_window(name),
            path::postgres_master_password(name),
            path::postgres_password_rotation(name),
        ]);
        for (field, set) in [("iops", pg.storage.iops.is_some()), ("throughput", pg.storage.throughput.is_some())] {
            if set {
                paths.push(path::postgres_storage_field(name, field));
            }
        }
        paths.extend((0..pg.security_groups.len()).map(|idx| path::postgres_security_group(name, idx)));
        paths.extend((0..pg.log_exports.len()).map(|idx| path::postgres_log_export(name, idx)));
        for (set, at) in [
            (pg.kms_key.is_some(), path::postgres_kms_key(name)),
            (pg.log_retention.is_some(), path::postgres_log_retention(name)),
            (pg.log_kms_key.is_some(), path::postgres_log_kms_key(name)),
        ] {
            if set {
                paths.push(at);
            }
        }
        if !pg.replicas.is_none() {
            paths.extend([path::postgres_replicas(name), path::postgres_replica_count(name)]);
            if pg.replicas.instance_class.is_some() {
                paths.push(path::postgres_replica_class(name));
            }
            if let Some(storage) = &pg.replicas.storage {
                paths.extend([path::postgres_replica_storage(name), path::postgres_replica_storage_field(name, "size")]);
                for (field, set) in [("iops", storage.iops.is_some()), ("throughput", storage.throughput.is_some())] {
                    if set {
                        paths.push(path::postgres_replica_storage_field(name, field));
                    }
                }
            }
        }
        if pg.snapshots.is_some() {
            paths.extend([path::postgres_snapshots(name), path::postgres_snapshots_keep(name)]);
        }
        match &pg.master_password {
            MasterPassword::Secret { security_groups, .. } => {
                paths.push(path::postgres_password_tier(name));
                paths.extend((0..security_groups.len()).map(|idx| path::postgres_password_security_group(name, idx)));
            }
            MasterPassword::RdsManaged { .. } => {}
        }
    }
    paths
}
