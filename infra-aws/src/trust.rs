//! Trust policies: which AWS service may assume a role the stack creates.

use crate::intrinsic::{Expr, Pseudo};

/// A role's trust policy letting AWS service `principal` (such as `ecs-tasks.amazonaws.com`)
/// assume it, under `condition` when one is given.
///
/// Source: IAM User Guide, "Creating a role to delegate permissions to an AWS service" (the
/// trust policy names the service principal and `sts:AssumeRole`).
pub(crate) fn service_trust(principal: &str, condition: Option<Expr>) -> Expr {
    let mut statement = vec![
        ("Effect", Expr::from("Allow")),
        ("Principal", Expr::map([("Service", Expr::from(principal))])),
        ("Action", Expr::from("sts:AssumeRole")),
    ];
    statement.extend(condition.map(|condition| ("Condition", condition)));
    Expr::map([
        ("Version", Expr::from("2012-10-17")),
        ("Statement", Expr::list([Expr::map(statement)])),
    ])
}

/// The condition that the service acts for this stack's account only, which guards against the
/// confused-deputy problem (IAM User Guide, "The confused deputy problem": `aws:SourceAccount`).
pub(crate) fn this_account() -> Expr {
    Expr::map([(
        "StringEquals",
        Expr::map([("aws:SourceAccount", Expr::pseudo(Pseudo::AccountId))]),
    )])
}
