//! What the KMS keys of the stack share: the statements of their key policies, and the ARN of the
//! key an element names (a key of the security section) or of its section's own key.

use infra_core::value::Name;

use crate::intrinsic::Expr;
use crate::logical_id::LogicalId;

/// The key policy statement by which the account administers a key and may grant its use
/// through IAM policies (KMS Developer Guide, "Default key policy": allows access to the AWS
/// account and enables IAM policies).
pub(crate) fn account_administers() -> Expr {
    Expr::map([
        ("Sid", Expr::from("AccountAdministers")),
        ("Effect", Expr::from("Allow")),
        (
            "Principal",
            Expr::map([(
                "AWS",
                Expr::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"),
            )]),
        ),
        ("Action", Expr::from("kms:*")),
        ("Resource", Expr::from("*")),
    ])
}

/// The condition of an IAM statement on a key that allows its use only in calls `service` makes
/// on the principal's behalf in the stack's region (`kms:ViaService`
/// `<service>.<region>.amazonaws.com`; KMS Developer Guide, conditions-kms.html).
pub(crate) fn only_through(service: &str) -> Expr {
    Expr::map([(
        "StringEquals",
        Expr::map([(
            "kms:ViaService",
            Expr::sub(format!("{service}.${{AWS::Region}}.amazonaws.com")),
        )]),
    )])
}

/// The key policy statement by which CloudWatch Logs of the stack's region may use a key for
/// this account's log groups only (CloudWatch Logs User Guide, "Encrypt log data in CloudWatch
/// Logs using AWS Key Management Service": the principal `logs.<region>.amazonaws.com`, with
/// `kms:EncryptionContext:aws:logs:arn` as the condition).
pub(crate) fn logs_may_use() -> Expr {
    Expr::map([
        ("Sid", Expr::from("LogsEncrypt")),
        ("Effect", Expr::from("Allow")),
        (
            "Principal",
            Expr::map([("Service", Expr::sub("logs.${AWS::Region}.amazonaws.com"))]),
        ),
        (
            "Action",
            Expr::list(
                [
                    "kms:Encrypt*",
                    "kms:Decrypt*",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:Describe*",
                ]
                .map(Expr::from),
            ),
        ),
        ("Resource", Expr::from("*")),
        (
            "Condition",
            Expr::map([(
                "ArnLike",
                Expr::map([(
                    "kms:EncryptionContext:aws:logs:arn",
                    Expr::sub(
                        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*",
                    ),
                )]),
            )]),
        ),
    ])
}

/// The key policy statement by which CloudWatch may publish alarm notifications to a topic
/// encrypted with a key (CloudWatch User Guide, "Setting up Amazon SNS notifications": an
/// encrypted topic needs `kms:Decrypt` and `kms:GenerateDataKey*` for `cloudwatch.amazonaws.com`).
pub(crate) fn cloudwatch_publishes() -> Expr {
    Expr::map([
        ("Sid", Expr::from("CloudWatchPublishesAlarms")),
        ("Effect", Expr::from("Allow")),
        (
            "Principal",
            Expr::map([("Service", Expr::from("cloudwatch.amazonaws.com"))]),
        ),
        (
            "Action",
            Expr::list([
                Expr::from("kms:Decrypt"),
                Expr::from("kms:GenerateDataKey*"),
            ]),
        ),
        ("Resource", Expr::from("*")),
    ])
}

/// The ARN of the design's KMS key `name` (`security { kms_key <name> {} }`).
pub(crate) fn design_key_arn(name: &Name) -> Expr {
    Expr::get_att(&crate::security::logical_id::kms_key(name), "Arn")
}

/// The ARN of the key an element names, or of `own`, its section's key, when it names none.
pub(crate) fn key_arn(named: Option<&Name>, own: &LogicalId) -> Expr {
    match named {
        Some(name) => design_key_arn(name),
        None => Expr::get_att(own, "Arn"),
    }
}
