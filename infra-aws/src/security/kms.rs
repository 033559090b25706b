//! The lowering of the design's KMS keys: each a symmetric key, rotated, with the alias
//! `alias/<platform>-<environment>-<name>` and a key policy made from what names it: the account
//! administers it (its IAM policies grant its use to the roles of the stack), CloudWatch Logs may
//! use it when a log group names it, CloudWatch may publish with it when an alert topic names it.
//!
//! A key that encrypts stored data (a database, a cache, a bucket, a queue, a log group) is
//! retained when the stack deletes or replaces it, since that data stays readable only with it; a
//! key of alert topics only (notifications in flight) or of nothing is deleted, after its
//! deletion window.

use infra_core::model::{key_references, path, KeyUse, KmsKey};
use infra_core::rules::{INVALID_KMS_KEY_PERIOD, UNKNOWN_KMS_KEY, UNUSED_KMS_KEY};

use super::logical_id;
use crate::context::State;
use crate::intrinsic::Expr;
use crate::kms::{account_administers, cloudwatch_publishes, logs_may_use};
use crate::stack::Stack;
use crate::template::{Policy, Resource, Template};

/// Adds the key and its alias.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template, key: &KmsKey) {
    let name = key.name.as_str();
    let references = key_references(stack.platform());
    let uses: Vec<_> = references.iter().filter(|reference| reference.key == &key.name).collect();
    let used_by = |usage: KeyUse| uses.iter().any(|reference| reference.usage == usage);
    let mut statements = vec![account_administers()];
    let mut services = Vec::new();
    if used_by(KeyUse::LogGroup) {
        statements.push(logs_may_use());
        services.push("CloudWatch Logs may use it for this account's log groups");
    }
    if used_by(KeyUse::AlarmTopic) {
        statements.push(cloudwatch_publishes());
        services.push("CloudWatch may publish alarm notifications with it");
    }
    let keeps_data = uses.iter().any(|reference| reference.usage != KeyUse::AlarmTopic);
    let elements: Vec<&str> = uses.iter().map(|reference| reference.what.as_str()).collect();
    let rotation = key.rotation_period_days.unwrap_or(365);
    let id = logical_id::kms_key(&key.name);
    let mut resource = Resource::new("AWS::KMS::Key")
        .property("Description", format!("Key `{name}` of the design: encrypts {}", if elements.is_empty() { "nothing yet".to_owned() } else { elements.join(", ") }))
        .property("EnableKeyRotation", true);
    if let Some(days) = key.rotation_period_days {
        resource = resource.property("RotationPeriodInDays", Expr::Int(i64::try_from(days).unwrap_or(i64::MAX)));
    }
    if let Some(days) = key.deletion_window_days {
        resource = resource.property("PendingWindowInDays", Expr::Int(i64::try_from(days).unwrap_or(i64::MAX)));
    }
    let services = if services.is_empty() {
        String::new()
    } else {
        format!("; {}", services.join("; "))
    };
    template.add_resource(
        id.clone(),
        resource
            .property(
                "KeyPolicy",
                Expr::map([("Version", Expr::from("2012-10-17")), ("Statement", Expr::list(statements))]),
            )
            .property("Tags", stack.tags(&format!("key-{name}")))
            .keep_on(if keeps_data { Policy::Retain } else { Policy::Delete })
            .context(
                stack
                    .context(
                        path::kms_key(name),
                        format!(
                            "KMS key `{name}`, rotated every {rotation} days; the account administers it and its IAM policies grant its use{services}; {}",
                            if keeps_data {
                                "retained, since what it encrypted stays readable only with it".to_owned()
                            } else {
                                format!("deleted with the stack after {} days, since it protects no stored data", key.deletion_window_days.unwrap_or(30))
                            }
                        ),
                        if keeps_data { State::Stateful } else { State::Stateless },
                    )
                    .must([&INVALID_KMS_KEY_PERIOD, &UNKNOWN_KMS_KEY, &UNUSED_KMS_KEY]),
            ),
    );
    let alias = format!("alias/{}", stack.name(name));
    template.add_resource(
        logical_id::kms_alias(&key.name),
        Resource::new("AWS::KMS::Alias")
            .property("AliasName", alias.as_str())
            .property("TargetKeyId", Expr::reference(&id))
            .context(stack.context(
                path::kms_key(name),
                format!("Names KMS key `{name}` `{alias}` in the account"),
                State::Stateless,
            )),
    );
}
