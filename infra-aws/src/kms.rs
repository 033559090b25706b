//! What the KMS keys the sections create share.

use crate::intrinsic::Expr;

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
