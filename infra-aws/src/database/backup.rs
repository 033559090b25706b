//! Daily snapshots in AWS Backup: a vault encrypted with the database's key, a plan with one
//! daily rule that keeps each snapshot the design's number of days, and a selection of the
//! primary, with the role AWS Backup takes them with.

use infra_core::model::{path, Postgres};
use infra_core::rules::INVALID_BACKUP_RETENTION;

use super::logical_id;
use crate::context::State;
use crate::trust::{service_trust, this_account};
use crate::intrinsic::Expr;
use crate::stack::Stack;
use crate::template::{Policy, Resource, Template};

/// The AWS managed policy that lets AWS Backup snapshot the selected resources.
const BACKUP_POLICY: &str =
    "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup";

/// The hour (UTC) of the daily snapshot: half a day after the automated backup window opens,
/// so AWS Backup never starts while RDS takes its own backup.
fn snapshot_hour(pg: &Postgres) -> u32 {
    let start = pg
        .backup
        .window
        .split(':')
        .next()
        .and_then(|hour| hour.parse::<u32>().ok())
        .unwrap_or(0);
    (start + 12) % 24
}

pub(super) fn lower(stack: &Stack<'_>, template: &mut Template, pg: &Postgres) {
    let Some(snapshots) = pg.snapshots else {
        return;
    };
    let name = pg.name.as_str();
    let keep = snapshots.keep_days;
    let vault = logical_id::backup_vault(&pg.name);
    let at = path::postgres_snapshots(name);
    template.add_resource(
        vault.clone(),
        Resource::new("AWS::Backup::BackupVault")
            .property("BackupVaultName", stack.name(&format!("db-{name}")))
            .property("EncryptionKeyArn", super::key_arn(pg))
            .property(
                "BackupVaultTags",
                Expr::map([
                    ("Name", Expr::from(stack.name(&format!("db-{name}")))),
                    ("Environment", Expr::from(stack.environment().name.as_str())),
                    ("Platform", Expr::from(stack.platform().name.as_str())),
                ]),
            )
            .keep_on(Policy::Retain)
            .context(stack.context(
                at.clone(),
                format!("Holds database `{name}`'s daily snapshots, encrypted with its key; retained with its recovery points"),
                State::Stateful,
            )),
    );
    let role = logical_id::backup_role(&pg.name);
    let trust = service_trust("backup.amazonaws.com", Some(this_account()));
    template.add_resource(
        role.clone(),
        Resource::new("AWS::IAM::Role")
            .property("AssumeRolePolicyDocument", trust)
            .property("ManagedPolicyArns", Expr::list([Expr::sub(BACKUP_POLICY)]))
            .property("Tags", stack.tags(&format!("db-{name}-backup")))
            .context(stack.context(
                at.clone(),
                format!("Lets AWS Backup snapshot database `{name}` (AWSBackupServiceRolePolicyForBackup)"),
                State::Stateless,
            )),
    );
    let plan = logical_id::backup_plan(&pg.name);
    let hour = snapshot_hour(pg);
    template.add_resource(
        plan.clone(),
        Resource::new("AWS::Backup::BackupPlan")
            .property(
                "BackupPlan",
                Expr::map([
                    ("BackupPlanName", Expr::from(stack.name(&format!("db-{name}")))),
                    (
                        "BackupPlanRule",
                        Expr::list([Expr::map([
                            ("RuleName", Expr::from("daily")),
                            ("TargetBackupVault", Expr::reference(&vault)),
                            ("ScheduleExpression", Expr::from(format!("cron(0 {hour} * * ? *)"))),
                            ("StartWindowMinutes", Expr::Int(60)),
                            ("CompletionWindowMinutes", Expr::Int(240)),
                            ("Lifecycle", Expr::map([("DeleteAfterDays", Expr::Int(i64::from(keep)))])),
                        ])]),
                    ),
                ]),
            )
            .property(
                "BackupPlanTags",
                Expr::map([
                    ("Name", Expr::from(stack.name(&format!("db-{name}")))),
                    ("Environment", Expr::from(stack.environment().name.as_str())),
                    ("Platform", Expr::from(stack.platform().name.as_str())),
                ]),
            )
            .context(
                stack
                    .context(
                        at.clone(),
                        format!("Snapshots database `{name}` daily at {hour:02}:00 UTC, away from its backup window, and keeps each snapshot {keep} days"),
                        State::Stateless,
                    )
                    .must([&INVALID_BACKUP_RETENTION]),
            ),
    );
    template.add_resource(
        logical_id::backup_selection(&pg.name),
        Resource::new("AWS::Backup::BackupSelection")
            .property("BackupPlanId", Expr::reference(&plan))
            .property(
                "BackupSelection",
                Expr::map([
                    ("SelectionName", Expr::from(stack.name(&format!("db-{name}")))),
                    ("IamRoleArn", Expr::get_att(&role, "Arn")),
                    (
                        "Resources",
                        Expr::list([Expr::get_att(&logical_id::primary(&pg.name), "DBInstanceArn")]),
                    ),
                ]),
            )
            .context(stack.context(
                at,
                format!("Puts database `{name}`'s primary in its daily snapshot plan"),
                State::Stateless,
            )),
    );
}
