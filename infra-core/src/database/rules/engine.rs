//! Rules on what RDS runs: the engine version and the instance classes, both read from the
//! section's data tables (see [`crate::database::tables`]).

use crate::database::tables::{
    class_parts, instance_classes, postgres_version, postgres_versions, Availability, Version,
};
use crate::diag::{Diagnostic, ModelPath};
use crate::model::{path, PerEnv, Platform, Postgres, TlsVersion};
use crate::rules::declare_rules;
use crate::rules::per_env::{check_settings, per_environment};

declare_rules! {
    /// An engine version RDS never offered, or not written as a version.
    INVALID_ENGINE_VERSION = "invalid-engine-version", Error,
        "a PostgreSQL engine version is one RDS offers, such as 14.23",
        "RDS API CreateDBInstance.EngineVersion, DescribeDBEngineVersions; cfn-lint E3691 (extensions/aws_rds_dbinstance/engine_version.json); aws-rules.md §4 (RDS has no PostgreSQL 14.0)";
    /// An engine version RDS lists but no longer creates.
    DEPRECATED_ENGINE_VERSION = "deprecated-engine-version", Error,
        "a PostgreSQL engine version is not one RDS has deprecated (it creates no new instance of it)",
        "RDS User Guide, PostgreSQL release calendar and deprecations; cfn-lint W3691 (extensions/aws_rds_dbinstance/engine_version_deprecated.json); aws-rules.md §4";
    /// A PostgreSQL version that cannot hold clients to the platform's stated minimum TLS version.
    DATABASE_TLS_BELOW_MINIMUM = "database-tls-below-minimum", Error,
        "a PostgreSQL version holds clients to the platform's `minimum_tls` (`ssl_min_protocol_version`, PostgreSQL 12 and later)",
        "PostgreSQL 12 release notes and runtime-config-connection.html (ssl_min_protocol_version is new in 12); RDS User Guide, PostgreSQL.Concepts.General.SSL.html (RDS for PostgreSQL accepts TLS 1.1 and 1.2)";
    /// An engine version newer than the data table knows.
    UNKNOWN_ENGINE_VERSION = "unknown-engine-version", Warning,
        "a PostgreSQL engine version is one the data table knows (a newer one may be real: refresh the table)",
        "RDS API DescribeDBEngineVersions (RDS adds minor versions every few months); the section's data table, from cfn-lint's RDS data";
    /// An instance class that is not shaped like one, or a size its family lacks.
    INVALID_INSTANCE_CLASS = "invalid-instance-class", Error,
        "a DB instance class is `db.<family>.<size>` with a size its family offers for PostgreSQL",
        "RDS API CreateDBInstance.DBInstanceClass, DescribeOrderableDBInstanceOptions; cfn-lint E3025 (extensions/aws_rds_dbinstance/dbinstanceclass_enum.json); aws-rules.md §4";
    /// An instance class of a family the data table does not know.
    UNKNOWN_INSTANCE_CLASS = "unknown-instance-class", Warning,
        "a DB instance class is of a family the data table knows for PostgreSQL in the region (a new family may be real: refresh the table)",
        "RDS User Guide, DB instance classes (AWS adds families); the section's data table, from cfn-lint's RDS data for ap-northeast-1";
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    check_engine_version(cx, pg);
    check_tls_minimum(cx, platform, pg);
    let name = pg.name.as_str();
    check_classes(
        cx,
        platform,
        pg,
        &pg.instance_class,
        &path::postgres_instance_class(name),
        "",
    );
    if let Some(class) = &pg.replicas.instance_class {
        check_classes(
            cx,
            platform,
            pg,
            class,
            &path::postgres_replica_class(name),
            "replicas' ",
        );
    }
}

/// A version RDS creates holds clients to a stated minimum of TLS 1.2 or 1.3: PostgreSQL 11
/// (RDS's extended support `11.22-rds`) has no `ssl_min_protocol_version` and accepts TLS 1.1,
/// so the stack can turn away plaintext clients (`rds.force_ssl`) but not TLS 1.1. A deprecated
/// or invalid version is reported by [`check_engine_version`] alone.
///
/// Source: PostgreSQL 12 release notes (`ssl_min_protocol_version` added); RDS User Guide,
/// "Using SSL with a PostgreSQL DB instance" (TLS 1.1 and 1.2; 1.3 from PostgreSQL 16).
fn check_tls_minimum(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    let Some(minimum) = platform.security.minimum_tls else {
        return;
    };
    let written = pg.engine_version.as_str();
    let Some(version) = Version::parse(written) else {
        return;
    };
    if minimum <= TlsVersion::Tls11
        || version.has_ssl_min_protocol_version()
        || postgres_version(written) != Some(Availability::Available)
    {
        return;
    }
    let name = pg.name.as_str();
    cx.push(
        DATABASE_TLS_BELOW_MINIMUM
            .at(
                path::postgres_engine_version(name),
                format!(
                    "database `{name}` runs PostgreSQL {}, which accepts TLS 1.1: it has no `ssl_min_protocol_version` to hold clients to the platform's minimum TLS {}",
                    version.major_text(),
                    minimum.as_str()
                ),
            )
            .with_help(format!("upgrade to PostgreSQL 12 or later, such as {}", newest())),
    );
}

/// The engine version is one RDS creates: in the table and not deprecated, or newer than the
/// table's newest of its major (a warning), or a major alone that has a minor RDS creates.
///
/// Source: RDS API `DescribeDBEngineVersions` (as cfn-lint's E3691 and W3691 data): RDS has
/// PostgreSQL 14.1 to 14.24 and no 14.0; it no longer creates deprecated versions.
fn check_engine_version(cx: &mut Vec<Diagnostic>, pg: &Postgres) {
    let name = pg.name.as_str();
    let written = pg.engine_version.as_str();
    let at = path::postgres_engine_version(name);
    let Some(version) = Version::parse(written) else {
        cx.push(
            INVALID_ENGINE_VERSION
                .at(at, format!("database `{name}`'s engine version `{written}` is not a PostgreSQL version as RDS writes it"))
                .with_help(format!("write the version number alone, such as {}", newest())),
        );
        return;
    };
    let same_major = |v: &Version<'_>| v.major == version.major;
    let major = version.major_text();
    match postgres_version(written) {
        Some(Availability::Available) => {}
        // A major version alone: RDS picks its default minor, which must be one it creates.
        Some(Availability::Deprecated) if version.minor.is_none() && version.suffix.is_empty() => {
            if newest_available(Some(version.major)).is_none() {
                cx.push(
                    DEPRECATED_ENGINE_VERSION
                        .at(at, format!("database `{name}`'s engine version `{written}`: RDS has deprecated every PostgreSQL {major} version"))
                        .with_help(format!("move to a supported major version, such as {}", newest())),
                );
            }
        }
        Some(Availability::Deprecated) => cx.push(
            DEPRECATED_ENGINE_VERSION
                .at(at, format!("database `{name}`'s engine version `{written}` is deprecated: RDS creates no new instance of it"))
                .with_help(match newest_available(Some(version.major)) {
                    Some(newest) => format!("use `{newest}`, the newest PostgreSQL {major} version RDS creates"),
                    None => format!("RDS has deprecated every PostgreSQL {major} version; use {}", newest()),
                }),
        ),
        None => {
            let known: Vec<Version<'static>> = postgres_versions()
                .filter_map(|(v, _)| Version::parse(v))
                .collect();
            let newest_major = known.iter().map(|v| v.major).max();
            let newest_minor = known.iter().filter(|v| same_major(v)).filter_map(|v| v.minor).max();
            let newer = match (newest_minor, version.minor) {
                // A major the table does not know: newer than its newest, or never offered.
                (None, _) => newest_major.is_some_and(|newest| version.major > newest),
                (Some(newest), Some(minor)) => minor > newest || !version.suffix.is_empty(),
                (Some(_), None) => !version.suffix.is_empty(),
            };
            if newer {
                cx.push(
                    UNKNOWN_ENGINE_VERSION
                        .at(at, format!("database `{name}`'s engine version `{written}` is newer than the versions the data table knows"))
                        .with_help("if RDS offers it, refresh the table with `scripts/refresh-rds-data`; otherwise use a version it lists, or acknowledge this warning with a reason"),
                );
            } else {
                cx.push(
                    INVALID_ENGINE_VERSION
                        .at(at, format!("RDS offers no PostgreSQL `{written}` (database `{name}`)"))
                        .with_help(nearest_help(&version)),
                );
            }
        }
    }
}

/// The newest version RDS creates of `major`, or of any major.
fn newest_available(major: Option<(u32, Option<u32>)>) -> Option<&'static str> {
    postgres_versions()
        .filter(|(_, availability)| *availability == Availability::Available)
        .filter_map(|(text, _)| Version::parse(text).map(|v| (v, text)))
        .filter(|(v, _)| v.minor.is_some() && v.suffix.is_empty())
        .filter(|(v, _)| major.is_none_or(|major| v.major == major))
        .max_by_key(|(v, _)| *v)
        .map(|(_, text)| text)
}

/// The newest version RDS creates, in backticks, as a help line names it.
fn newest() -> String {
    match newest_available(None) {
        Some(version) => format!("`{version}`"),
        None => "a version RDS lists in DescribeDBEngineVersions".to_owned(),
    }
}

/// The versions RDS creates nearest to `wanted` (of its major, else the newest overall).
fn nearest_help(wanted: &Version<'_>) -> String {
    let mut near: Vec<(u32, &'static str)> = postgres_versions()
        .filter(|(_, availability)| *availability == Availability::Available)
        .filter_map(|(text, _)| Version::parse(text).map(|v| (v, text)))
        .filter(|(v, _)| v.major == wanted.major && v.suffix.is_empty())
        .filter_map(|(v, text)| v.minor.map(|minor| (minor.abs_diff(wanted.minor.unwrap_or(0)), text)))
        .collect();
    near.sort();
    let listed: Vec<String> = near.iter().take(3).map(|(_, text)| format!("`{text}`")).collect();
    match (listed.as_slice(), newest_available(Some(wanted.major))) {
        ([], _) => format!(
            "RDS creates no PostgreSQL {} version; the newest it creates is {}",
            wanted.major_text(),
            newest()
        ),
        (_, Some(newest)) => format!(
            "the nearest versions RDS creates are {}; the newest PostgreSQL {} is `{newest}`",
            listed.join(", "),
            wanted.major_text()
        ),
        (_, None) => format!("the nearest versions RDS creates are {}", listed.join(", ")),
    }
}

/// Each environment's instance class is in the table; one of a family the table knows, with a
/// size it lacks, is an error; one of a family it does not know is a warning.
///
/// Source: RDS API `DescribeOrderableDBInstanceOptions` for PostgreSQL (as cfn-lint's
/// `dbinstanceclass_enum.json`); AWS adds families, rarely sizes to an existing family.
fn check_classes(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    pg: &Postgres,
    class: &PerEnv<String>,
    at: &ModelPath,
    whose: &str,
) {
    check_settings(cx, platform, class, at);
    let name = pg.name.as_str();
    per_environment(cx, platform, |cx, env| {
        let written = class.get(env).as_str();
        let at = class.path_in(at, env);
        if instance_classes().any(|known| known == written) {
            return;
        }
        let Some((family, size)) = class_parts(written) else {
            cx.push(
                INVALID_INSTANCE_CLASS
                    .at(at, format!("database `{name}`'s {whose}instance class `{written}` is not shaped like `db.<family>.<size>`"))
                    .with_help("write a DB instance class such as `db.r5.large` or `db.t4g.medium`"),
            );
            return;
        };
        let sizes: Vec<&str> = instance_classes()
            .filter_map(class_parts)
            .filter(|(known, _)| *known == family)
            .map(|(_, size)| size)
            .collect();
        if sizes.is_empty() {
            cx.push(
                UNKNOWN_INSTANCE_CLASS
                    .at(at, format!("database `{name}`'s {whose}instance class `{written}` is of family `{family}`, which the data table does not know for PostgreSQL"))
                    .with_help("if RDS offers it, refresh the table with `scripts/refresh-rds-data`; otherwise pick a class such as `db.r6g.large`, or acknowledge this warning with a reason"),
            );
        } else {
            cx.push(
                INVALID_INSTANCE_CLASS
                    .at(at, format!("database `{name}`'s {whose}instance class `{written}`: family `{family}` has no size `{size}` for PostgreSQL"))
                    .with_help(format!("family `{family}` offers {}", sizes.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::database::rules::tests::{codes_with, findings_with, platform_with};
    use crate::model::{PerEnv, TlsVersion};
    use crate::value::Name;

    #[test]
    fn the_seed_version_does_not_exist() {
        let found = findings_with(|pg| pg.engine_version = "14.0".into());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "invalid-engine-version");
        let help = found[0].help.as_deref().unwrap_or("");
        assert!(help.contains("`14.18`") && help.contains("`14.24`"), "{help}");
    }

    #[test]
    fn versions_by_the_table() {
        for (version, expected) in [
            ("14.23", vec![]),
            ("14", vec![]),
            ("14.17", vec!["deprecated-engine-version"]),
            ("9.6.24", vec!["deprecated-engine-version"]),
            ("14.99", vec!["unknown-engine-version"]),
            ("99", vec!["unknown-engine-version"]),
            ("99.1", vec!["unknown-engine-version"]),
            ("10.2", vec!["invalid-engine-version"]),
            ("8", vec!["invalid-engine-version"]),
            ("PostgreSQL 14.0", vec!["invalid-engine-version"]),
        ] {
            assert_eq!(codes_with(|pg| pg.engine_version = version.into()), expected, "{version}");
        }
    }

    #[test]
    fn postgres_11_cannot_hold_clients_to_tls_1_2() {
        // The reference design states TLS 1.2.
        let found = findings_with(|pg| pg.engine_version = "11.22-rds.20250508".into());
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["database-tls-below-minimum"]);
        assert_eq!(found[0].path, crate::model::path::postgres_engine_version("main"));
        // TLS 1.1, or no stated minimum, is what PostgreSQL 11 holds to.
        for minimum in [Some(TlsVersion::Tls11), None] {
            let mut platform = platform_with(|pg| pg.engine_version = "11.22-rds.20250508".into());
            platform.security.minimum_tls = minimum;
            assert!(platform.validate().is_ok(), "{minimum:?}");
        }
        assert_eq!(codes_with(|pg| pg.engine_version = "12.22".into()), Vec::<&str>::new());
        // A deprecated version is reported once, as deprecated.
        assert_eq!(codes_with(|pg| pg.engine_version = "9.6.24".into()), ["deprecated-engine-version"]);
    }

    #[test]
    fn classes_by_the_table() {
        for (class, expected) in [
            ("db.r5.large", vec![]),
            ("db.r5.huge", vec!["invalid-instance-class"]),
            ("r5.large", vec!["invalid-instance-class"]),
            ("db.z9.large", vec!["unknown-instance-class"]),
        ] {
            assert_eq!(codes_with(|pg| pg.instance_class = PerEnv::new(class.into())), expected, "{class}");
        }
        let found = findings_with(|pg| {
            pg.instance_class = PerEnv::new("db.r5.large".into())
                .with(Name::new_assert("staging"), "db.t4g.mediun".into())
        });
        assert_eq!(found.len(), 1);
        assert!(found[0].message.ends_with("(environment `staging`)"), "{}", found[0].message);
        assert_eq!(found[0].path.as_str(), "database.postgres.main.instance_class[\"staging\"]");
    }
}
