//! Rules on compute environments: unique names, their subnets' tiers and their security groups.

use crate::diag::Diagnostic;
use crate::model::{path, ComputeEnvironment, Platform, TierRole};
use crate::network::rules::check_group_references;
use crate::network::rules::find_tier_or_report;
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::per_env::check_settings;

declare_rules! {
    /// A compute environment names no subnet tier.
    COMPUTE_ENVIRONMENT_WITHOUT_SUBNETS = "compute-environment-without-subnets", Error,
        "a compute environment runs in at least one subnet tier",
        "AWS Batch API ComputeResource.subnets (required, for EC2 and Fargate compute resources alike); Batch User Guide, Fargate compute environments; aws-rules.md §8";
    /// A compute environment names no security group, or a Fargate one more than five.
    COMPUTE_ENVIRONMENT_SECURITY_GROUP_COUNT = "compute-environment-security-group-count", Error,
        "a compute environment names at least one security group, a Fargate one at most 5",
        "AWS Batch API ComputeResource.securityGroupIds (required for Fargate, at least one; for EC2 one or more in securityGroupIds or the launch template, and the design's launch template names none) and ComputeResourceUpdate.securityGroupIds (up to 5 for Fargate)";
    /// A compute environment runs its jobs in a public tier.
    COMPUTE_ENVIRONMENT_IN_PUBLIC_TIER = "compute-environment-in-public-tier", Warning,
        "a compute environment's jobs run in a private or isolated tier",
        "Batch User Guide, Fargate compute environments (jobs in a subnet without a NAT gateway need assignPublicIp ENABLED to reach ECR); aws-rules.md §8";
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let environments = &platform.batch.compute_environments;
    check_unique(
        cx,
        "compute environment",
        environments.iter().map(|environment| {
            (
                environment.name.as_str(),
                environment.name.pascal_case(),
                path::compute_environment(environment.name.as_str()),
            )
        }),
    );
    for environment in environments {
        let name = environment.name.as_str();
        check_settings(
            cx,
            platform,
            &environment.max_vcpus,
            &path::compute_environment_max_vcpus(name),
        );
        if environment.subnets.is_empty() {
            without_subnets(cx, environment);
        }
        check_tiers(cx, platform, environment);
        check_security_group_count(cx, environment);
        let name = environment.name.as_str();
        check_group_references(
            cx,
            platform,
            &format!("compute environment `{name}`"),
            &environment.security_groups,
            |idx| path::compute_environment_security_group(name, idx),
        );
    }
}

/// A compute environment has subnets.
///
/// Source: AWS Batch API `ComputeResource.subnets`: required, for EC2 and Fargate resources
/// alike (Batch User Guide, "Fargate compute environments"; aws-rules.md §8).
fn without_subnets(cx: &mut Vec<Diagnostic>, environment: &ComputeEnvironment) {
    let name = environment.name.as_str();
    cx.push(
        COMPUTE_ENVIRONMENT_WITHOUT_SUBNETS
            .at(
                path::compute_environment(name),
                format!("compute environment `{name}` names no subnet tier; AWS Batch requires subnets"),
            )
            .with_help("add `subnets: [<tier>]`, for example `subnets: [private]`"),
    );
}

/// Each tier of a compute environment's subnets exists; a public one is a warning.
///
/// Source: AWS Batch API `ComputeResource.subnets`: the subnets must exist (a Fargate compute
/// environment requires them). AWS accepts public subnets, but a Fargate job there reaches ECR
/// and CloudWatch Logs only with a public IP (`assignPublicIp` ENABLED in its job definition),
/// since a public subnet routes through the internet gateway, not a NAT gateway (Batch User
/// Guide, "Fargate compute environments"; aws-rules.md §8). So the public tier is a warning.
fn check_tiers(cx: &mut Vec<Diagnostic>, platform: &Platform, environment: &ComputeEnvironment) {
    let name = environment.name.as_str();
    for (idx, tier) in environment.subnets.iter().enumerate() {
        let at = path::compute_environment_subnets(name, idx);
        match find_tier_or_report(cx, platform, &format!("compute environment `{name}`"), tier, &at) {
            None => {}
            Some(found) if found.role == TierRole::Public => cx.push(
                COMPUTE_ENVIRONMENT_IN_PUBLIC_TIER
                    .at(
                        at,
                        format!("compute environment `{name}` runs its jobs in public tier `{tier}`, where they reach ECR and CloudWatch Logs only with a public IP"),
                    )
                    .with_help("run the jobs in a private tier (through the NAT gateways) or an isolated tier with interface endpoints, or acknowledge this warning with a reason if the job definitions assign public IPs"),
            ),
            Some(_) => {}
        }
    }
}

/// The most security groups a Fargate compute environment takes.
pub const MAX_FARGATE_SECURITY_GROUPS: usize = 5;

/// A compute environment names at least one security group; a Fargate one at most 5.
///
/// Source: AWS Batch API `ComputeResource.securityGroupIds`: "One or more security groups must
/// be specified, either in securityGroupIds or using a launch template" (the design's launch
/// template names none), and it is "required for jobs that are running on Fargate resources";
/// `ComputeResourceUpdate`: for Fargate "it can contain up to 5 security groups".
fn check_security_group_count(cx: &mut Vec<Diagnostic>, environment: &ComputeEnvironment) {
    let name = environment.name.as_str();
    let (at, message) = match environment.security_groups.len() {
        0 => (
            path::compute_environment(name),
            format!("compute environment `{name}` names no security group; AWS Batch requires at least one"),
        ),
        n if n > MAX_FARGATE_SECURITY_GROUPS && environment.kind.is_fargate() => (
            path::compute_environment_security_group(name, MAX_FARGATE_SECURITY_GROUPS),
            format!("compute environment `{name}` names {n} security groups; Fargate takes at most {MAX_FARGATE_SECURITY_GROUPS}"),
        ),
        _ => return,
    };
    cx.push(
        COMPUTE_ENVIRONMENT_SECURITY_GROUP_COUNT
            .at(at, message)
            .with_help("name one to five security groups of the design, for example `security_groups: [application]`"),
    );
}


#[cfg(test)]
mod tests {
    use crate::model::{Batch, ComputeEnvironment, ComputeKind, PerEnv};
    use crate::testing::{codes, design};
    use crate::value::{MaxVcpus, Name};

    fn with(environment: ComputeEnvironment) -> crate::model::Platform {
        let mut platform = design();
        platform.batch = Batch::new().compute_environment(environment);
        platform
    }

    fn fargate(tier: &'static str, group: &'static str) -> ComputeEnvironment {
        ComputeEnvironment::new(Name::new_assert("fargate"), ComputeKind::Fargate, MaxVcpus::new_assert(100))
            .subnets(Name::new_assert(tier))
            .security_group(Name::new_assert(group))
    }

    #[test]
    fn private_tier_and_known_group_pass() {
        assert_eq!(codes(&with(fargate("private", "application"))), Vec::<&str>::new());
        assert_eq!(codes(&with(fargate("database", "database"))), Vec::<&str>::new());
    }

    #[test]
    fn the_tier_exists() {
        let findings = crate::rules::check(&with(fargate("privte", "application")));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "unknown-tier");
        assert_eq!(
            findings[0].path.as_str(),
            "batch.compute_environments.fargate.subnets[0]"
        );
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `private`?"));
    }

    #[test]
    fn a_public_tier_is_a_warning() {
        let platform = with(fargate("public", "application"));
        let findings = crate::rules::check(&platform);
        assert_eq!(
            findings.iter().map(|d| (d.code, d.severity)).collect::<Vec<_>>(),
            [("compute-environment-in-public-tier", crate::Severity::Warning)]
        );
        assert!(platform.validate().is_ok());
    }

    #[test]
    fn the_security_group_exists() {
        let findings = crate::rules::check(&with(fargate("private", "aplication")));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "unknown-security-group");
        assert_eq!(
            findings[0].path.as_str(),
            "batch.compute_environments.fargate.security_groups[0]"
        );
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `application`?"));
    }

    #[test]
    fn one_to_five_security_groups() {
        let mut environment = fargate("private", "application");
        environment.security_groups.clear();
        let findings = crate::rules::check(&with(environment.clone()));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "compute-environment-security-group-count");
        assert_eq!(findings[0].path.as_str(), "batch.compute_environments.fargate");
        for _ in 0..6 {
            environment = environment.security_group(Name::new_assert("application"));
        }
        let findings = crate::rules::check(&with(environment));
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].path.as_str(),
            "batch.compute_environments.fargate.security_groups[5]"
        );
    }

    #[test]
    fn subnets_are_required() {
        let mut environment = fargate("private", "application");
        environment.subnets.clear();
        let findings = crate::rules::check(&with(environment));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "compute-environment-without-subnets");
        assert_eq!(findings[0].path.as_str(), "batch.compute_environments.fargate");
    }

    #[test]
    fn names_are_unique_and_settings_name_environments() {
        let mut platform = with(fargate("private", "application"));
        let mut second = fargate("private", "application");
        second.max_vcpus = PerEnv::new(MaxVcpus::new_assert(100))
            .with(Name::new_assert("stagin"), MaxVcpus::new_assert(8));
        platform.batch.compute_environments.push(second);
        assert_eq!(codes(&platform), ["duplicate-name", "unknown-environment"]);
    }
}
