//! The lowering of IAM identities: workload roles with their AWS managed policies, groups with
//! theirs and the policy that requires MFA, and users in their groups without credentials.

use infra_core::model::{path, Bucket, Group, MasterPassword, Role, User};
use infra_core::rules::{
    UNKNOWN_IAM_GROUP, UNKNOWN_MANAGED_POLICY, UNKNOWN_ROLE_BUCKET, UNKNOWN_ROLE_DATABASE,
    WORKLOAD_FULL_ACCESS,
};
use infra_core::value::Name;
use infra_core::security::tables::managed_policy_path;

use super::logical_id;
use crate::context::State;
use crate::database::logical_id as database_id;
use crate::storage::logical_id as storage_id;
use crate::storage::{bucket_key, BucketKey};
use crate::trust::{service_trust, this_account};
use crate::intrinsic::Expr;
use crate::stack::Stack;
use crate::template::{Output, Resource, Template};

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
    let services: Vec<String> = stack
        .platform()
        .compute
        .services
        .iter()
        .filter(|service| service.role.as_ref() == Some(&role.name))
        .map(|service| format!("`{}`", service.name))
        .collect();
    let assumed = match services.len() {
        0 => String::new(),
        1 => format!(" (the task role of service {})", services[0]),
        _ => format!(" (the task role of services {})", services.join(", ")),
    };
    let mut policies = if role.policies.is_empty() { "no managed policies".to_owned() } else { role.policies.join(", ") };
    let mut resource = Resource::new("AWS::IAM::Role").property("AssumeRolePolicyDocument", trust);
    if !role.policies.is_empty() {
        resource = resource.property("ManagedPolicyArns", Expr::list(role.policies.iter().map(|p| managed_policy(p))));
    }
    let mut inline = Vec::new();
    if let Some(grant) = connect_policy(stack, role) {
        inline.push(grant);
        let databases: Vec<&str> = role.connect.iter().map(|db| db.as_str()).collect();
        policies = format!("{policies}; reads the credentials of databases {}", databases.join(", "));
    }
    if let Some(grant) = bucket_policy(stack, role) {
        inline.push(grant);
        let listed = |names: &[Name]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        if !role.read.is_empty() {
            policies = format!("{policies}; reads buckets {}", listed(&role.read));
        }
        if !role.write.is_empty() {
            policies = format!("{policies}; writes buckets {}", listed(&role.write));
        }
    }
    if !inline.is_empty() {
        resource = resource.property("Policies", Expr::list(inline));
    }
    template.add_resource(
        logical_id::role(&role.name),
        resource
            .property("Tags", stack.tags(&format!("role-{name}")))
            .context(
                stack
                    .context(
                        path::role(name),
                        format!("Workload role `{name}`, assumed by {} of this account{assumed}: {policies}", role.trust.principal()),
                        State::Stateless,
                    )
                    .must([&UNKNOWN_MANAGED_POLICY, &WORKLOAD_FULL_ACCESS, &UNKNOWN_ROLE_DATABASE, &UNKNOWN_ROLE_BUCKET]),
            ),
    );
    template.add_output(
        logical_id::role_arn(&role.name),
        Output::exported(
            format!(
                "The ARN of workload role `{name}`{assumed}, for the batch jobs and ECS tasks submitted outside this stack to name as their task role (the stack defines no job definitions)"
            ),
            Expr::get_att(&logical_id::role(&role.name), "Arn"),
            Expr::sub(format!("${{AWS::StackName}}-{}", logical_id::role_arn(&role.name))),
        ),
    );
}

/// The S3 actions on a bucket's objects that `read` grants: get each object, and each of its
/// versions when the bucket keeps them.
fn read_actions(bucket: &Bucket) -> Vec<&'static str> {
    if bucket.versioning {
        vec!["s3:GetObject", "s3:GetObjectVersion"]
    } else {
        vec!["s3:GetObject"]
    }
}

/// The S3 actions on a bucket's objects that `write` grants: put objects (which covers creating,
/// uploading parts of and completing multipart uploads), and abort a multipart upload the
/// writer gives up, so that its parts stop being billed before the bucket's lifecycle cleans
/// them. No delete: a writer replaces an object by putting it again.
const WRITE_ACTIONS: [&str; 2] = ["s3:PutObject", "s3:AbortMultipartUpload"];

/// The inline policy that lets `role` list and read the objects of the buckets it reads and put
/// objects into those it writes, each by its ARN, with the KMS actions on the key of a bucket
/// that names one; `None` without any bucket.
///
/// Source: Service Authorization Reference, "Actions, resources, and condition keys for Amazon
/// S3" (s3:GetObject, s3:GetObjectVersion, s3:PutObject and s3:AbortMultipartUpload on the
/// `object` resource, s3:ListBucket on the `bucket` resource); S3 User Guide,
/// UsingKMSEncryption.html and mpuoverview.html ("Multipart upload API and permissions": reading
/// an SSE-KMS object needs kms:Decrypt, writing one kms:GenerateDataKey, and a multipart upload
/// kms:Decrypt too).
fn bucket_policy(stack: &Stack<'_>, role: &Role) -> Option<Expr> {
    let storage = &stack.platform().storage;
    let mut names: Vec<&Name> = Vec::new();
    for name in role.read.iter().chain(&role.write) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut statements = Vec::new();
    for bucket in names.iter().filter_map(|name| storage.find_bucket(name.as_str())) {
        let reads = role.read.contains(&bucket.name);
        let writes = role.write.contains(&bucket.name);
        let pascal = bucket.name.pascal_case();
        let id = storage_id::bucket(&bucket.name);
        let objects = Expr::sub(format!("${{{id}.Arn}}/*"));
        let statement = |sid: String, actions: &[&str], resource: Expr| {
            Expr::map([
                ("Sid", Expr::from(sid)),
                ("Effect", Expr::from("Allow")),
                ("Action", Expr::list(actions.iter().map(|a| Expr::from(*a)))),
                ("Resource", resource),
            ])
        };
        if reads {
            statements.push(statement(format!("List{pascal}"), &["s3:ListBucket"], Expr::get_att(&id, "Arn")));
            statements.push(statement(format!("Read{pascal}"), &read_actions(bucket), objects.clone()));
        }
        if writes {
            statements.push(statement(format!("Write{pascal}"), &WRITE_ACTIONS, objects));
        }
        if let BucketKey::Named(key) = bucket_key(bucket) {
            let actions: &[&str] = if writes { &["kms:Decrypt", "kms:GenerateDataKey"] } else { &["kms:Decrypt"] };
            statements.push(key_statement(format!("Key{pascal}"), key, actions));
        }
    }
    if statements.is_empty() {
        return None;
    }
    let document = Expr::map([("Version", Expr::from("2012-10-17")), ("Statement", Expr::list(statements))]);
    Some(Expr::map([("PolicyName", Expr::from("buckets")), ("PolicyDocument", document)]))
}

/// A statement allowing `actions` on the design's KMS key `key`, through S3 only.
///
/// Source: KMS Developer Guide, cmks-in-iam-policies.html (the `Resource` of a key operation is
/// the key's ARN) and conditions-kms.html (`kms:ViaService`).
fn key_statement(sid: String, key: &Name, actions: &[&str]) -> Expr {
    Expr::map([
        ("Sid", Expr::from(sid)),
        ("Effect", Expr::from("Allow")),
        ("Action", Expr::list(actions.iter().map(|a| Expr::from(*a)))),
        ("Resource", crate::kms::design_key_arn(key)),
        ("Condition", crate::kms::only_through("s3")),
    ])
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
                    ("Condition", crate::kms::only_through("secretsmanager")),
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
