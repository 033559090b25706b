//! Rules on backups: the retention of automated backups and snapshots, and the backup and
//! maintenance windows.

use crate::diag::Diagnostic;
use crate::model::{path, Platform, Postgres};
use crate::rules::declare_rules;
use crate::rules::per_env::per_environment;

declare_rules! {
    /// Automated backups kept more than 35 days, or snapshots kept no day.
    INVALID_BACKUP_RETENTION = "invalid-backup-retention", Error,
        "automated backups are kept 0-35 days and daily snapshots at least 1 day",
        "RDS API CreateDBInstance.BackupRetentionPeriod (0-35); cfn-lint aws-rds-dbinstance.json; AWS Backup API Lifecycle.DeleteAfterDays (at least 1); aws-rules.md §4";
    /// Read replicas of a primary without automated backups.
    REPLICAS_WITHOUT_BACKUPS = "replicas-without-backups", Error,
        "a primary with read replicas keeps automated backups (retention above 0)",
        "RDS User Guide, USER_PostgreSQL.Replication.ReadReplicas.md (the source must have automatic backups, retention above 0); aws-rules.md §4";
    /// A backup or maintenance window that is malformed or shorter than 30 minutes.
    INVALID_WINDOW = "invalid-window", Error,
        "a backup window is `hh:mm-hh:mm` and a maintenance window `ddd:hh:mm-ddd:hh:mm`, in UTC, each at least 30 minutes",
        "RDS API CreateDBInstance.PreferredBackupWindow and PreferredMaintenanceWindow (UTC, at least 30 minutes); aws-rules.md §4";
    /// The backup window overlaps the maintenance window.
    OVERLAPPING_WINDOWS = "overlapping-windows", Error,
        "the daily backup window does not overlap the weekly maintenance window",
        "RDS API CreateDBInstance.PreferredBackupWindow (must not conflict with the preferred maintenance window); aws-rules.md §4";
}

/// Minutes in a day and in a week.
const DAY: u32 = 24 * 60;
const WEEK: u32 = 7 * DAY;

/// The days of the week as RDS writes them, Monday first.
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A window on a circle of `period` minutes: its start and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    start: u32,
    length: u32,
}

/// `hh:mm` as minutes of the day.
fn time(text: &str) -> Option<u32> {
    let (hours, minutes) = text.split_once(':')?;
    let number = |part: &str, below: u32| {
        (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
            .filter(|n| *n < below)
    };
    Some(number(hours, 24)? * 60 + number(minutes, 60)?)
}

/// `ddd:hh:mm` as minutes of the week, Monday 00:00 first.
fn weekly_time(text: &str) -> Option<u32> {
    let (day, rest) = text.split_once(':')?;
    let day = DAYS.iter().position(|d| d.eq_ignore_ascii_case(day))?;
    Some(u32::try_from(day).ok()? * DAY + time(rest)?)
}

/// The daily backup window `hh:mm-hh:mm`; `None` if malformed.
pub(crate) fn backup_window(text: &str) -> Option<Window> {
    let (start, end) = text.split_once('-')?;
    let (start, end) = (time(start)?, time(end)?);
    Some(Window { start, length: (end + DAY - start) % DAY })
}

/// The weekly maintenance window `ddd:hh:mm-ddd:hh:mm`; `None` if malformed.
pub(crate) fn maintenance_window(text: &str) -> Option<Window> {
    let (start, end) = text.split_once('-')?;
    let (start, end) = (weekly_time(start)?, weekly_time(end)?);
    Some(Window { start, length: (end + WEEK - start) % WEEK })
}

/// Whether two windows on a circle of `period` minutes share a minute.
fn overlap(a: Window, b: Window, period: u32) -> bool {
    (b.start + period - a.start) % period < a.length || (a.start + period - b.start) % period < b.length
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    let name = pg.name.as_str();
    let retention = pg.backup.retention_days;
    if retention > 35 {
        cx.push(
            INVALID_BACKUP_RETENTION
                .at(path::postgres_backup_retention(name), format!("database `{name}` keeps automated backups {retention} days, above RDS's 35"))
                .with_help("keep automated backups 1 to 35 days; keep longer copies with `snapshots: { keep: <n>d }` (AWS Backup)"),
        );
    }
    if let Some(snapshots) = &pg.snapshots {
        if snapshots.keep_days == 0 {
            cx.push(
                INVALID_BACKUP_RETENTION
                    .at(path::postgres_snapshots_keep(name), format!("database `{name}` keeps its daily snapshots 0 days"))
                    .with_help("keep snapshots at least 1 day, such as `keep: 30d`"),
            );
        }
    }
    if retention == 0 {
        let count = &pg.replicas.count;
        per_environment(cx, platform, |cx, env| {
            let replicas = *count.get(env);
            if replicas > 0 {
                cx.push(
                    REPLICAS_WITHOUT_BACKUPS
                        .at(path::postgres_backup_retention(name), format!("database `{name}` has {replicas} read replicas but keeps no automated backups"))
                        .with_related(count.path_in(&path::postgres_replica_count(name), env), "the replicas")
                        .with_help("keep automated backups at least 1 day: RDS creates replicas from them"),
                );
            }
        });
    }
    check_windows(cx, pg);
}

/// The backup window is `hh:mm-hh:mm` and the maintenance window `ddd:hh:mm-ddd:hh:mm`, in UTC,
/// each at least 30 minutes, and the daily backup window meets the weekly maintenance window on
/// no day.
///
/// Source: RDS API `CreateDBInstance.PreferredBackupWindow` ("hh24:mi-hh24:mi", UTC, at least 30
/// minutes, must not conflict with the preferred maintenance window) and
/// `PreferredMaintenanceWindow` ("ddd:hh24:mi-ddd:hh24:mi", UTC, at least 30 minutes).
fn check_windows(cx: &mut Vec<Diagnostic>, pg: &Postgres) {
    let name = pg.name.as_str();
    let backup_text = pg.backup.window.as_str();
    let maintenance_text = pg.maintenance_window.as_str();
    let backup = backup_window(backup_text);
    let maintenance = maintenance_window(maintenance_text);
    for (window, text, at, shape, example) in [
        (backup, backup_text, path::postgres_backup_window(name), "hh:mm-hh:mm", "18:00-19:00"),
        (maintenance, maintenance_text, path::postgres_maintenance_window(name), "ddd:hh:mm-ddd:hh:mm", "sun:19:00-sun:20:00"),
    ] {
        match window {
            None => cx.push(
                INVALID_WINDOW
                    .at(at, format!("database `{name}`'s window `{text}` is not `{shape}`"))
                    .with_help(format!("write the window in UTC as `{shape}`, such as `{example}` (03:00-04:00 in Tokyo is 18:00-19:00 UTC)")),
            ),
            Some(window) if window.length < 30 => cx.push(
                INVALID_WINDOW
                    .at(at, format!("database `{name}`'s window `{text}` lasts {} minutes, below RDS's 30", window.length))
                    .with_help("make the window at least 30 minutes long"),
            ),
            Some(_) => {}
        }
    }
    let (Some(backup), Some(maintenance)) = (backup, maintenance) else {
        return;
    };
    let clash = (0..7).any(|day| {
        let daily = Window { start: backup.start + day * DAY, length: backup.length };
        overlap(daily, maintenance, WEEK)
    });
    if clash {
        cx.push(
            OVERLAPPING_WINDOWS
                .at(path::postgres_backup_window(name), format!("database `{name}`'s backup window `{backup_text}` overlaps its maintenance window `{maintenance_text}`"))
                .with_related(path::postgres_maintenance_window(name), "the maintenance window")
                .with_help("move the maintenance window to a time of day outside the backup window"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::rules::tests::codes_with;
    use crate::model::Replicas;

    #[test]
    fn windows_read_in_utc() {
        assert_eq!(backup_window("03:00-04:00"), Some(Window { start: 180, length: 60 }));
        assert_eq!(backup_window("23:45-00:15"), Some(Window { start: 1425, length: 30 }));
        assert_eq!(maintenance_window("sun:23:30-mon:00:30").map(|w| w.length), Some(60));
        for bad in ["3:00-4:00", "03:00", "24:00-01:00", "03:60-04:00", "03:00-04:00 JST"] {
            assert_eq!(backup_window(bad), None, "{bad}");
        }
        assert_eq!(maintenance_window("xyz:03:00-sun:04:00"), None);
    }

    #[test]
    fn window_rules() {
        for (backup, maintenance, expected) in [
            ("18:00-19:00", "sun:19:00-sun:20:00", vec![]),
            ("18:00-18:20", "sun:19:00-sun:20:00", vec!["invalid-window"]),
            ("6pm", "sun:19:00-sun:20:00", vec!["invalid-window"]),
            ("18:00-19:00", "sun:18:30-sun:19:30", vec!["overlapping-windows"]),
            ("23:30-00:30", "mon:00:00-mon:00:30", vec!["overlapping-windows"]),
            ("18:00-19:00", "sat:23:00-sun:01:00", vec![]),
        ] {
            let codes = codes_with(|pg| {
                pg.backup.window = backup.into();
                pg.maintenance_window = maintenance.into();
            });
            assert_eq!(codes, expected, "{backup} / {maintenance}");
        }
    }

    #[test]
    fn retention_and_replicas() {
        assert_eq!(codes_with(|pg| pg.backup.retention_days = 36), ["invalid-backup-retention"]);
        assert_eq!(codes_with(|pg| pg.backup.retention_days = 35), Vec::<&str>::new());
        assert_eq!(codes_with(|pg| pg.snapshots = Some(crate::model::Snapshots { keep_days: 0 })), ["invalid-backup-retention"]);
        assert_eq!(
            codes_with(|pg| {
                pg.backup.retention_days = 0;
                pg.replicas = Replicas::new(2);
            }),
            ["replicas-without-backups"]
        );
        assert_eq!(
            codes_with(|pg| {
                pg.backup.retention_days = 0;
                pg.replicas = Replicas::new(0);
            }),
            Vec::<&str>::new()
        );
    }
}
