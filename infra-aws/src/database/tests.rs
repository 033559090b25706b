//! The database lowering on the reference design.

use infra_core::fixtures::reference_network;
use infra_core::model::{Databases, MasterPassword, Replicas, TlsVersion};

use crate::intrinsic::Expr;
use crate::template::Policy;
use crate::testing::synth_reference as synth;

#[test]
fn production_runs_multi_az_with_two_encrypted_replicas() {
    let template = synth("production");
    let primary = template.resource("DatabaseMain").expect("the primary");
    assert_eq!(primary.get("EngineVersion"), Some(&Expr::from("14.23")));
    assert_eq!(primary.get("MultiAZ"), Some(&Expr::Bool(true)));
    assert_eq!(primary.get("StorageEncrypted"), Some(&Expr::Bool(true)));
    assert_eq!(primary.get("StorageType"), Some(&Expr::from("gp3")));
    assert_eq!(primary.get("Iops"), None);
    assert_eq!(primary.get("DeletionProtection"), Some(&Expr::Bool(true)));
    assert_eq!(primary.deletion_policy(), Some(Policy::Snapshot));
    assert_eq!(primary.update_replace_policy(), Some(Policy::Snapshot));
    let replicas: Vec<_> = template
        .resources_of_type("AWS::RDS::DBInstance")
        .filter(|(_, r)| r.get("SourceDBInstanceIdentifier").is_some())
        .collect();
    assert_eq!(replicas.len(), 2);
    assert!(template.outputs().keys().any(|id| id.as_str() == "DatabaseMainEndpoint"));
}

#[test]
fn staging_runs_small_single_az_without_replicas() {
    let template = synth("staging");
    let primary = template.resource("DatabaseMain").expect("the primary");
    assert_eq!(primary.get("DBInstanceClass"), Some(&Expr::from("db.t4g.medium")));
    assert_eq!(primary.get("MultiAZ"), Some(&Expr::Bool(false)));
    assert_eq!(template.resources_of_type("AWS::RDS::DBInstance").count(), 1);
    // The design acknowledges the single-AZ warning: checkov's Multi-AZ check is skipped.
    assert!(primary.checkov_skips().iter().any(|skip| skip.id == "CKV_AWS_157"));
}

#[test]
fn the_password_never_appears_and_rotates_with_the_hosted_function() {
    let template = synth("production");
    let json = template.to_json();
    assert!(json.contains("{{resolve:secretsmanager:${DatabaseMainSecret}::password}}"));
    assert_eq!(template.transforms(), ["AWS::SecretsManager-2020-07-23"]);
    let rotation = template.resource("DatabaseMainPasswordRotation").expect("the rotation");
    let rules = rotation.get("RotationRules").expect("rules");
    assert_eq!(rules.get("AutomaticallyAfterDays"), Some(&Expr::Int(30)));
    let hosted = rotation.get("HostedRotationLambda").expect("the hosted function");
    assert_eq!(hosted.get("RotationType"), Some(&Expr::from("PostgreSQLSingleUser")));
}

#[test]
fn the_parameter_group_requires_the_platform_tls() {
    let template = synth("production");
    let group = template.resource("DatabaseMainParameterGroup").expect("the group");
    assert_eq!(group.get("Family"), Some(&Expr::from("postgres14")));
    let parameters = group.get("Parameters").expect("parameters");
    assert_eq!(parameters.get("rds.force_ssl"), Some(&Expr::from("1")));
    assert_eq!(parameters.get("ssl_min_protocol_version"), Some(&Expr::from("TLSv1.2")));
    assert_eq!(super::family("9.6.24"), "postgres9.6");
    assert_eq!(super::family("16"), "postgres16");
}

/// The parameters of the database's group on `platform`, in production.
fn parameters(platform: infra_core::model::Platform) -> Expr {
    let platform = platform.validate().expect("a valid design");
    let template = crate::synth(&platform, "production").expect("a known environment");
    let group = template.resource("DatabaseMainParameterGroup").expect("the group");
    group.get("Parameters").expect("parameters").clone()
}

#[test]
fn every_major_with_ssl_min_protocol_version_follows_the_minimum() {
    // A stated TLS 1.1 on PostgreSQL 16.
    let mut platform = reference_network();
    platform.security.minimum_tls = Some(TlsVersion::Tls11);
    platform.database.postgres[0].engine_version = "16".into();
    let found = parameters(platform);
    assert_eq!(found.get("ssl_min_protocol_version"), Some(&Expr::from("TLSv1.1")));
    assert_eq!(super::ssl_protocol(TlsVersion::Tls13), "TLSv1.3");
    assert_eq!(super::ssl_protocol(TlsVersion::Tls10), "TLSv1");
    // Without a stated minimum, TLS 1.2, the documented default.
    let mut platform = reference_network();
    platform.security.minimum_tls = None;
    let found = parameters(platform);
    assert_eq!(found.get("rds.force_ssl"), Some(&Expr::from("1")));
    assert_eq!(found.get("ssl_min_protocol_version"), Some(&Expr::from("TLSv1.2")));
    // PostgreSQL 11 has no `ssl_min_protocol_version` (family `postgres11` would refuse it);
    // it still refuses plaintext clients. A stated TLS 1.2 would be `database-tls-below-minimum`.
    let mut platform = reference_network();
    platform.security.minimum_tls = None;
    platform.database.postgres[0].engine_version = "11.22-rds.20250508".into();
    let found = parameters(platform);
    assert_eq!(found.get("rds.force_ssl"), Some(&Expr::from("1")));
    assert_eq!(found.get("ssl_min_protocol_version"), None);
}

#[test]
fn daily_snapshots_go_to_an_encrypted_vault() {
    let template = synth("production");
    let vault = template.resource("DatabaseMainBackupVault").expect("the vault");
    assert!(vault.get("EncryptionKeyArn").is_some());
    let plan = template.resource("DatabaseMainBackupPlan").expect("the plan");
    let Some(Expr::List(rules)) = plan.get("BackupPlan").and_then(|p| p.get("BackupPlanRule")) else {
        panic!("rules as a list");
    };
    assert_eq!(
        rules[0].get("Lifecycle").and_then(|l| l.get("DeleteAfterDays")),
        Some(&Expr::Int(30))
    );
    // Half a day after the 18:00 UTC backup window.
    assert_eq!(rules[0].get("ScheduleExpression"), Some(&Expr::from("cron(0 6 * * ? *)")));
}

#[test]
fn an_rds_managed_password_has_no_secret_of_the_stack() {
    let mut platform = reference_network();
    let pg = &mut platform.database.postgres[0];
    pg.master_password = MasterPassword::RdsManaged { rotation_days: 7 };
    pg.replicas = Replicas::new(0);
    let platform = platform.validate().expect("a valid design");
    let template = crate::synth(&platform, "production").expect("a known environment");
    let primary = template.resource("DatabaseMain").expect("the primary");
    assert_eq!(primary.get("ManageMasterUserPassword"), Some(&Expr::Bool(true)));
    assert!(template.resource("DatabaseMainSecret").is_none());
    assert!(template.transforms().is_empty());
    // The cache's AUTH token is resolved from its own secret; the database resolves none.
    let primary = serde_json::to_string(primary).expect("a resource serializes");
    assert!(!primary.contains("resolve:secretsmanager"));
}

#[test]
fn no_database_adds_nothing() {
    let mut platform = reference_network();
    platform.database = Databases::new();
    // The monitoring section's alarms watch the database.
    platform.monitoring = infra_core::model::Monitoring::new();
    // The application role connects to the database.
    for role in &mut platform.security.roles {
        role.connect.clear();
    }
    let platform = platform.validate().expect("a valid design");
    let template = crate::synth(&platform, "production").expect("a known environment");
    assert!(template
        .resources()
        .values()
        .all(|r| !r.resource_type().starts_with("AWS::RDS") && !r.resource_type().starts_with("AWS::Backup")));
    assert!(template.transforms().is_empty());
}
