//! Rules on the log groups the stack creates for a database's exported logs, which name its
//! instances.

use crate::diag::Diagnostic;
use crate::model::{path, Platform, Postgres};
use crate::rules::declare_rules;
use crate::rules::per_env::per_environment;

declare_rules! {
    /// A database's derived instance identifier is longer than RDS accepts.
    DB_INSTANCE_IDENTIFIER_TOO_LONG = "db-instance-identifier-too-long", Error,
        "a database whose log groups the stack creates has instance identifiers (`<platform>-<environment>-<name>`, replicas `-replica-<n>`) of at most 63 characters",
        "CloudFormation AWS::RDS::DBInstance DBInstanceIdentifier (1-63 letters, digits or hyphens, first a letter, no two consecutive hyphens, not ending with a hyphen); RDS User Guide, CHAPTER_Limits.html (naming constraints)";
}

/// The longest DB instance identifier RDS accepts.
pub const DB_INSTANCE_IDENTIFIER_MAX: usize = 63;

/// The identifier of a database's instance in `environment`'s stack: the primary
/// `<platform>-<environment>-<name>`, replica `n` `<platform>-<environment>-<name>-replica-<n>`,
/// `_` written `-` (RDS takes letters, digits and hyphens).
///
/// Names start with a letter and separate their words with a single `-` or `_`, so the identifier
/// starts with a letter, has no two consecutive hyphens and does not end with one: only its
/// length can break RDS's rules.
pub fn db_instance_identifier(platform: &str, environment: &str, name: &str, replica: Option<u32>) -> String {
    let base = format!("{platform}-{environment}-{name}").replace('_', "-");
    match replica {
        Some(number) => format!("{base}-replica-{number}"),
        None => base,
    }
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    if !pg.owns_log_groups() {
        return;
    }
    let name = pg.name.as_str();
    per_environment(cx, platform, |cx, env| {
        let replicas = *pg.replicas.count.get(env);
        let longest = db_instance_identifier(platform.name.as_str(), env, name, (replicas > 0).then_some(replicas));
        if longest.len() > DB_INSTANCE_IDENTIFIER_MAX {
            cx.push(
                DB_INSTANCE_IDENTIFIER_TOO_LONG
                    .at(
                        path::postgres(name),
                        format!("database `{name}`'s instance identifier `{longest}` has {} characters; RDS takes at most {DB_INSTANCE_IDENTIFIER_MAX}", longest.len()),
                    )
                    .with_help("shorten the database's name (the stack names its instances so that it can create their log groups first)"),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::db_instance_identifier;
    use crate::database::rules::tests::codes_with;
    use crate::model::{PerEnv, Replicas};
    use crate::value::{Name, RetentionDays};

    #[test]
    fn identifiers_are_derived_with_hyphens() {
        assert_eq!(db_instance_identifier("datasets", "production", "main_db", None), "datasets-production-main-db");
        assert_eq!(db_instance_identifier("a", "b", "c", Some(2)), "a-b-c-replica-2");
    }

    #[test]
    fn identifiers_fit_63_characters_in_every_environment() {
        // `datasets-development-` is 21 characters; production's `datasets-production-` 20 and
        // its second replica's `-replica-2` 10 more. Development has no replica.
        for (length, replicas, expected) in [(42, 0, 0), (43, 0, 1), (33, 2, 0), (34, 2, 1)] {
            let found = codes_with(|pg| {
                pg.name = "d".repeat(length).parse().expect("a name");
                pg.log_retention = Some(RetentionDays::new_assert(30));
                pg.replicas = Replicas::new(PerEnv::new(0).with(Name::new_assert("production"), replicas));
            });
            let count = found.iter().filter(|&&code| code == "db-instance-identifier-too-long").count();
            assert_eq!(count, expected, "{length} {replicas}: {found:?}");
        }
    }

    #[test]
    fn without_log_groups_of_its_own_the_name_is_free() {
        let found = codes_with(|pg| pg.name = "d".repeat(60).parse().expect("a name"));
        assert!(!found.contains(&"db-instance-identifier-too-long"), "{found:?}");
    }
}
