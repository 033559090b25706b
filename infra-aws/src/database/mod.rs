//! The lowering of the database section: for each PostgreSQL instance, a KMS key of its own
//! (rotated), its DB subnet group in its tier, a parameter group that requires TLS, the primary
//! and its read replicas (encrypted, IAM authentication, enhanced monitoring, Performance
//! Insights, CloudWatch log exports, deletion protection), the master password (see
//! [`password`]), the daily snapshots in AWS Backup (see [`backup`]) and the endpoint as an output.
//!
//! The primary keeps a final snapshot when CloudFormation deletes or replaces it
//! (`DeletionPolicy` and `UpdateReplacePolicy: Snapshot`) in every environment, production
//! included; a replica holds nothing of its own and is deleted.

mod backup;
pub(crate) mod logical_id;
mod password;

use infra_core::database::tables::Version;
use infra_core::model::{path, Databases, Postgres, TlsVersion};
use infra_core::rules::{
    DATABASE_SINGLE_AZ, DATABASE_SINGLE_ZONE, DEPRECATED_ENGINE_VERSION, INVALID_BACKUP_RETENTION,
    INVALID_DATABASE_STORAGE, INVALID_ENGINE_VERSION, INVALID_INSTANCE_CLASS, INVALID_LOG_EXPORT,
    INVALID_WINDOW, OVERLAPPING_WINDOWS, REPLICAS_WITHOUT_BACKUPS, REPLICA_ENCRYPTION_INHERITED, TOO_MANY_READ_REPLICAS,
    UNKNOWN_ENGINE_VERSION, UNKNOWN_INSTANCE_CLASS, UNKNOWN_SECURITY_GROUP, UNKNOWN_TIER,
    db_instance_identifier, DB_INSTANCE_IDENTIFIER_TOO_LONG, INVALID_LOG_RETENTION, UNKNOWN_KMS_KEY,
};

use crate::context::State;
use crate::trust::{service_trust, this_account};
use crate::kms::{account_administers, design_key_arn, key_arn as key_arn_of};
use crate::intrinsic::{Expr, Pseudo};
use crate::network::logical_id as network_id;
use crate::stack::Stack;
use crate::template::{Output, Policy, Resource, Section, Template};

/// The AWS managed policy that lets RDS publish enhanced monitoring metrics.
const MONITORING_POLICY: &str =
    "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";

/// Seconds between enhanced monitoring samples.
const MONITORING_INTERVAL: i64 = 60;

impl<'a> Stack<'a> {
    /// The platform's database section.
    pub(crate) fn databases(&self) -> &'a Databases {
        &self.platform().database
    }
}

/// Adds the databases of `stack`'s platform to `template`, and says what it added; a design
/// without databases adds nothing.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let databases = &stack.databases().postgres;
    if databases.is_empty() {
        return;
    }
    for pg in databases {
        if pg.kms_key.is_none() {
            key(stack, template, pg);
        }
        log_groups(stack, template, pg);
        subnet_group(stack, template, pg);
        parameter_group(stack, template, pg);
        monitoring_role(stack, template, pg);
        password::lower(stack, template, pg);
        primary(stack, template, pg);
        for number in 1..=*stack.value(&pg.replicas.count) {
            replica(stack, template, pg, number);
        }
        backup::lower(stack, template, pg);
    }
    let summary = match databases.len() {
        1 => "the database (1 PostgreSQL instance)".to_owned(),
        n => format!("the databases ({n} PostgreSQL instances)"),
    };
    let shapes: Vec<String> = databases
        .iter()
        .map(|pg| {
            let replicas = *stack.value(&pg.replicas.count);
            format!(
                "`{}` (PostgreSQL {} on {}, {}, {} GiB of gp3 in the {} tier, {} read replica{}, backups kept {} days{})",
                pg.name,
                pg.engine_version,
                stack.value(&pg.instance_class),
                if *stack.value(&pg.multi_az) { "multi-AZ" } else { "single-AZ" },
                pg.storage.size_gib,
                pg.tier,
                replicas,
                if replicas == 1 { "" } else { "s" },
                pg.backup.retention_days,
                pg.snapshots
                    .map(|s| format!(", daily snapshots kept {} days", s.keep_days))
                    .unwrap_or_default()
            )
        })
        .collect();
    template.add_section(Section {
        summary,
        arch: format!(
            "Database: {}; clients connect over TLS, with the master password from Secrets Manager.",
            shapes.join(", ")
        ),
    });
}

/// The parameter group family of an engine version: `postgres14`, or `postgres9.6`.
fn family(version: &str) -> String {
    let mut parts = version.split(['.', '-']);
    let major = parts.next().unwrap_or_default();
    match (major.parse::<u32>(), parts.next()) {
        (Ok(number), Some(second)) if number < 10 => format!("postgres{major}.{second}"),
        _ => format!("postgres{major}"),
    }
}

/// PostgreSQL's name of a TLS version, for `ssl_min_protocol_version`.
fn ssl_protocol(version: TlsVersion) -> &'static str {
    match version {
        TlsVersion::Tls10 => "TLSv1",
        TlsVersion::Tls11 => "TLSv1.1",
        TlsVersion::Tls12 => "TLSv1.2",
        TlsVersion::Tls13 => "TLSv1.3",
    }
}

/// The ARN of the key of `pg`: the design's key it names, or its own.
pub(crate) fn key_arn(pg: &Postgres) -> Expr {
    key_arn_of(pg.kms_key.as_ref(), &logical_id::key(&pg.name))
}

/// The key of the database, when it names none of the design's: the account administers it; RDS, Secrets Manager and AWS Backup
/// use it through the grants of the principals that call them.
fn key(stack: &Stack<'_>, template: &mut Template, pg: &Postgres) {
    let name = pg.name.as_str();
    let administer = account_administers();
    template.add_resource(
        logical_id::key(&pg.name),
        Resource::new("AWS::KMS::Key")
            .property(
                "Description",
                format!("Encrypts database `{name}`: its storage, replicas, master secret, Performance Insights and backups"),
            )
            .property("EnableKeyRotation", true)
            .property(
                "KeyPolicy",
                Expr::map([
                    ("Version", Expr::from("2012-10-17")),
                    ("Statement", Expr::list([administer])),
                ]),
            )
            .property("Tags", stack.tags(&format!("db-{name}-key")))
            .keep_on(Policy::Retain)
            .context(stack.context(
                path::postgres(name),
                format!("Encrypts database `{name}` at rest (storage, replicas, secret, Performance Insights, backups), rotated yearly; retained, since snapshots and backups stay readable only with it"),
                State::Stateful,
            )),
    );
}

/// The identifier of the primary (`None`) or of replica `n`, when the stack names its instances
/// because it creates their log groups; RDS generates one otherwise.
fn identifier(stack: &Stack<'_>, pg: &Postgres, replica: Option<u32>) -> Option<String> {
    pg.owns_log_groups().then(|| {
        db_instance_identifier(stack.platform().name.as_str(), stack.environment().name.as_str(), pg.name.as_str(), replica)
    })
}

/// The instances of `pg` in the environment: the primary (`None`) and each replica.
fn instances(stack: &Stack<'_>, pg: &Postgres) -> Vec<Option<u32>> {
    std::iter::once(None).chain((1..=*stack.value(&pg.replicas.count)).map(Some)).collect()
}

/// The log groups RDS writes the exported logs of each instance to,
/// `/aws/rds/instance/<identifier>/<log>` (RDS User Guide, "Publishing database logs to
/// Amazon CloudWatch Logs"), made by the stack so that they keep the design's retention and are
/// encrypted with its key; retained, like every log group of the stack.
///
/// The stack then names the instances (`DBInstanceIdentifier`), which is the trade-off: an update
/// that replaces a named instance (a new KMS key, for instance) fails, since CloudFormation cannot
/// create the replacement under the same name; the instance must be renamed or the change made
/// in two steps.
fn log_groups(stack: &Stack<'_>, template: &mut Template, pg: &Postgres) {
    if !pg.owns_log_groups() {
        return;
    }
    let name = pg.name.as_str();
    for replica in instances(stack, pg) {
        let Some(identifier) = identifier(stack, pg, replica) else {
            continue;
        };
        for log in &pg.log_exports {
            let mut resource = Resource::new("AWS::Logs::LogGroup")
                .property("LogGroupName", format!("/aws/rds/instance/{identifier}/{log}"));
            if let Some(retention) = pg.log_retention {
                resource = resource.property("RetentionInDays", retention.days());
            }
            let encrypted = match &pg.log_kms_key {
                Some(key) => {
                    resource = resource.property("KmsKeyId", design_key_arn(key));
                    format!(", encrypted with KMS key `{key}`")
                }
                None => String::new(),
            };
            let kept = match pg.log_retention {
                Some(retention) => format!("for {} days", retention.days()),
                None => "forever".to_owned(),
            };
            template.add_resource(
                logical_id::log_group(&pg.name, replica, log),
                resource
                    .property("Tags", stack.tags(&format!("db-{name}-logs")))
                    .keep_on(Policy::Retain)
                    .context(
                        stack
                            .context(
                                path::postgres_log_retention(name),
                                format!("Keeps the `{log}` log of database `{name}`'s instance `{identifier}` {kept}{encrypted}; made before the instance, which RDS then writes to; retained when the stack deletes it"),
                                State::Stateful,
                            )
                            .must([&INVALID_LOG_EXPORT, &INVALID_LOG_RETENTION, &UNKNOWN_KMS_KEY, &DB_INSTANCE_IDENTIFIER_TOO_LONG]),
                    ),
            );
        }
    }
}

/// Names the instance and makes it wait for its log groups, when the stack creates them.
fn with_log_groups(stack: &Stack<'_>, pg: &Postgres, replica: Option<u32>, mut resource: Resource) -> Resource {
    if let Some(identifier) = identifier(stack, pg, replica) {
        resource = resource.property("DBInstanceIdentifier", identifier);
        for log in &pg.log_exports {
            resource = resource.depends_on(logical_id::log_group(&pg.name, replica, log));
        }
    }
    resource
}

fn subnet_group(stack: &Stack<'_>, template: &mut Template, pg: &Postgres) {
    let name = pg.name.as_str();
    let subnets = stack.subnet_ids(pg.tier.as_str());
    template.add_resource(
        logical_id::subnet_group(&pg.name),
        Resource::new("AWS::RDS::DBSubnetGroup")
            .property(
                "DBSubnetGroupDescription",
                format!("Database `{name}`: the {} tier's subnets", pg.tier),
            )
            .property("SubnetIds", Expr::list(subnets))
            .property("Tags", stack.tags(&format!("db-{name}")))
            .context(
                stack
                    .context(
                        path::postgres_tier(name),
                        format!("Database `{name}`'s DB subnet group: the {} tier's subnets, in every zone of the environment", pg.tier),
                        State::Stateless,
                    )
                    .must([&UNKNOWN_TIER, &DATABASE_SINGLE_ZONE]),
            ),
    );
}

/// `rds.force_ssl` turns away clients without TLS; `ssl_min_protocol_version` follows the
/// platform's minimum TLS version (TLS 1.2 unless the design states one) on PostgreSQL 12 and
/// later, the versions that have it (`database-tls-below-minimum` rejects PostgreSQL 11 under a
/// stated minimum it cannot hold).
fn parameter_group(stack: &Stack<'_>, template: &mut Template, pg: &Postgres) {
    let name = pg.name.as_str();
    let mut parameters = vec![("rds.force_ssl", Expr::from("1"))];
    let version = stack.platform().security.effective_minimum_tls();
    let tls = if Version::parse(&pg.engine_version).is_none_or(|v| v.has_ssl_min_protocol_version()) {
        parameters.push(("ssl_min_protocol_version", Expr::from(ssl_protocol(version))));
        format!("TLS {} or later", version.as_str())
    } else {
        "TLS".to_owned()
    };
    template.add_resource(
        logical_id::parameter_group(&pg.name),
        Resource::new("AWS::RDS::DBParameterGroup")
            .property("Family", family(&pg.engine_version))
            .property(
                "Description",
                format!("Database `{name}`: clients connect with {tls} only"),
            )
            .property("Parameters", Expr::map(parameters))
            .property("Tags", stack.tags(&format!("db-{name}")))
            .context(
                stack
                    .context(
                        path::postgres_engine_version(name),
                        format!("Database `{name}`'s parameters: every connection uses {tls} (the platform's encryption in transit)"),
                        State::Stateless,
                    )
                    .must([&INVALID_ENGINE_VERSION, &DEPRECATED_ENGINE_VERSION, &UNKNOWN_ENGINE_VERSION]),
            ),
    );
}

fn monitoring_role(stack: &Stack<'_>, template: &mut Template, pg: &Postgres) {
    let name = pg.name.as_str();
    let trust = service_trust("monitoring.rds.amazonaws.com", Some(this_account()));
    template.add_resource(
        logical_id::monitoring_role(&pg.name),
        Resource::new("AWS::IAM::Role")
            .property("AssumeRolePolicyDocument", trust)
            .property("ManagedPolicyArns", Expr::list([Expr::sub(MONITORING_POLICY)]))
            .property("Tags", stack.tags(&format!("db-{name}-monitoring")))
            .context(stack.context(
                path::postgres(name),
                format!("Lets RDS publish database `{name}`'s enhanced monitoring metrics (AmazonRDSEnhancedMonitoringRole)"),
                State::Stateless,
            )),
    );
}

/// The properties the primary and its replicas share: class, storage, network, parameters,
/// logs, monitoring, IAM authentication and deletion protection.
fn common(stack: &Stack<'_>, pg: &Postgres, class: &str) -> Vec<(&'static str, Expr)> {
    let groups = pg
        .security_groups
        .iter()
        .map(|group| Expr::get_att(&network_id::security_group(group), "GroupId"));
    vec![
        ("DBInstanceClass", Expr::from(class)),
        ("MultiAZ", Expr::Bool(*stack.value(&pg.multi_az))),
        ("VPCSecurityGroups", Expr::list(groups)),
        ("DBParameterGroupName", Expr::reference(&logical_id::parameter_group(&pg.name))),
        ("PubliclyAccessible", Expr::Bool(false)),
        ("EnableIAMDatabaseAuthentication", Expr::Bool(true)),
        ("EnablePerformanceInsights", Expr::Bool(true)),
        ("PerformanceInsightsKMSKeyId", key_arn(pg)),
        ("PerformanceInsightsRetentionPeriod", Expr::Int(7)),
        ("MonitoringInterval", Expr::Int(MONITORING_INTERVAL)),
        ("MonitoringRoleArn", Expr::get_att(&logical_id::monitoring_role(&pg.name), "Arn")),
        (
            "EnableCloudwatchLogsExports",
            Expr::list(pg.log_exports.iter().map(|log| Expr::from(log.as_str()))),
        ),
        ("AutoMinorVersionUpgrade", Expr::Bool(true)),
        ("CopyTagsToSnapshot", Expr::Bool(true)),
        ("DeletionProtection", Expr::Bool(true)),
    ]
}

/// The storage properties: gp3, its size and any provisioned performance.
fn storage(storage: &infra_core::model::Storage) -> Vec<(&'static str, Expr)> {
    let mut properties = vec![
        ("StorageType", Expr::from("gp3")),
        ("AllocatedStorage", Expr::from(storage.size_gib.to_string())),
    ];
    if let Some(iops) = storage.iops {
        properties.push(("Iops", Expr::Int(i64::from(iops))));
    }
    if let Some(throughput) = storage.throughput {
        properties.push(("StorageThroughput", Expr::Int(i64::from(throughput))));
    }
    properties
}

fn primary(stack: &Stack<'_>, template: &mut Template, pg: &Postgres) {
    let name = pg.name.as_str();
    let id = logical_id::primary(&pg.name);
    let class = stack.value(&pg.instance_class);
    let resource = Resource::new("AWS::RDS::DBInstance")
        .property("Engine", "postgres")
        .property("EngineVersion", pg.engine_version.as_str())
        .with(common(stack, pg, class))
        .with(storage(&pg.storage))
        .property("StorageEncrypted", true)
        .property("KmsKeyId", key_arn(pg))
        .property("DBSubnetGroupName", Expr::reference(&logical_id::subnet_group(&pg.name)))
        .property("Port", "5432")
        .property("BackupRetentionPeriod", Expr::Int(i64::from(pg.backup.retention_days)))
        .property("PreferredBackupWindow", pg.backup.window.as_str())
        .property("PreferredMaintenanceWindow", pg.maintenance_window.as_str())
        .with(password::credentials(pg))
        .property("Tags", stack.tags(&format!("db-{name}")))
        .keep_on(Policy::Snapshot);
    let resource = with_log_groups(stack, pg, None, resource);
    template.add_resource(
        id.clone(),
        resource.context(
            stack
                .context(
                    path::postgres(name),
                    format!(
                        "Database `{name}`: PostgreSQL {} on {class}, {} GiB of gp3, encrypted with its own key; a final snapshot when deleted or replaced",
                        pg.engine_version, pg.storage.size_gib
                    ),
                    State::Stateful,
                )
                .must([
                    &INVALID_ENGINE_VERSION,
                    &DEPRECATED_ENGINE_VERSION,
                    &UNKNOWN_ENGINE_VERSION,
                    &INVALID_INSTANCE_CLASS,
                    &UNKNOWN_INSTANCE_CLASS,
                    &INVALID_DATABASE_STORAGE,
                    &INVALID_BACKUP_RETENTION,
                    &REPLICAS_WITHOUT_BACKUPS,
                    &INVALID_WINDOW,
                    &OVERLAPPING_WINDOWS,
                    &INVALID_LOG_EXPORT,
                    &UNKNOWN_SECURITY_GROUP,
                    &DATABASE_SINGLE_AZ,
                ]),
        ),
    );
    let export = |what: &crate::logical_id::LogicalId| {
        Expr::sub(format!("${{{}}}-{}", Pseudo::StackName.name(), what))
    };
    let endpoint = logical_id::endpoint(&pg.name);
    template.add_output(
        endpoint.clone(),
        Output::exported(
            format!("The address of database `{name}`'s primary (PostgreSQL on port 5432, TLS required)"),
            Expr::get_att(&id, "Endpoint.Address"),
            export(&endpoint),
        ),
    );
}

fn replica(stack: &Stack<'_>, template: &mut Template, pg: &Postgres, number: u32) {
    let name = pg.name.as_str();
    let class = pg.replica_class(stack.environment().name.as_str());
    let resource = Resource::new("AWS::RDS::DBInstance")
        .property("SourceDBInstanceIdentifier", Expr::reference(&logical_id::primary(&pg.name)))
        .with(common(stack, pg, class))
        .with(storage(pg.replica_storage()))
        .property("Tags", stack.tags(&format!("db-{name}-replica-{number}")))
        .keep_on(Policy::Delete);
    template.add_resource(
        logical_id::replica(&pg.name, number),
        with_log_groups(stack, pg, Some(number), resource)
            .context(
                stack
                    .context(
                        path::postgres_replicas(name),
                        format!("Read replica {number} of database `{name}` on {class}: encrypted like its source, with its key; holds no data of its own, so it is deleted with the stack (turn its deletion protection off first)"),
                        State::Stateless,
                    )
                    .must([
                        &TOO_MANY_READ_REPLICAS,
                        &REPLICAS_WITHOUT_BACKUPS,
                        &INVALID_INSTANCE_CLASS,
                        &UNKNOWN_INSTANCE_CLASS,
                        &INVALID_DATABASE_STORAGE,
                        &REPLICA_ENCRYPTION_INHERITED,
                    ]),
            ),
    );
}

#[cfg(test)]
mod tests;
