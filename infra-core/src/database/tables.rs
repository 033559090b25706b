//! The database section's data tables: PostgreSQL engine versions and DB instance classes, read
//! from the text files in `data/` (refreshed by `scripts/refresh-rds-data` from cfn-lint's data,
//! which cfn-lint builds from the RDS API). A table ages: the rules treat what it cannot know
//! yet (a newer minor, a new class family) as a warning, and only what it proves wrong as an
//! error.

const VERSIONS: &str = include_str!("data/postgres-versions.txt");
const CLASSES: &str = include_str!("data/postgres-instance-classes.txt");

/// Whether RDS still creates instances of a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// RDS creates it.
    Available,
    /// RDS lists it, but no longer creates it.
    Deprecated,
}

/// A PostgreSQL version as RDS spells it: `14`, `14.23`, `9.6.24` or `11.22-rds.20240418`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version<'a> {
    /// The major version: `14`, or `9.6` as `(9, 6)` below 10.
    pub major: (u32, Option<u32>),
    /// The minor version, if written.
    pub minor: Option<u32>,
    /// An RDS build suffix such as `-rds.20240418`, if any.
    pub suffix: &'a str,
}

/// The first PostgreSQL major version with `ssl_min_protocol_version`, the parameter that holds
/// clients to a minimum TLS version (PostgreSQL 12 release notes; RDS parameter groups
/// `postgres12` and later).
pub const SSL_MIN_PROTOCOL_VERSION_SINCE: u32 = 12;

impl<'a> Version<'a> {
    /// Whether the version has `ssl_min_protocol_version` (PostgreSQL 12 and later).
    pub fn has_ssl_min_protocol_version(&self) -> bool {
        self.major.0 >= SSL_MIN_PROTOCOL_VERSION_SINCE
    }

    /// Reads a version; `None` unless it is shaped like one.
    pub fn parse(text: &'a str) -> Option<Version<'a>> {
        let (numbers, suffix) = match text.find('-') {
            Some(at) => text.split_at(at),
            None => (text, ""),
        };
        if !suffix.is_empty() && !is_build_suffix(suffix) {
            return None;
        }
        let parts: Vec<u32> = numbers
            .split('.')
            .map(|part| {
                let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
                if digits && part.len() <= 6 {
                    part.parse().ok()
                } else {
                    None
                }
            })
            .collect::<Option<_>>()?;
        // Before 10, the major version has two numbers (9.6.24); from 10, one (14.23).
        let (major, minor) = match parts.as_slice() {
            [major] => ((*major, None), None),
            [major, minor] if *major >= 10 => ((*major, None), Some(*minor)),
            [major, second] if *major < 10 => ((*major, Some(*second)), None),
            [major, second, minor] if *major < 10 => ((*major, Some(*second)), Some(*minor)),
            _ => return None,
        };
        Some(Version {
            major,
            minor,
            suffix,
        })
    }

    /// The major version as written, `14` or `9.6`.
    pub fn major_text(&self) -> String {
        match self.major {
            (major, None) => major.to_string(),
            (major, Some(second)) => format!("{major}.{second}"),
        }
    }
}

/// `-rds.<digits>`.
fn is_build_suffix(suffix: &str) -> bool {
    suffix
        .strip_prefix("-rds.")
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// The rows of a data file: its lines without comments and blanks.
fn rows(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Every PostgreSQL version of the table, with its availability, in the table's order
/// (ascending).
pub fn postgres_versions() -> impl Iterator<Item = (&'static str, Availability)> {
    rows(VERSIONS).filter_map(|row| {
        let (version, status) = row.split_once(' ')?;
        let availability = match status.trim() {
            "available" => Availability::Available,
            "deprecated" => Availability::Deprecated,
            _ => return None,
        };
        Some((version, availability))
    })
}

/// The availability of `version`, if the table lists it.
pub fn postgres_version(version: &str) -> Option<Availability> {
    postgres_versions()
        .find(|(known, _)| *known == version)
        .map(|(_, availability)| availability)
}

/// Every DB instance class of the table (`db.r5.large`, ...), sorted.
pub fn instance_classes() -> impl Iterator<Item = &'static str> {
    rows(CLASSES)
}

/// A DB instance class split into its family and size: `db.r5.large` is `("r5", "large")`.
pub fn class_parts(class: &str) -> Option<(&str, &str)> {
    let rest = class.strip_prefix("db.")?;
    let (family, size) = rest.split_once('.')?;
    let word = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    (word(family) && word(size)).then_some((family, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_read() {
        assert!(postgres_versions().count() > 100);
        assert_eq!(postgres_version("14.0"), None);
        assert_eq!(postgres_version("14.1"), Some(Availability::Deprecated));
        assert_eq!(postgres_version("14.23"), Some(Availability::Available));
        assert!(instance_classes().any(|class| class == "db.r5.large"));
        assert!(instance_classes().all(|class| class_parts(class).is_some()), "every class reads");
        assert!(postgres_versions().all(|(v, _)| Version::parse(v).is_some()), "every version reads");
    }

    #[test]
    fn versions_read_like_rds_spells_them() {
        let v = Version::parse("14.23").expect("a version");
        assert_eq!((v.major, v.minor, v.suffix), ((14, None), Some(23), ""));
        let v = Version::parse("9.6.24").expect("a version");
        assert_eq!((v.major, v.minor), ((9, Some(6)), Some(24)));
        assert_eq!(v.major_text(), "9.6");
        let v = Version::parse("11.22-rds.20240418").expect("a version");
        assert_eq!(v.suffix, "-rds.20240418");
        for bad in ["", "14.", ".1", "PostgreSQL 14.0", "14.1.2", "v14", "14-x", "1234567.1"] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn classes_split_into_family_and_size() {
        assert_eq!(class_parts("db.r5.large"), Some(("r5", "large")));
        assert_eq!(class_parts("r5.large"), None);
        assert_eq!(class_parts("db.r5"), None);
        assert_eq!(class_parts("db.R5.large"), None);
    }
}
