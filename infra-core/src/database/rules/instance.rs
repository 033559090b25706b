//! Rules on a database's placement, replicas, logs and master password.

use crate::diag::Diagnostic;
use crate::model::{
    path, MasterPassword, NatGateways, Peer, Platform, Postgres, SecurityGroupRule, SubnetTier,
    TierRole,
};
use crate::value::Name;
use crate::network::rules::{check_group_references, find_tier_or_report, single_zone};
use crate::rules::declare_rules;
use crate::rules::per_env::{check_settings, per_environment};
use crate::security::rules::check_rotation_days;

declare_rules! {
    /// A DB subnet group with subnets in fewer than two zones of an environment.
    DATABASE_SINGLE_ZONE = "database-single-zone", Error,
        "a database's tier has subnets in at least two zones of every environment (its DB subnet group needs them, even single-AZ)",
        "RDS API CreateDBSubnetGroup (at least one subnet in at least two zones; DBSubnetGroupDoesNotCoverEnoughAZs); RDS User Guide, USER_VPC.WorkingWithRDSInstanceinaVPC.md; aws-rules.md §4";
    /// More read replicas than RDS allows per source.
    TOO_MANY_READ_REPLICAS = "too-many-read-replicas", Error,
        "a PostgreSQL primary has at most 15 read replicas",
        "RDS User Guide, USER_PostgreSQL.Replication.ReadReplicas.md (up to 15 read replicas per source instance in a Region); aws-rules.md §4";
    /// A log export RDS for PostgreSQL does not have.
    INVALID_LOG_EXPORT = "invalid-log-export", Error,
        "RDS for PostgreSQL exports only the logs `postgresql`, `upgrade` and `iam-db-auth-error`",
        "RDS API CreateDBInstance.EnableCloudwatchLogsExports (PostgreSQL: postgresql, upgrade, iam-db-auth-error; `audit` is MySQL's, MariaDB's and Oracle's); aws-rules.md §4";
    /// An RDS-managed master password on a primary with read replicas.
    MANAGED_PASSWORD_WITH_REPLICAS = "managed-password-with-replicas", Error,
        "a primary with read replicas keeps its master password in a secret of the stack, not RDS's managed one",
        "RDS User Guide, rds-secrets-manager.html, limitations (creating a read replica of a source whose credentials RDS manages in Secrets Manager is not supported, except SQL Server); aws-rules.md §4, §14";
    /// Read replicas whose encryption the template cannot state.
    REPLICA_ENCRYPTION_INHERITED = "replica-encryption-inherited", Warning,
        "read replicas inherit the primary's encryption at rest, which their template may not restate (so checkov CKV_AWS_16 sees them unencrypted)",
        "CloudFormation AWS::RDS::DBInstance StorageEncrypted (with SourceDBInstanceIdentifier, do not specify it: the replica of an encrypted source is encrypted); cfn-lint E3020; RDS API CreateDBInstanceReadReplica.KmsKeyId (same Region: the source's key)",
        checkov ["CKV_AWS_16"];
    /// The password rotation function cannot reach the database.
    PASSWORD_ROTATION_CANNOT_REACH_DATABASE = "password-rotation-cannot-reach-database", Error,
        "the password rotation function has security groups whose egress, and the database's ingress, allow TCP 5432 between them",
        "Secrets Manager User Guide, rotating secrets in a VPC (the rotation function connects to the database; its security group and the database's must allow it); CloudFormation HostedRotationLambda.VpcSecurityGroupIds; EC2 security groups deny by default";
    /// The password rotation function runs where it cannot reach Secrets Manager.
    PASSWORD_ROTATION_WITHOUT_SECRETS_MANAGER = "password-rotation-without-secrets-manager", Error,
        "the password rotation function runs in a private tier with NAT gateways, or the VPC has a `secretsmanager` interface endpoint",
        "Secrets Manager User Guide, rotation in a VPC (the function calls the Secrets Manager endpoint: through a NAT gateway or an interface VPC endpoint); Lambda Developer Guide, VPC networking (a function's network interfaces get no public address)";
    /// A database without a standby in a second zone.
    DATABASE_SINGLE_AZ = "database-single-az", Warning,
        "a database keeps a Multi-AZ standby (without one, a zone outage stops it)",
        "RDS User Guide, Concepts.MultiAZ (a standby in another zone takes over on failure); AWS Security Hub RDS.5",
        checkov ["CKV_AWS_157"];
}

/// The port the lowering gives PostgreSQL.
pub const POSTGRES_PORT: u16 = 5432;

/// The logs RDS for PostgreSQL exports to CloudWatch Logs.
pub const POSTGRES_LOG_EXPORTS: [&str; 3] = ["postgresql", "upgrade", "iam-db-auth-error"];

/// The most read replicas of one PostgreSQL source.
pub const MAX_READ_REPLICAS: u32 = 15;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    let name = pg.name.as_str();
    let owner = format!("database `{name}`");
    if find_tier_or_report(cx, platform, &owner, &pg.tier, &path::postgres_tier(name)).is_some() {
        check_zones(cx, platform, pg);
    }
    check_group_references(cx, platform, &owner, &pg.security_groups, |idx| {
        path::postgres_security_group(name, idx)
    });
    check_multi_az(cx, platform, pg);
    check_replicas(cx, platform, pg);
    check_log_exports(cx, pg);
    check_password(cx, platform, pg);
    check_rotation_reach(cx, platform, pg);
    check_rotation_endpoint(cx, platform, pg);
}

/// In every environment, the rotation function's tier routes through NAT gateways, or the VPC
/// has an interface endpoint for Secrets Manager (private DNS makes it serve the whole VPC).
///
/// Source: Secrets Manager User Guide, "Rotation in a VPC": the rotation function calls Secrets
/// Manager, through a NAT gateway or an interface endpoint; Lambda's network interfaces in a VPC
/// get no public address, so a public tier does not do.
fn check_rotation_endpoint(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    let MasterPassword::Secret { tier, .. } = &pg.master_password else {
        return;
    };
    let network = &platform.network;
    let Some(found) = network.find_tier(tier.as_str()) else {
        return;
    };
    let endpoint = network
        .interface_endpoints
        .iter()
        .flat_map(|endpoints| &endpoints.services)
        .any(|service| service.as_str() == "secretsmanager");
    if endpoint {
        return;
    }
    let name = pg.name.as_str();
    per_environment(cx, platform, |cx, env| {
        let routed = found.role == TierRole::Private
            && *network.nat_gateways.get(env) != NatGateways::None;
        if !routed {
            cx.push(
                PASSWORD_ROTATION_WITHOUT_SECRETS_MANAGER
                    .at(path::postgres_password_tier(name), format!("database `{name}`'s password rotation runs in tier `{tier}`, which reaches neither a NAT gateway nor a Secrets Manager endpoint"))
                    .with_help("run the rotation in a private tier with NAT gateways, or add `secretsmanager` to `interface_endpoints`"),
            );
        }
    });
}

/// The tier has subnets in at least two zones of every environment.
///
/// Source: RDS API `CreateDBSubnetGroup`: a DB subnet group "must contain at least one subnet in
/// at least two AZs in the Region", even for a Single-AZ instance.
fn check_zones(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    let Some(tier) = platform.network.find_tier(pg.tier.as_str()) else {
        return;
    };
    let name = pg.name.as_str();
    for env in &platform.environments {
        let Some(zone) = single_zone(tier, env) else {
            continue;
        };
        cx.push(
            DATABASE_SINGLE_ZONE
                .at(
                    path::postgres_tier(name),
                    format!(
                        "database `{name}`'s tier `{}` has subnets in only `{zone}` of environment `{}`, and a DB subnet group needs two zones",
                        pg.tier,
                        env.name
                    ),
                )
                .with_help(format!("give environment `{}` a second zone, with a subnet of tier `{}` there; RDS needs it even for a single-AZ instance", env.name, pg.tier)),
        );
    }
}

/// A warning in each environment without a Multi-AZ standby.
///
/// Source: RDS User Guide, Multi-AZ deployments: without a standby in a second zone, a zone
/// failure stops the database until it is restored.
fn check_multi_az(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    let name = pg.name.as_str();
    let at = path::postgres_multi_az(name);
    check_settings(cx, platform, &pg.multi_az, &at);
    per_environment(cx, platform, |cx, env| {
        if !*pg.multi_az.get(env) {
            cx.push(
                DATABASE_SINGLE_AZ
                    .at(pg.multi_az.path_in(&at, env), format!("database `{name}` runs without a standby in a second zone"))
                    .with_help("set `multi_az: true`, or acknowledge this warning with a reason (such as a cheaper non-production environment)"),
            );
        }
    });
}

/// At most 15 replicas in each environment; and where there are replicas, a warning that
/// their template cannot state their (inherited) encryption.
///
/// Source: RDS User Guide, "Working with read replicas for Amazon RDS for PostgreSQL": up to 15
/// read replicas per source DB instance within a Region. CloudFormation `AWS::RDS::DBInstance`
/// `StorageEncrypted`: a replica inherits its source's encryption and must not state it
/// (cfn-lint E3020), which checkov's CKV_AWS_16 reads as unencrypted.
fn check_replicas(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    let name = pg.name.as_str();
    let at = path::postgres_replica_count(name);
    let count = &pg.replicas.count;
    check_settings(cx, platform, count, &at);
    per_environment(cx, platform, |cx, env| {
        let replicas = *count.get(env);
        if replicas > 0 {
            cx.push(
                REPLICA_ENCRYPTION_INHERITED
                    .at(path::postgres_replicas(name), format!("database `{name}`'s read replicas are encrypted with its key by inheritance, which their template may not state: checkov reports them unencrypted"))
                    .with_help("acknowledge this warning on `replicas` with a reason; the replicas are encrypted"),
            );
        }
        if replicas > MAX_READ_REPLICAS {
            cx.push(
                TOO_MANY_READ_REPLICAS
                    .at(count.path_in(&at, env), format!("database `{name}` has {replicas} read replicas, above RDS's {MAX_READ_REPLICAS} per source"))
                    .with_help(format!("use at most {MAX_READ_REPLICAS} replicas; cascade further replicas from a replica (PostgreSQL 14.1 and later)")),
            );
        }
    });
}

/// Each log export is one RDS for PostgreSQL has.
///
/// Source: RDS API `CreateDBInstance.EnableCloudwatchLogsExports`: PostgreSQL exports
/// `postgresql`, `upgrade` and `iam-db-auth-error`; `audit` exists for MySQL, MariaDB and Oracle.
fn check_log_exports(cx: &mut Vec<Diagnostic>, pg: &Postgres) {
    let name = pg.name.as_str();
    for (idx, log) in pg.log_exports.iter().enumerate() {
        if POSTGRES_LOG_EXPORTS.contains(&log.as_str()) {
            continue;
        }
        let help = if log == "audit" {
            "PostgreSQL has no `audit` log export: audit with the pgAudit extension, whose records go to the `postgresql` log".to_owned()
        } else {
            crate::rules::suggest::help_for("PostgreSQL log exports", log, POSTGRES_LOG_EXPORTS)
                .replace("the design defines the PostgreSQL log exports", "RDS for PostgreSQL exports")
        };
        cx.push(
            INVALID_LOG_EXPORT
                .at(path::postgres_log_export(name, idx), format!("database `{name}` exports the log `{log}`, which RDS for PostgreSQL does not have"))
                .with_help(help),
        );
    }
}

/// The rotation period is 1-1000 days; RDS's managed password is not used with replicas; the
/// rotation function's tier exists.
///
/// Source: Secrets Manager API `RotationRulesType.AutomaticallyAfterDays` (1-1000); RDS User
/// Guide, rds-secrets-manager.html, limitations: a read replica of a source whose password RDS
/// manages in Secrets Manager cannot be created (all engines but SQL Server).
fn check_password(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    let name = pg.name.as_str();
    let days = pg.master_password.rotation_days();
    check_rotation_days(
        cx,
        days,
        path::postgres_password_rotation(name),
        &format!("database `{name}`'s master password"),
        "`rotation: 30d`",
    );
    match &pg.master_password {
        MasterPassword::Secret { tier, security_groups, .. } => {
            let owner = format!("database `{name}`'s password rotation");
            find_tier_or_report(cx, platform, &owner, tier, &path::postgres_password_tier(name));
            check_group_references(cx, platform, &owner, security_groups, |idx| {
                path::postgres_password_security_group(name, idx)
            });
        }
        MasterPassword::RdsManaged { .. } => {
            let count = &pg.replicas.count;
            per_environment(cx, platform, |cx, env| {
                let replicas = *count.get(env);
                if replicas > 0 {
                    cx.push(
                        MANAGED_PASSWORD_WITH_REPLICAS
                            .at(path::postgres_master_password(name), format!("database `{name}` lets RDS manage its master password, and RDS cannot create its {replicas} read replicas then"))
                            .with_related(count.path_in(&path::postgres_replica_count(name), env), "the replicas")
                            .with_help(format!("keep the password in a secret of the stack, rotated by AWS's hosted function: `master_password: secret {{ rotation: {days}d, tier: <a private tier>, security_groups: [<groups>] }}`")),
                    );
                }
            });
        }
    }
}

/// The rotation function has security groups; one of the database's groups admits one of them
/// (or a block holding the rotation tier's subnets) on TCP 5432, and one of its groups lets it
/// out to one of the database's groups (or a block holding the database tier's subnets).
///
/// Source: Secrets Manager User Guide, "Rotation in a VPC": the rotation function connects to the
/// database, so its security group must allow the connection out and the database's in; a
/// security group denies what no rule allows (and this design's groups allow no egress unless
/// stated).
fn check_rotation_reach(cx: &mut Vec<Diagnostic>, platform: &Platform, pg: &Postgres) {
    let MasterPassword::Secret { tier, security_groups: rotation, .. } = &pg.master_password else {
        return;
    };
    let name = pg.name.as_str();
    let at = path::postgres_master_password(name);
    if rotation.is_empty() {
        cx.push(
            PASSWORD_ROTATION_CANNOT_REACH_DATABASE
                .at(at, format!("database `{name}`'s password rotation function has no security group, so it cannot connect to the database"))
                .with_help("give the rotation function a security group that may reach the database on 5432: `security_groups: [<group>]`"),
        );
        return;
    }
    let network = &platform.network;
    // An unknown group or tier is another rule's finding.
    let known = |group: &Name| network.security_groups.iter().any(|g| g.name == *group);
    if !rotation.iter().chain(&pg.security_groups).all(known) {
        return;
    }
    let (Some(rotation_tier), Some(database_tier)) = (network.find_tier(tier.as_str()), network.find_tier(pg.tier.as_str())) else {
        return;
    };
    // Whether `peer` stands for `groups`, or for a block holding every subnet of `tier` in
    // every environment.
    let covers = |peer: &Peer, groups: &[Name], tier: &SubnetTier| match peer {
        Peer::Group(group) => groups.contains(group),
        Peer::Cidr(block) => {
            !tier.subnets.is_empty()
                && platform.environments.iter().all(|env| {
                    tier.subnets
                        .iter()
                        .filter(|subnet| env.zones.contains(&subnet.zone))
                        .all(|subnet| block.contains(subnet.cidr.get(env.name.as_str())))
                })
        }
    };
    let allows = |rules: &[SecurityGroupRule], groups: &[Name], tier: &SubnetTier| {
        rules.iter().any(|rule| {
            rule.traffic.tcp_ports().is_some_and(|ports| (ports.from()..=ports.to()).contains(&POSTGRES_PORT))
                && covers(&rule.peer, groups, tier)
        })
    };
    let groups_of = |names: &[Name]| -> Vec<&crate::model::SecurityGroup> {
        network.security_groups.iter().filter(|g| names.contains(&g.name)).collect()
    };
    let listed = |names: &[Name]| names.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", ");
    let admitted = groups_of(&pg.security_groups)
        .iter()
        .any(|group| allows(&group.ingress, rotation, rotation_tier));
    if !admitted {
        cx.push(
            PASSWORD_ROTATION_CANNOT_REACH_DATABASE
                .at(path::postgres_password_security_group(name, 0), format!("database `{name}`'s security groups admit no connection on {POSTGRES_PORT} from its password rotation function"))
                .with_help(format!("allow TCP {POSTGRES_PORT} from {} in one of the database's groups ({})", listed(rotation), listed(&pg.security_groups))),
        );
    }
    let let_out = groups_of(rotation)
        .iter()
        .any(|group| allows(&group.egress, &pg.security_groups, database_tier));
    if !let_out {
        cx.push(
            PASSWORD_ROTATION_CANNOT_REACH_DATABASE
                .at(path::postgres_password_security_group(name, 0), format!("database `{name}`'s password rotation function may not connect out on {POSTGRES_PORT} to the database"))
                .with_help(format!("add egress `{POSTGRES_PORT} to {}` to one of the rotation's groups ({})", pg.security_groups.first().map_or("<group>".to_owned(), |g| g.to_string()), listed(rotation))),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::database::rules::tests::{codes_with, findings_with};
    use crate::model::{MasterPassword, PerEnv, Replicas};
    use crate::value::Name;

    #[test]
    fn the_seed_audit_log_is_rejected() {
        let found = findings_with(|pg| pg.log_exports = vec!["postgresql".into(), "audit".into()]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "invalid-log-export");
        assert_eq!(found[0].path.as_str(), "database.postgres.main.log_exports[1]");
        assert!(found[0].help.as_deref().unwrap_or("").contains("pgAudit"));
        let found = findings_with(|pg| pg.log_exports = vec!["upgrad".into()]);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `upgrade`?"));
    }

    #[test]
    fn at_most_fifteen_replicas() {
        assert_eq!(codes_with(|pg| pg.replicas = Replicas::new(16)), ["too-many-read-replicas"]);
        assert_eq!(codes_with(|pg| pg.replicas = Replicas::new(15)), Vec::<&str>::new());
    }

    #[test]
    fn replicas_warn_that_their_encryption_is_inherited() {
        let unacknowledged = |count: u32| {
            let mut platform = crate::database::rules::tests::platform_with(|pg| pg.replicas = Replicas::new(count));
            platform.acknowledgements.clear();
            crate::testing::codes(&platform)
                .into_iter()
                .filter(|code| code.starts_with("replica"))
                .collect::<Vec<_>>()
        };
        assert_eq!(unacknowledged(2), ["replica-encryption-inherited"]);
        assert_eq!(unacknowledged(0), Vec::<&str>::new());
    }

    #[test]
    fn rds_managed_passwords_and_replicas_conflict() {
        let managed = MasterPassword::RdsManaged { rotation_days: 30 };
        assert_eq!(
            codes_with(|pg| {
                pg.master_password = managed.clone();
                pg.replicas = Replicas::new(2);
            }),
            ["managed-password-with-replicas"]
        );
        assert_eq!(
            codes_with(|pg| {
                pg.master_password = managed.clone();
                pg.replicas = Replicas::new(0);
            }),
            Vec::<&str>::new()
        );
        let never = MasterPassword::Secret { rotation_days: 0, tier: Name::new_assert("private"), security_groups: vec![Name::new_assert("application")] };
        assert_eq!(codes_with(|pg| pg.master_password = never), ["invalid-secret-rotation"]);
        let nowhere = MasterPassword::Secret { rotation_days: 30, tier: Name::new_assert("privat"), security_groups: vec![Name::new_assert("application")] };
        assert_eq!(codes_with(|pg| pg.master_password = nowhere), ["unknown-tier"]);
    }

    #[test]
    fn the_subnet_group_needs_two_zones_everywhere() {
        let found = findings_with(|_| {});
        assert!(found.is_empty());
        let mut platform = crate::database::rules::tests::platform_with(|_| {});
        platform.environments[1].zones.truncate(1);
        let found: Vec<_> = crate::rules::check(&platform)
            .into_iter()
            .filter(|d| d.path.as_str().starts_with("database"))
            .collect();
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["database-single-zone"]);
        assert!(found[0].message.contains("environment `staging`"), "{}", found[0].message);
    }

    #[test]
    fn the_rotation_function_must_reach_the_database() {
        let rotate_with = |groups: Vec<Name>| {
            move |pg: &mut crate::model::Postgres| {
                pg.master_password = MasterPassword::Secret {
                    rotation_days: 30,
                    tier: Name::new_assert("private"),
                    security_groups: groups,
                }
            }
        };
        // The reference design: `database` admits `password_rotation`, which may reach it.
        assert_eq!(codes_with(rotate_with(vec![Name::new_assert("password_rotation")])), Vec::<&str>::new());
        // `alb` may go anywhere, but the database does not admit it.
        let found = findings_with(rotate_with(vec![Name::new_assert("alb")]));
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["password-rotation-cannot-reach-database"]);
        assert!(found[0].message.contains("admit no connection"), "{}", found[0].message);
        // No group at all.
        assert_eq!(codes_with(rotate_with(vec![])), ["password-rotation-cannot-reach-database"]);
        // An unknown group is `unknown-security-group`'s finding alone.
        assert_eq!(codes_with(rotate_with(vec![Name::new_assert("rotatoin")])), ["unknown-security-group"]);
    }

    #[test]
    fn the_rotation_reaches_secrets_manager() {
        let in_tier = |tier: &'static str| {
            move |pg: &mut crate::model::Postgres| {
                pg.master_password = MasterPassword::Secret {
                    rotation_days: 30,
                    tier: Name::new_assert(tier),
                    security_groups: vec![Name::new_assert("application")],
                }
            }
        };
        // The reference design has a `secretsmanager` endpoint: any tier reaches it.
        assert_eq!(codes_with(in_tier("database")), Vec::<&str>::new());
        let mut platform = crate::database::rules::tests::platform_with(in_tier("database"));
        platform.network.interface_endpoints.clear();
        let codes: Vec<_> = crate::testing::codes(&platform)
            .into_iter()
            .filter(|code| code.starts_with("password"))
            .collect();
        assert_eq!(codes, ["password-rotation-without-secrets-manager"]);
        // The private tier routes through NAT gateways.
        let mut platform = crate::database::rules::tests::platform_with(in_tier("private"));
        platform.network.interface_endpoints.clear();
        assert!(!crate::testing::codes(&platform).contains(&"password-rotation-without-secrets-manager"));
    }

    #[test]
    fn single_az_is_a_warning_where_it_holds() {
        let found = findings_with(|pg| {
            pg.multi_az = PerEnv::new(true).with(Name::new_assert("staging"), false);
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "database-single-az");
        assert_eq!(found[0].severity, crate::Severity::Warning);
        assert!(found[0].message.ends_with("(environment `staging`)"), "{}", found[0].message);
    }
}
