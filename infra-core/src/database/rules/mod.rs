//! The database section's rules, each declared beside its check.

mod backups;
mod engine;
mod instance;
mod logs;
mod storage;

pub use backups::*;
pub use engine::*;
pub use instance::*;
pub use logs::*;
pub use storage::*;

use crate::diag::Diagnostic;
use crate::model::{path, Platform};
use crate::rules::names::check_unique;
use crate::rules::Rule;

/// The section's rules, one list per module.
pub(super) const RULES: &[&[Rule]] = &[
    engine::RULES,
    storage::RULES,
    backups::RULES,
    instance::RULES,
    logs::RULES,
];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let databases = &platform.database.postgres;
    check_unique(
        cx,
        "database",
        databases.iter().map(|pg| {
            (
                pg.name.as_str(),
                pg.name.pascal_case(),
                path::postgres(pg.name.as_str()),
            )
        }),
    );
    for pg in databases {
        engine::check(cx, platform, pg);
        storage::check(cx, pg);
        backups::check(cx, platform, pg);
        instance::check(cx, platform, pg);
        logs::check(cx, platform, pg);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::diag::Diagnostic;
    use crate::model::{Backup, Databases, MasterPassword, PerEnv, Platform, Postgres, Replicas, Storage};
    use crate::value::Name;

    /// The reference design's database, corrected: every rule accepts it.
    pub(crate) fn postgres() -> Postgres {
        let mut pg = Postgres::new(
            Name::new_assert("main"),
            "14.23",
            "db.r5.large".to_owned(),
            Storage::gp3(1000),
            Name::new_assert("database"),
            Backup::new(7, "18:00-19:00"),
            "sun:19:00-sun:20:00",
            MasterPassword::Secret {
                rotation_days: 30,
                tier: Name::new_assert("private"),
                security_groups: vec![Name::new_assert("application")],
            },
        )
        .multi_az(PerEnv::new(true))
        .security_group(Name::new_assert("database"))
        .log_export("postgresql")
        .replicas(Replicas::new(2))
        .snapshots(30);
        pg.replicas.storage = None;
        pg
    }

    /// The reference network with `postgres()` changed by `change`.
    pub(crate) fn platform_with(change: impl FnOnce(&mut Postgres)) -> Platform {
        let mut pg = postgres();
        change(&mut pg);
        let mut platform = crate::testing::design();
        platform.database = Databases::new().postgres(pg);
        platform.acknowledgements.retain(|ack| !ack.path.as_str().starts_with("database"));
        platform.acknowledge(
            super::REPLICA_ENCRYPTION_INHERITED.code,
            crate::model::path::postgres_replicas("main"),
            "the replicas inherit the primary's encryption",
        )
    }

    /// The findings about the database section after `change`.
    pub(crate) fn findings_with(change: impl FnOnce(&mut Postgres)) -> Vec<Diagnostic> {
        crate::rules::check(&platform_with(change))
            .into_iter()
            .filter(|d| d.path.as_str().starts_with("database"))
            .collect()
    }

    /// Their codes.
    pub(crate) fn codes_with(change: impl FnOnce(&mut Postgres)) -> Vec<&'static str> {
        findings_with(change).iter().map(|d| d.code).collect()
    }

    #[test]
    fn the_corrected_reference_database_passes() {
        assert_eq!(codes_with(|_| {}), Vec::<&str>::new());
    }

    #[test]
    fn two_databases_need_two_names() {
        let mut platform = platform_with(|_| {});
        let twin = platform.database.postgres[0].clone();
        platform.database.postgres.push(twin);
        assert!(crate::testing::codes(&platform).contains(&"duplicate-name"));
    }
}

#[cfg(test)]
mod properties {
    use super::tests::findings_with;
    use crate::model::{PerEnv, Replicas, Storage};

    proptest::proptest! {
        /// No value of a database panics a rule, and every finding is about the database.
        #[test]
        fn any_database_values_are_checked_without_panic(
            version in "\\PC{0,12}",
            class in "\\PC{0,16}",
            window in "\\PC{0,14}",
            maintenance in "\\PC{0,22}",
            log in "\\PC{0,10}",
            size: u32,
            iops: Option<u32>,
            throughput: Option<u32>,
            retention: u32,
            replicas: u32,
        ) {
            let found = findings_with(|pg| {
                pg.engine_version = version;
                pg.instance_class = PerEnv::new(class);
                pg.backup.window = window;
                pg.maintenance_window = maintenance;
                pg.log_exports = vec![log];
                pg.storage = Storage { size_gib: size, iops, throughput };
                pg.backup.retention_days = retention;
                pg.replicas = Replicas::new(replicas);
            });
            proptest::prop_assert!(found.iter().all(|d| d.path.as_str().starts_with("database.postgres.main")));
        }

        /// Well-formed windows read back to the minutes they were written with.
        #[test]
        fn windows_read_their_minutes(start in 0u32..1440, length in 30u32..600) {
            let end = (start + length) % 1440;
            let text = format!("{:02}:{:02}-{:02}:{:02}", start / 60, start % 60, end / 60, end % 60);
            let found = findings_with(|pg| {
                pg.backup.window = text.clone();
                pg.maintenance_window = "sun:19:00-sun:19:30".into();
            });
            // Only an overlap with the maintenance window can be reported.
            proptest::prop_assert!(found.iter().all(|d| d.code == "overlapping-windows"), "{text}: {found:?}");
        }
    }
}
