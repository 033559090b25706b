//! The `database { ... }` section: PostgreSQL on RDS.
//!
//! ```text
//! database {
//!     postgres main {
//!         engine_version: "14.23",
//!         instance_class: match env { production => "db.r5.large", _ => "db.t4g.medium" },
//!         storage: { size: 1000 },                  // gp3, GiB; optional `iops`, `throughput` (MiB/s)
//!         multi_az: match env { production => true, _ => false },
//!         tier: database,
//!         security_groups: [database],
//!         backup: { retention: 7d, window: "18:00-19:00" },      // UTC
//!         maintenance_window: "sun:19:00-sun:20:00",             // UTC
//!         log_exports: ["postgresql", "upgrade"],
//!         replicas: { count: match env { production => 2, _ => 0 } },
//!         snapshots: { keep: 30d },
//!         master_password: secret { rotation: 30d, tier: private, security_groups: [password_rotation] },
//!     }
//! }
//! ```

use infra_core::model::{
    path, Acknowledgement, Backup, Databases, MasterPassword, PerEnv, Postgres, Replicas,
    Snapshots, Storage,
};
use infra_core::value::{Name, RetentionDays};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, bracketed, Ident, Token};

use super::keyword::{
    BackupKey, PasswordKey, PasswordKind, PostgresKey, ReplicasKey, SectionKey, SnapshotsKey,
    StorageKey,
};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, attributes, misplaced};
use crate::parse::per_env::per_env;
use crate::parse::syntax::*;

/// The section's body.
pub(super) fn databases(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> Databases {
    let mut section = Databases::new();
    entries(input, cx, SectionKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (item, _) = key::<SectionKey>(input)?;
        match item {
            SectionKey::Postgres => {
                let ident = input.call(Ident::parse_any)?;
                let name = ident_name(cx, &ident, path::postgres);
                acknowledge(acks, cx, allows, path::postgres(name.as_str()));
                let content;
                braced!(content in input);
                if let Some(pg) = postgres(&content, cx, acks, name, ident.span()) {
                    section.postgres.push(pg);
                }
            }
        }
        separator(input)
    });
    section
}


/// `"text"`, recorded at `at`.
fn text(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<String> {
    let lit = string(input, cx)?;
    cx.span(at, lit.span());
    Ok(lit.value())
}

/// A PostgreSQL instance's body; `None` without one of its required fields (an error is then
/// recorded at `at`, the name). `#[allow(...)]` may stand before `replicas`.
fn postgres(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
    name: Name,
    at: Span,
) -> Option<Postgres> {
    let db = name.as_str().to_owned();
    let mut version: Option<String> = None;
    let mut class: Option<PerEnv<String>> = None;
    let mut storage_value: Option<Storage> = None;
    let mut multi_az: Option<PerEnv<bool>> = None;
    let mut tier: Option<Name> = None;
    let mut groups: Option<Vec<Name>> = None;
    let mut backup_value: Option<Backup> = None;
    let mut maintenance: Option<String> = None;
    let mut logs: Option<Vec<String>> = None;
    let mut log_retention: Option<RetentionDays> = None;
    let mut log_kms_key: Option<Name> = None;
    let mut kms_key: Option<Name> = None;
    let mut replicas_value: Option<Replicas> = None;
    let mut snapshots_value: Option<Snapshots> = None;
    let mut password: Option<MasterPassword> = None;
    let mut written = Vec::new();
    entries(input, cx, PostgresKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (field, key) = key::<PostgresKey>(input)?;
        written.push(field);
        match field {
            PostgresKey::Replicas => acknowledge(acks, cx, allows, path::postgres_replicas(&db)),
            _ if !allows.is_empty() => return Err(misplaced(&allows)),
            _ => {}
        }
        input.parse::<Token![:]>()?;
        match field {
            PostgresKey::EngineVersion => {
                once(&version, &key)?;
                version = Some(text(input, cx, path::postgres_engine_version(&db))?);
            }
            PostgresKey::InstanceClass => {
                once(&class, &key)?;
                class = Some(per_env(input, cx, &path::postgres_instance_class(&db), text)?);
            }
            PostgresKey::Storage => {
                once(&storage_value, &key)?;
                let whole = path::postgres_storage(&db);
                storage_value = Some(storage(input, cx, whole, |field| path::postgres_storage_field(&db, field))?);
            }
            PostgresKey::MultiAz => {
                once(&multi_az, &key)?;
                multi_az = Some(per_env(input, cx, &path::postgres_multi_az(&db), flag)?);
            }
            PostgresKey::Tier => {
                tier = Some(name_ref(input, cx, &tier, &key, path::postgres_tier(&db))?);
            }
            PostgresKey::SecurityGroups => {
                once(&groups, &key)?;
                groups = Some(names(input, cx, |idx| path::postgres_security_group(&db, idx))?);
            }
            PostgresKey::Backup => {
                once(&backup_value, &key)?;
                backup_value = Some(backup(input, cx, &db)?);
            }
            PostgresKey::MaintenanceWindow => {
                once(&maintenance, &key)?;
                maintenance = Some(text(input, cx, path::postgres_maintenance_window(&db))?);
            }
            PostgresKey::LogExports => {
                once(&logs, &key)?;
                logs = Some(log_exports(input, cx, &db)?);
            }
            PostgresKey::LogRetention => {
                once(&log_retention, &key)?;
                log_retention = Some(retention_days(input, cx, path::postgres_log_retention(&db))?);
            }
            PostgresKey::LogKmsKey => {
                log_kms_key = Some(name_field(input, cx, &log_kms_key, &key, path::postgres_log_kms_key(&db))?);
            }
            PostgresKey::KmsKey => {
                kms_key = Some(name_field(input, cx, &kms_key, &key, path::postgres_kms_key(&db))?);
            }
            PostgresKey::Replicas => {
                once(&replicas_value, &key)?;
                replicas_value = Some(replicas(input, cx, &db)?);
            }
            PostgresKey::Snapshots => {
                once(&snapshots_value, &key)?;
                snapshots_value = Some(snapshots(input, cx, &db)?);
            }
            PostgresKey::MasterPassword => {
                once(&password, &key)?;
                password = Some(master_password(input, cx, &db)?);
            }
        }
        separator(input)
    });
    let (Some(version), Some(class), Some(storage), Some(tier), Some(backup), Some(maintenance), Some(password)) =
        (version, class, storage_value, tier, backup_value, maintenance, password)
    else {
        let required = [
            PostgresKey::EngineVersion,
            PostgresKey::InstanceClass,
            PostgresKey::Storage,
            PostgresKey::Tier,
            PostgresKey::Backup,
            PostgresKey::MaintenanceWindow,
            PostgresKey::MasterPassword,
        ];
        report_missing(cx, at, "a PostgreSQL instance", &required, &written);
        return None;
    };
    let mut pg = Postgres::new(name, version, class, storage, tier, backup, maintenance, password);
    if let Some(multi_az) = multi_az {
        pg = pg.multi_az(multi_az);
    }
    pg.security_groups = groups.unwrap_or_default();
    pg.log_exports = logs.unwrap_or_default();
    pg.log_retention = log_retention;
    pg.log_kms_key = log_kms_key;
    pg.kms_key = kms_key;
    pg.replicas = replicas_value.unwrap_or_default();
    pg.snapshots = snapshots_value;
    Some(pg)
}


/// `{ size: 1000, iops: 12000, throughput: 500 }`: gp3 storage, recorded at `whole` from brace
/// to brace and each number at `at(field)`.
fn storage(
    input: ParseStream,
    cx: &mut Cx,
    whole: ModelPath,
    at: impl Fn(&str) -> ModelPath,
) -> syn::Result<Storage> {
    let content;
    let brace = braced!(content in input);
    cx.span_range(whole, brace.span.open(), brace.span.close());
    let mut numbers: [Option<u32>; 3] = [None; 3];
    entries(&content, cx, StorageKey::ALL, |content, cx| {
        let (field, key) = key::<StorageKey>(content)?;
        content.parse::<Token![:]>()?;
        let (slot, what) = match field {
            StorageKey::Size => (0, "a size in GiB"),
            StorageKey::Iops => (1, "IOPS"),
            StorageKey::Throughput => (2, "a throughput in MiB/s"),
        };
        once(&numbers[slot], &key)?;
        numbers[slot] = Some(count(content, cx, what, at(field.as_str()))?);
        separator(content)
    });
    let [Some(size), iops, throughput] = numbers else {
        return Err(missing(
            brace.span.join(),
            "gp3 storage needs `size` (GiB), for example `{ size: 1000 }`; `iops` and `throughput` (MiB/s) are optional",
        ));
    };
    Ok(Storage { size_gib: size, iops, throughput })
}

/// `{ retention: 7d, window: "18:00-19:00" }`.
fn backup(input: ParseStream, cx: &mut Cx, db: &str) -> syn::Result<Backup> {
    let content;
    let brace = braced!(content in input);
    cx.span_range(path::postgres_backup(db), brace.span.open(), brace.span.close());
    let mut retention = None;
    let mut window = None;
    entries(&content, cx, BackupKey::ALL, |content, cx| {
        let (field, key) = key::<BackupKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            BackupKey::Retention => {
                once(&retention, &key)?;
                retention = Some(whole_days(content, cx, path::postgres_backup_retention(db), 1)?);
            }
            BackupKey::Window => {
                once(&window, &key)?;
                window = Some(text(content, cx, path::postgres_backup_window(db))?);
            }
        }
        separator(content)
    });
    let (Some(retention), Some(window)) = (retention, window) else {
        return Err(missing(
            brace.span.join(),
            "backups need `retention` and `window` (UTC), for example `{ retention: 7d, window: \"18:00-19:00\" }`",
        ));
    };
    Ok(Backup::new(retention, window))
}

/// `["postgresql", "upgrade"]`, each recorded at its index.
fn log_exports(input: ParseStream, cx: &mut Cx, db: &str) -> syn::Result<Vec<String>> {
    let list;
    bracketed!(list in input);
    let mut logs = Vec::new();
    entries(&list, cx, &[], |list, cx| {
        let idx = logs.len();
        logs.push(text(list, cx, path::postgres_log_export(db, idx))?);
        separator(list)
    });
    Ok(logs)
}

/// `{ count: 2, instance_class: "db.r5.large", storage: { size: 1000 } }`.
fn replicas(input: ParseStream, cx: &mut Cx, db: &str) -> syn::Result<Replicas> {
    let content;
    let brace = braced!(content in input);
    cx.span_range(path::postgres_replicas(db), brace.span.open(), brace.span.close());
    let mut count_value: Option<PerEnv<u32>> = None;
    let mut class: Option<PerEnv<String>> = None;
    let mut storage_value: Option<Storage> = None;
    entries(&content, cx, ReplicasKey::ALL, |content, cx| {
        let (field, key) = key::<ReplicasKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            ReplicasKey::Count => {
                once(&count_value, &key)?;
                let at = path::postgres_replica_count(db);
                count_value = Some(per_env(content, cx, &at, |input, cx, at| count(input, cx, "a number of replicas", at))?);
            }
            ReplicasKey::InstanceClass => {
                once(&class, &key)?;
                class = Some(per_env(content, cx, &path::postgres_replica_class(db), text)?);
            }
            ReplicasKey::Storage => {
                once(&storage_value, &key)?;
                let whole = path::postgres_replica_storage(db);
                storage_value = Some(storage(content, cx, whole, |field| path::postgres_replica_storage_field(db, field))?);
            }
        }
        separator(content)
    });
    let Some(count_value) = count_value else {
        return Err(missing(brace.span.join(), "replicas need `count`, for example `{ count: 2 }`"));
    };
    let mut replicas = Replicas::new(count_value);
    replicas.instance_class = class;
    replicas.storage = storage_value;
    Ok(replicas)
}

/// `{ keep: 30d }`: daily snapshots kept 30 days.
fn snapshots(input: ParseStream, cx: &mut Cx, db: &str) -> syn::Result<Snapshots> {
    let content;
    let brace = braced!(content in input);
    cx.span_range(path::postgres_snapshots(db), brace.span.open(), brace.span.close());
    let mut keep = None;
    entries(&content, cx, SnapshotsKey::ALL, |content, cx| {
        let (field, key) = key::<SnapshotsKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            SnapshotsKey::Keep => {
                once(&keep, &key)?;
                keep = Some(whole_days(content, cx, path::postgres_snapshots_keep(db), 1)?);
            }
        }
        separator(content)
    });
    let Some(keep_days) = keep else {
        return Err(missing(brace.span.join(), "daily snapshots need `keep`, for example `{ keep: 30d }`"));
    };
    Ok(Snapshots { keep_days })
}

/// `secret { rotation: 30d, tier: private }` or `rds_managed { rotation: 7d }`.
fn master_password(input: ParseStream, cx: &mut Cx, db: &str) -> syn::Result<MasterPassword> {
    let kind_ident = input.call(Ident::parse_any)?;
    let kind = word::<PasswordKind>(&kind_ident)?;
    cx.span(path::postgres_master_password(db), kind_ident.span());
    let content;
    let brace = braced!(content in input);
    let mut rotation = None;
    let mut tier = None;
    let mut groups: Option<Vec<Name>> = None;
    entries(&content, cx, PasswordKey::ALL, |content, cx| {
        let (field, key) = key::<PasswordKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            PasswordKey::Rotation => {
                once(&rotation, &key)?;
                rotation = Some(whole_days(content, cx, path::postgres_password_rotation(db), 1)?);
            }
            PasswordKey::Tier => {
                tier = Some(name_ref(content, cx, &tier, &key, path::postgres_password_tier(db))?);
            }
            PasswordKey::SecurityGroups => {
                once(&groups, &key)?;
                groups = Some(names(content, cx, |idx| path::postgres_password_security_group(db, idx))?);
            }
        }
        separator(content)
    });
    let placed = tier.is_some() || groups.is_some();
    match (kind, rotation, tier) {
        (PasswordKind::Secret, Some(rotation_days), Some(tier)) => Ok(MasterPassword::Secret {
            rotation_days,
            tier,
            security_groups: groups.unwrap_or_default(),
        }),
        (PasswordKind::Secret, _, _) => Err(missing(
            brace.span.join(),
            "a secret needs `rotation` and the `tier` its rotation function runs in, for example `secret { rotation: 30d, tier: private }`",
        )),
        (PasswordKind::RdsManaged, Some(rotation_days), _) if !placed => {
            Ok(MasterPassword::RdsManaged { rotation_days })
        }
        (PasswordKind::RdsManaged, _, _) if placed => Err(missing(
            brace.span.join(),
            "RDS runs the rotation of its managed password itself: remove `tier` and `security_groups`",
        )),
        (PasswordKind::RdsManaged, _, _) => Err(missing(
            brace.span.join(),
            "an RDS-managed password needs `rotation`, for example `rds_managed { rotation: 7d }`",
        )),
    }
}
