//! The database section's rules, each declared beside its check.

mod backups;
mod engine;
mod instance;
mod storage;

pub use backups::*;
pub use engine::*;
pub use instance::*;
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
