//! The lowering of IAM identities: workload roles with their AWS managed policies, groups with
//! theirs and the policy that requires MFA, and users in their groups without credentials.

use infra_core::model::{path, Group, MasterPassword, Role, User};
use infra_core::rules::{
    UNKNOWN_IAM_GROUP, UNKNOWN_MANAGED_POLICY, UNKNOWN_ROLE_DATABASE, WORKLOAD_FULL_ACCESS,
};
use infra_core::security::tables::managed_policy_path;

use super::logical_id;
use crate::context::State;
use crate::database::logical_id as database_id;
use crate::trust::{service_trust, this_account};
use crate::intrinsic::Expr;
use crate::stack::Stack;
use crate::template::{Resource, Template};

/// The longest IAM user name.
const MAX_USER_NAME: usize = 64;

/// The ARN of an AWS managed policy, with the path the table gives it.
fn managed_policy(name: &str) -> Expr {
    let path = managed_policy_path(name).unwrap_or("/");
    Expr::sub(format!("arn:${{AWS::Partition}}:iam::aws:policy{path}{name}"))
}

/// A role that the workloads of this account (ECS tasks) may assume.
pub(super) fn role(stack: &Stack<'_>, template: &mut Template, role: &Role) {
    let name = role.name.as_str();
    let trust = service_trust(role.trust.principal(), Some(this_account()));
    let mut policies = if role.policies.is_empty() { "no managed policies".to_owned() } else { role.policies.join(", ") };
    let mut resource = Resource::new("AWS::IAM::Role")
        .property("AssumeRolePolicyDocument", trust)
        .property("ManagedPolicyArns", Expr::list(role.policies.iter().map(|p| managed_policy(p))));
    if let Some(grant) = connect_policy(stack, role) {
        resource = resource.property("Policies", Expr::list([grant]));
        let databases: Vec<&str> = role.connect.iter().map(|db| db.as_str()).collect();
        policies = format!("{policies}; reads the credentials of databases {}", databases.join(", "));
    }
    template.add_resource(
        logical_id::role(&role.name),
        resource
            .property("Tags", stack.tags(&format!("role-{name}")))
            .context(
                stack
                    .context(
                        path::role(name),
                        format!("Workload role `{name}`, assumed by {} of this account: {policies}", role.trust.principal()),
                        State::Stateless,
                    )
                    .must([&UNKNOWN_MANAGED_POLICY, &WORKLOAD_FULL_ACCESS, &UNKNOWN_ROLE_DATABASE]),
            ),
    );
}

/// The inline policy that lets `role` read the master secret of each database it connects to,
/// and decrypt it with the database's key through Secrets Manager only; `None` without any.
///
/// Source: Secrets Manager User Guide, auth-and-access_examples.html (GetSecretValue on the
/// secret, and kms:Decrypt on its customer managed key) and security-encryption.html
/// (`kms:ViaService` `secretsmanager.<region>.amazonaws.com`).
fn connect_policy(stack: &Stack<'_>, role: &Role) -> Option<Expr> {
    let databases: Vec<_> = role
        .connect
        .iter()
        .filter_map(|wanted| stack.platform().database.postgres.iter().find(|pg| pg.name == *wanted))
        .collect();
    if databases.is_empty() {
        return None;
    }
    let secrets = databases.iter().map(|pg| match pg.master_password {
        MasterPassword::Secret { .. } => Expr::reference(&database_id::secret(&pg.name)),
        MasterPassword::RdsManaged { .. } => {
            Expr::get_att(&database_id::primary(&pg.name), "MasterUserSecret.SecretArn")
        }
    });
    let keys = databases.iter().map(|pg| crate::database::key_arn(pg));
    let document = Expr::map([
        ("Version", Expr::from("2012-10-17")),
        (
            "Statement",
            Expr::list([
                Expr::map([
                    ("Effect", Expr::from("Allow")),
                    ("Action", Expr::list(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"].map(Expr::from))),
                    ("Resource", Expr::list(secrets)),
                ]),
                Expr::map([
                    ("Effect", Expr::from("Allow")),
                    ("Action", Expr::from("kms:Decrypt")),
                    ("Resource", Expr::list(keys)),
                    (
                        "Condition",
                        Expr::map([(
                            "StringEquals",
                            Expr::map([("kms:ViaService", Expr::sub("secretsmanager.${AWS::Region}.amazonaws.com"))]),
                        )]),
                    ),
                ]),
            ]),
        ),
    ]);
    Some(Expr::map([("PolicyName", Expr::from("connect-databases")), ("PolicyDocument", document)]))
}

/// The policy every group carries: without MFA, a member may do nothing but set up their own
/// MFA device and change their own password.
///
/// Source: IAM User Guide, "AWS: Allows MFA-authenticated IAM users to manage their own MFA
/// device on the Security credentials page"
/// (reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html): the statement
/// `BlockMostAccessUnlessSignedInWithMFA` denies every action but those when
/// `aws:MultiFactorAuthPresent` is false or absent (`BoolIfExists`).
pub(super) fn require_mfa(stack: &Stack<'_>, template: &mut Template, groups: &[Group]) {
    let own_user = "arn:${AWS::Partition}:iam::${AWS::AccountId}:user/${!aws:username}";
    let own_mfa = "arn:${AWS::Partition}:iam::${AWS::AccountId}:mfa/*";
    let statement = |sid: &str, actions: &[&str], resources: Expr| {
        Expr::map([
            ("Sid", Expr::from(sid)),
            ("Effect", Expr::from("Allow")),
            ("Action", Expr::list(actions.iter().map(|a| Expr::from(*a)))),
            ("Resource", resources),
        ])
    };
    let own = || Expr::list([Expr::sub(own_mfa), Expr::sub(own_user)]);
    let document = Expr::map([
        ("Version", Expr::from("2012-10-17")),
        (
            "Statement",
            Expr::list([
                statement("AllowListActions", &["iam:ListUsers", "iam:ListVirtualMFADevices"], Expr::from("*")),
                statement("AllowIndividualUserToListOnlyTheirOwnMFA", &["iam:ListMFADevices"], own()),
                statement(
                    "AllowIndividualUserToManageTheirOwnMFA",
                    &["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice", "iam:EnableMFADevice", "iam:ResyncMFADevice"],
                    own(),
                ),
                statement("AllowIndividualUserToChangeTheirOwnPassword", &["iam:ChangePassword", "iam:GetUser"], Expr::list([Expr::sub(own_user)])),
                Expr::map([
                    ("Sid", Expr::from("AllowIndividualUserToDeactivateOnlyTheirOwnMFAOnlyWhenUsingMFA")),
                    ("Effect", Expr::from("Allow")),
                    ("Action", Expr::list([Expr::from("iam:DeactivateMFADevice")])),
                    ("Resource", own()),
                    ("Condition", Expr::map([("Bool", Expr::map([("aws:MultiFactorAuthPresent", Expr::from("true"))]))])),
                ]),
                Expr::map([
                    ("Sid", Expr::from("BlockMostAccessUnlessSignedInWithMFA")),
                    ("Effect", Expr::from("Deny")),
                    (
                        "NotAction",
                        Expr::list(
                            [
                                "iam:CreateVirtualMFADevice",
                                "iam:EnableMFADevice",
                                "iam:ListMFADevices",
                                "iam:ListUsers",
                                "iam:ListVirtualMFADevices",
                                "iam:ResyncMFADevice",
                                "iam:ChangePassword",
                                "iam:GetUser",
                                "iam:GetAccountPasswordPolicy",
                            ]
                            .map(Expr::from),
                        ),
                    ),
                    ("Resource", Expr::from("*")),
                    (
                        "Condition",
                        Expr::map([("BoolIfExists", Expr::map([("aws:MultiFactorAuthPresent", Expr::from("false"))]))]),
                    ),
                ]),
            ]),
        ),
    ]);
    let names: Vec<&str> = groups.iter().map(|group| group.name.as_str()).collect();
    template.add_resource(
        logical_id::require_mfa(),
        Resource::new("AWS::IAM::ManagedPolicy")
            .property("Description", "Denies everything but setting up one's own MFA device and password until signed in with MFA")
            .property("PolicyDocument", document)
            .context(stack.context(
                path::security(),
                format!("Requires MFA of the members of groups {}: without it they may only set up their own MFA device and change their own password (AWS's documented example policy)", names.join(", ")),
                State::Stateless,
            )),
    );
}

/// A group with its AWS managed policies and the MFA policy.
pub(super) fn group(stack: &Stack<'_>, template: &mut Template, group: &Group) {
    let name = group.name.as_str();
    let policies = group
        .policies
        .iter()
        .map(|p| managed_policy(p))
        .chain([Expr::reference(&logical_id::require_mfa())]);
    let listed = if group.policies.is_empty() { "no AWS managed policy".to_owned() } else { group.policies.join(", ") };
    template.add_resource(
        logical_id::group(&group.name),
        Resource::new("AWS::IAM::Group")
            .property("ManagedPolicyArns", Expr::list(policies))
            .context(
                stack
                    .context(path::group(name), format!("Group `{name}`: {listed}, and MFA required"), State::Stateless)
                    .must([&UNKNOWN_MANAGED_POLICY]),
            ),
    );
}

/// A user in its groups, with no access key and no password: the administrator gives a console
/// password out of band, and the groups' policy then requires MFA. Named
/// `<platform>-<environment>-<user>` when that fits IAM's 64 characters.
pub(super) fn user(stack: &Stack<'_>, template: &mut Template, user: &User) {
    let name = user.name.as_str();
    let groups = user.groups.iter().map(|group| Expr::reference(&logical_id::group(group)));
    let mut resource = Resource::new("AWS::IAM::User").property("Groups", Expr::list(groups));
    let user_name = stack.name(name);
    if user_name.len() <= MAX_USER_NAME {
        resource = resource.property("UserName", user_name.as_str());
    }
    let groups: Vec<&str> = user.groups.iter().map(|group| group.as_str()).collect();
    template.add_resource(
        logical_id::user(&user.name),
        resource.property("Tags", stack.tags(&format!("user-{name}"))).context(
            stack
                .context(
                    path::user(name),
                    format!("User `{name}` in groups {}: no access key and no password in the template", groups.join(", ")),
                    State::Stateless,
                )
                .must([&UNKNOWN_IAM_GROUP]),
        ),
    );
}
