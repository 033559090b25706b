//! Rules on IAM identities: the AWS managed policies they attach, and the groups users join.

use crate::diag::Diagnostic;
use crate::model::{path, Platform};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::suggest::{did_you_mean, help_for};
use crate::security::tables::{managed_policies, managed_policy_path};
use crate::ModelPath;

declare_rules! {
    /// A role or group attaches an AWS managed policy the table does not know.
    UNKNOWN_MANAGED_POLICY = "unknown-managed-policy", Warning,
        "a role or group attaches an AWS managed policy that exists (the table of `scripts/refresh-iam-data`; AWS adds policies, so a newer name is acknowledged with a reason)",
        "IAM API ListPolicies (Scope AWS); AWS Managed Policy Reference (AmazonS3ReadOnlyAccess, AmazonRDSReadOnlyAccess; attaching a name that does not exist fails with NoSuchEntity); aws-rules.md §16";
    /// A workload role attaches a full-access or administrator policy.
    WORKLOAD_FULL_ACCESS = "workload-full-access", Warning,
        "a workload role attaches no `*FullAccess`, `AdministratorAccess` or `PowerUserAccess` policy",
        "IAM User Guide, best-practices.html (\"Apply least-privilege permissions\"); AWS Security Hub IAM.1";
    /// A role connects to a database the design does not define.
    UNKNOWN_ROLE_DATABASE = "unknown-role-database", Error,
        "a role connects to databases of the design",
        "Secrets Manager API GetSecretValue (ResourceNotFoundException for a secret that does not exist): the grant names the database's master secret";
    /// A role reads or writes a bucket the design does not define.
    UNKNOWN_ROLE_BUCKET = "unknown-role-bucket", Error,
        "a role reads and writes buckets of the design",
        "Service Authorization Reference, \"Actions, resources, and condition keys for Amazon S3\" (s3:GetObject, s3:PutObject on the object resource `arn:${Partition}:s3:::${BucketName}/${ObjectName}`, s3:ListBucket on the bucket resource): the grant names the bucket's ARN";
    /// A user joins a group the design does not define.
    UNKNOWN_IAM_GROUP = "unknown-iam-group", Error,
        "a user joins groups of the design",
        "IAM API AddUserToGroup (NoSuchEntity for a group that does not exist)";
}

/// Policies that grant everything or nearly: never what a workload needs.
const BROAD_POLICIES: [&str; 2] = ["AdministratorAccess", "PowerUserAccess"];

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let security = &platform.security;
    check_unique(
        cx,
        "role",
        security.roles.iter().map(|role| (role.name.as_str(), role.name.pascal_case(), path::role(role.name.as_str()))),
    );
    check_unique(
        cx,
        "group",
        security.groups.iter().map(|group| (group.name.as_str(), group.name.pascal_case(), path::group(group.name.as_str()))),
    );
    check_unique(
        cx,
        "user",
        security.users.iter().map(|user| (user.name.as_str(), user.name.pascal_case(), path::user(user.name.as_str()))),
    );
    for role in &security.roles {
        let name = role.name.as_str();
        for (idx, policy) in role.policies.iter().enumerate() {
            check_policy_name(cx, policy, path::role_policy(name, idx));
            check_full_access(cx, name, policy, path::role_policy(name, idx));
        }
    }
    for group in &security.groups {
        let name = group.name.as_str();
        for (idx, policy) in group.policies.iter().enumerate() {
            check_policy_name(cx, policy, path::group_policy(name, idx));
        }
    }
    check_user_groups(cx, platform);
    check_role_databases(cx, platform);
    check_role_buckets(cx, platform);
}

/// Every bucket a role reads or writes is defined: the grant names its ARN.
///
/// Source: Service Authorization Reference, "Actions, resources, and condition keys for Amazon
/// S3" (the object and bucket resource types).
fn check_role_buckets(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let buckets = &platform.storage.buckets;
    for role in &platform.security.roles {
        let name = role.name.as_str();
        let grants = [("reads", &role.read, path::role_read as fn(&str, usize) -> ModelPath), ("writes", &role.write, path::role_write)];
        for (verb, wanted, at) in grants {
            for (idx, wanted) in wanted.iter().enumerate() {
                if buckets.iter().any(|bucket| bucket.name == *wanted) {
                    continue;
                }
                cx.push(
                    UNKNOWN_ROLE_BUCKET
                        .at(at(name, idx), format!("role `{name}` {verb} bucket `{wanted}`, which the design does not define"))
                        .with_help(help_for("buckets", wanted.as_str(), buckets.iter().map(|bucket| bucket.name.as_str()))),
                );
            }
        }
    }
}

/// Every database a role connects to is defined: the grant names its master secret.
///
/// Source: Secrets Manager API GetSecretValue (ResourceNotFoundException).
fn check_role_databases(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let databases = &platform.database.postgres;
    for role in &platform.security.roles {
        let name = role.name.as_str();
        for (idx, wanted) in role.connect.iter().enumerate() {
            if databases.iter().any(|pg| pg.name == *wanted) {
                continue;
            }
            cx.push(
                UNKNOWN_ROLE_DATABASE
                    .at(
                        path::role_connect(name, idx),
                        format!("role `{name}` connects to database `{wanted}`, which the design does not define"),
                    )
                    .with_help(help_for("databases", wanted.as_str(), databases.iter().map(|pg| pg.name.as_str()))),
            );
        }
    }
}

/// The AWS managed policy `wanted` is in the table; if not, the nearest name is suggested, a
/// name that extends it first (`AmazonS3ReadOnly` → `AmazonS3ReadOnlyAccess`).
///
/// Source: IAM API ListPolicies (Scope AWS), as the table holds it; AWS Managed Policy Reference.
fn check_policy_name(cx: &mut Vec<Diagnostic>, wanted: &str, at: ModelPath) {
    if managed_policy_path(wanted).is_some() {
        return;
    }
    let extended = managed_policies()
        .map(|(name, _)| name)
        .filter(|name| !wanted.is_empty() && name.starts_with(wanted))
        .min_by_key(|name| name.len());
    let help = match extended.or_else(|| did_you_mean(wanted, managed_policies().map(|(name, _)| name))) {
        Some(name) => format!("did you mean `{name}`? If `{wanted}` is newer than the table, acknowledge this warning with a reason (or refresh the table with scripts/refresh-iam-data)"),
        None => format!("check the name in the AWS Managed Policy Reference; if `{wanted}` is newer than the table, acknowledge this warning with a reason (or refresh the table with scripts/refresh-iam-data)"),
    };
    cx.push(
        UNKNOWN_MANAGED_POLICY
            .at(at, format!("no AWS managed policy is named `{wanted}`; attaching it fails with NoSuchEntity"))
            .with_help(help),
    );
}

/// A workload role attaches no full-access or administrator policy.
///
/// Source: IAM User Guide, "Security best practices in IAM": grant least privilege.
fn check_full_access(cx: &mut Vec<Diagnostic>, role: &str, policy: &str, at: ModelPath) {
    if policy.ends_with("FullAccess") || BROAD_POLICIES.contains(&policy) {
        cx.push(
            WORKLOAD_FULL_ACCESS
                .at(at, format!("role `{role}` attaches `{policy}`, which grants every action of its service (or more) on every resource"))
                .with_help("attach a read-only policy, or grant the actions the workload needs on its own resources; acknowledge with a reason if it needs all of them"),
        );
    }
}

/// Every group a user joins is defined.
///
/// Source: IAM API AddUserToGroup (NoSuchEntity); CloudFormation AWS::IAM::User.Groups.
fn check_user_groups(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let groups = &platform.security.groups;
    for user in &platform.security.users {
        let name = user.name.as_str();
        for (idx, wanted) in user.groups.iter().enumerate() {
            if groups.iter().any(|group| group.name == *wanted) {
                continue;
            }
            cx.push(
                UNKNOWN_IAM_GROUP
                    .at(
                        path::user_group(name, idx),
                        format!("user `{name}` joins group `{wanted}`, which the design does not define"),
                    )
                    .with_help(help_for("groups", wanted.as_str(), groups.iter().map(|g| g.name.as_str()))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Platform, User};
    use crate::security::rules::testing::{findings_where, secured};
    use crate::testing::codes;
    use crate::value::Name;

    fn findings(platform: &Platform) -> Vec<&'static str> {
        findings_where(platform, |code| ["unknown-managed-policy", "workload-full-access", "unknown-iam-group", "duplicate-name"].contains(&code))
    }

    fn help_of(platform: &Platform, code: &str) -> Vec<String> {
        crate::rules::check(platform)
            .iter()
            .filter(|d| d.code == code)
            .filter_map(|d| d.help.clone())
            .collect()
    }

    #[test]
    fn the_secured_design_passes() {
        assert_eq!(findings(&secured()), Vec::<&str>::new());
    }

    #[test]
    fn the_seeds_policy_names_are_caught_with_the_real_ones() {
        let mut platform = secured();
        platform.security.roles[0].policies = vec!["AmazonS3ReadOnly".into(), "AmazonRDSReadOnly".into()];
        assert_eq!(findings(&platform), ["unknown-managed-policy", "unknown-managed-policy"]);
        let help = help_of(&platform, "unknown-managed-policy");
        assert!(help[0].starts_with("did you mean `AmazonS3ReadOnlyAccess`?"), "{help:?}");
        assert!(help[1].starts_with("did you mean `AmazonRDSReadOnlyAccess`?"), "{help:?}");
    }

    #[test]
    fn a_typo_is_suggested_and_a_stranger_is_not() {
        let mut platform = secured();
        platform.security.groups[0].policies = vec!["AdministratorAcess".into(), "Zzzzzz".into()];
        let help = help_of(&platform, "unknown-managed-policy");
        assert!(help[0].starts_with("did you mean `AdministratorAccess`?"), "{help:?}");
        assert!(help[1].starts_with("check the name"), "{help:?}");
    }

    #[test]
    fn full_access_on_a_workload_is_a_warning() {
        let mut platform = secured();
        platform.security.roles[0].policies = vec!["AmazonS3FullAccess".into(), "AdministratorAccess".into()];
        assert_eq!(findings(&platform), ["workload-full-access", "workload-full-access"]);
        // A group of administrators may hold AdministratorAccess.
        assert!(platform.security.groups.iter().any(|g| g.policies.contains(&"AdministratorAccess".to_owned())));
    }

    #[test]
    fn roles_connect_to_defined_databases() {
        let mut platform = secured();
        platform.security.roles[0].connect = vec![Name::new_assert("main")];
        assert_eq!(codes(&platform).iter().filter(|&&c| c == "unknown-role-database").count(), 0);
        platform.security.roles[0].connect = vec![Name::new_assert("mian")];
        assert_eq!(help_of(&platform, "unknown-role-database"), ["did you mean `main`?"]);
    }

    #[test]
    fn roles_read_and_write_defined_buckets() {
        let mut platform = secured();
        platform.security.roles[0].read = vec![Name::new_assert("datasets")];
        platform.security.roles[0].write = vec![Name::new_assert("datasets"), Name::new_assert("backups")];
        assert_eq!(codes(&platform).iter().filter(|&&c| c == "unknown-role-bucket").count(), 0);
        platform.security.roles[0].read = vec![Name::new_assert("dataset")];
        platform.security.roles[0].write = vec![Name::new_assert("backups"), Name::new_assert("zzzz")];
        let found: Vec<_> = crate::rules::check(&platform).into_iter().filter(|d| d.code == "unknown-role-bucket").collect();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].path.to_string(), "security.roles.application.read[0]");
        assert_eq!(found[0].help.as_deref(), Some("did you mean `datasets`?"));
        assert_eq!(found[1].path.to_string(), "security.roles.application.write[1]");
        assert!(found[1].message.contains("writes bucket `zzzz`"), "{}", found[1].message);
    }

    #[test]
    fn users_join_defined_groups() {
        let mut platform = secured();
        platform.security.users.push(User::new(Name::new_assert("carol"), [Name::new_assert("administrator")]));
        assert_eq!(findings(&platform), ["unknown-iam-group"]);
        assert_eq!(help_of(&platform, "unknown-iam-group"), ["did you mean `administrators`?"]);
    }
}
