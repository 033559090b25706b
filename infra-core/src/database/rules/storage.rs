//! The gp3 storage rules of RDS for PostgreSQL, for the primary and its replicas.

use crate::diag::{Diagnostic, ModelPath};
use crate::model::{Postgres, Storage};
use crate::rules::declare_rules;

declare_rules! {
    /// gp3 storage outside what RDS for PostgreSQL accepts.
    INVALID_DATABASE_STORAGE = "invalid-database-storage", Error,
        "gp3 storage is 20-65,536 GiB; below 400 GiB without IOPS or throughput; from 400 GiB IOPS 12,000-64,000 (at most 500 per GiB) and throughput 500-4,000 MiB/s, at most 0.25 MiB/s per IOPS",
        "RDS User Guide, CHAP_Storage.md \"gp3 storage\" (PostgreSQL: baseline 3,000 IOPS / 125 MiB/s below 400 GiB, 12,000 / 500 from 400 GiB); RDS API CreateDBInstance.AllocatedStorage; aws-rules.md §3";
}

/// Below 400 GiB, gp3 storage has no provisioned performance.
const STRIPED_FROM_GIB: u32 = 400;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, pg: &Postgres) {
    let name = pg.name.as_str();
    check_storage(cx, &pg.storage, &format!("the storage of database `{name}`"), |field| {
        crate::model::path::postgres_storage_field(name, field)
    });
    if let Some(storage) = &pg.replicas.storage {
        check_storage(cx, storage, &format!("the replicas' storage of database `{name}`"), |field| {
            crate::model::path::postgres_replica_storage_field(name, field)
        });
    }
}

/// gp3 for PostgreSQL: 20-65,536 GiB; below 400 GiB neither IOPS nor throughput may be set
/// (the baseline is 3,000 IOPS and 125 MiB/s); from 400 GiB the volume is striped, the baseline
/// is 12,000 IOPS and 500 MiB/s, and provisioned values are IOPS 12,000-64,000 (at most 500 per
/// GiB) and throughput 500-4,000 MiB/s, at most 0.25 MiB/s per IOPS.
///
/// Source: RDS User Guide, CHAP_Storage.md, "gp3 storage"; below 400 GiB RDS answers
/// `InvalidParameterCombination: You can't specify IOPS or storage throughput for engine
/// postgres and a storage size less than 400` (aws-rules.md §3).
fn check_storage(
    cx: &mut Vec<Diagnostic>,
    storage: &Storage,
    owner: &str,
    at: impl Fn(&str) -> ModelPath,
) {
    let size = storage.size_gib;
    if !(20..=65_536).contains(&size) {
        cx.push(
            INVALID_DATABASE_STORAGE
                .at(at("size"), format!("{owner}, {size} GiB of gp3, is outside 20-65,536 GiB"))
                .with_help("allocate 20 to 65,536 GiB"),
        );
        return;
    }
    let (iops, throughput) = (storage.iops, storage.throughput);
    if size < STRIPED_FROM_GIB {
        for (field, value, unit) in [("iops", iops, " IOPS"), ("throughput", throughput, " MiB/s")] {
            if let Some(value) = value {
                cx.push(
                    INVALID_DATABASE_STORAGE
                        .at(at(field), format!("{owner}, {size} GiB of gp3, sets {field} {value}{unit}, which RDS for PostgreSQL accepts only from 400 GiB"))
                        .with_help(format!("remove `{field}`: below 400 GiB gp3 gives 3,000 IOPS and 125 MiB/s")),
                );
            }
        }
        return;
    }
    let fix = "remove `iops` and `throughput` to get the 12,000 IOPS and 500 MiB/s baseline of gp3 from 400 GiB, or provision both at or above it, with throughput at most 0.25 x IOPS";
    if let Some(value) = iops {
        let most = 64_000.min(size.saturating_mul(500));
        if !(12_000..=most).contains(&value) {
            cx.push(
                INVALID_DATABASE_STORAGE
                    .at(at("iops"), format!("{owner}, {size} GiB of gp3, provisions {value} IOPS, outside 12,000-{} from 400 GiB", thousands(most)))
                    .with_help(fix),
            );
        }
    }
    if let Some(value) = throughput {
        if !(500..=4_000).contains(&value) {
            cx.push(
                INVALID_DATABASE_STORAGE
                    .at(at("throughput"), format!("{owner}, {size} GiB of gp3, provisions {value} MiB/s, outside 500-4,000 MiB/s from 400 GiB"))
                    .with_help(fix),
            );
        } else {
            // The ratio is checked against the IOPS in effect: provisioned, or the baseline.
            let effective = iops.unwrap_or(12_000);
            if u64::from(value) * 4 > u64::from(effective) {
                cx.push(
                    INVALID_DATABASE_STORAGE
                        .at(at("throughput"), format!("{owner} provisions {value} MiB/s, above 0.25 MiB/s per IOPS of its {effective} IOPS"))
                        .with_help(format!("provision at least {} IOPS, or lower the throughput to {} MiB/s", u64::from(value) * 4, effective / 4)),
                );
            }
        }
    }
}

/// `64000` as `64,000`.
fn thousands(number: u32) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (idx, digit) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::database::rules::tests::{codes_with, findings_with};
    use crate::model::Storage;

    #[test]
    fn the_seed_storage_is_rejected_with_the_fix() {
        let found = findings_with(|pg| pg.storage = Storage::gp3(1000).provisioned(3000, 125));
        let codes: Vec<_> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["invalid-database-storage", "invalid-database-storage"]);
        assert!(found[0].help.as_deref().unwrap_or("").contains("remove `iops` and `throughput`"));
        // The replicas' own storage is checked too (the seed's 1000 GiB / 3000 IOPS).
        let found = findings_with(|pg| {
            pg.replicas.storage = Some(Storage { size_gib: 1000, iops: Some(3000), throughput: None })
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path.as_str(), "database.postgres.main.replicas.storage.iops");
    }

    #[test]
    fn numbers_read_with_separators() {
        assert_eq!(super::thousands(64_000), "64,000");
        assert_eq!(super::thousands(500), "500");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn gp3_ranges() {
        for (storage, count) in [
            (Storage::gp3(1000), 0),
            (Storage::gp3(20), 0),
            (Storage::gp3(19), 1),
            (Storage::gp3(65_537), 1),
            (Storage::gp3(100).provisioned(3000, 125), 2),
            (Storage::gp3(400).provisioned(12_000, 500), 0),
            (Storage::gp3(400).provisioned(64_000, 4_000), 0),
            (Storage::gp3(400).provisioned(12_000, 4_000), 1),
            (Storage::gp3(400).provisioned(64_001, 500), 1),
            (Storage::gp3(400).provisioned(12_000, 499), 1),
            (Storage { size_gib: 400, iops: None, throughput: Some(3_001) }, 1),
        ] {
            assert_eq!(codes_with(|pg| pg.storage = storage).len(), count, "{storage:?}");
        }
    }
}
