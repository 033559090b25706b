//! The logical ids of the database section's resources.

use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `Database<Name><what>`
fn of(name: &Name, what: &str) -> LogicalId {
    LogicalId::new(["Database", &name.pascal_case(), what])
}

/// `Database<Name>`: the primary.
pub(crate) fn primary(name: &Name) -> LogicalId {
    LogicalId::new(["Database", &name.pascal_case()])
}

/// `Database<Name>Replica<n>`, from 1.
pub(crate) fn replica(name: &Name, number: u32) -> LogicalId {
    of(name, &format!("Replica{number}"))
}

/// `Database<Name>Key`: encrypts the storage, the secret, Performance Insights and the backups.
pub(crate) fn key(name: &Name) -> LogicalId {
    of(name, "Key")
}

/// `Database<Name>SubnetGroup`
pub(crate) fn subnet_group(name: &Name) -> LogicalId {
    of(name, "SubnetGroup")
}

/// `Database<Name>ParameterGroup`
pub(crate) fn parameter_group(name: &Name) -> LogicalId {
    of(name, "ParameterGroup")
}

/// `Database<Name>MonitoringRole`: enhanced monitoring's role.
pub(crate) fn monitoring_role(name: &Name) -> LogicalId {
    of(name, "MonitoringRole")
}

/// `Database<Name>Secret`: the master user and password.
pub(crate) fn secret(name: &Name) -> LogicalId {
    of(name, "Secret")
}

/// `Database<Name>SecretAttachment`: tells the secret its database.
pub(crate) fn secret_attachment(name: &Name) -> LogicalId {
    of(name, "SecretAttachment")
}

/// `Database<Name>PasswordRotation`
pub(crate) fn rotation(name: &Name) -> LogicalId {
    of(name, "PasswordRotation")
}

/// `Database<Name>BackupVault`
pub(crate) fn backup_vault(name: &Name) -> LogicalId {
    of(name, "BackupVault")
}

/// `Database<Name>BackupPlan`
pub(crate) fn backup_plan(name: &Name) -> LogicalId {
    of(name, "BackupPlan")
}

/// `Database<Name>BackupSelection`
pub(crate) fn backup_selection(name: &Name) -> LogicalId {
    of(name, "BackupSelection")
}

/// `Database<Name>BackupRole`
pub(crate) fn backup_role(name: &Name) -> LogicalId {
    of(name, "BackupRole")
}

/// `Database<Name>Endpoint`: the output.
pub(crate) fn endpoint(name: &Name) -> LogicalId {
    of(name, "Endpoint")
}

/// `Database<Name>SecretArn`: the output.
pub(crate) fn secret_output(name: &Name) -> LogicalId {
    of(name, "SecretArn")
}

/// `Database<Name>LogGroup<Log>` for the primary, `Database<Name>Replica<n>LogGroup<Log>` for
/// replica `n`: the log group of an exported log (`postgresql` becomes `Postgresql`,
/// `iam-db-auth-error` `IamDbAuthError`).
pub(crate) fn log_group(name: &Name, replica: Option<u32>, log: &str) -> LogicalId {
    let log: String = log
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    let instance = replica.map(|number| format!("Replica{number}")).unwrap_or_default();
    of(name, &format!("{instance}LogGroup{log}"))
}
