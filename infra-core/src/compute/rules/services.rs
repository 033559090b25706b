//! Rules on services: unique names, Fargate's task sizes, the image's tag, the tier and the
//! security groups.

use crate::diag::Diagnostic;
use crate::model::{path, Image, Platform, Service, TierRole};
use crate::network::rules::check_group_references;
use crate::network::rules::find_tier_or_report;
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::per_env::check_settings;
use crate::rules::suggest::help_for;

declare_rules! {
    /// A service's cpu and memory are not a pair Fargate offers.
    INVALID_FARGATE_SIZE = "invalid-fargate-size", Error,
        "a Fargate task's cpu and memory are one of the pairs Fargate offers",
        "ECS Developer Guide, Fargate task CPU and memory (task-cpu-memory-error); cfn-lint E3047 fargate_cpu_memory.json; aws-rules.md §2";
    /// A service's image is tagged `latest`, or not tagged.
    IMAGE_TAG_LATEST = "image-tag-latest", Warning,
        "a service's image names a fixed tag or digest, not `latest`",
        "ECS Developer Guide, container image best practices (a mutable tag makes tasks of one service run different images); ECR image tag mutability";
    /// A service's tasks run in a public tier.
    SERVICE_IN_PUBLIC_TIER = "service-in-public-tier", Error,
        "a service's tasks run in a private or isolated tier",
        "ECS Developer Guide, Fargate task networking (a task without a public IP in a public subnet cannot reach ECR or CloudWatch Logs); the lowering assigns no public IP";
    /// A service's container has a writable root filesystem.
    WRITABLE_ROOT_FILESYSTEM = "writable-root-filesystem", Warning,
        "a service's container has a read-only root filesystem",
        "ECS API ContainerDefinition.readonlyRootFilesystem; AWS Security Hub ECS.5",
        checkov ["CKV_AWS_336"];
    /// A service names more than five security groups.
    SERVICE_SECURITY_GROUP_COUNT = "service-security-group-count", Error,
        "a service's tasks have at most 5 security groups",
        "ECS API AwsVpcConfiguration.securityGroups (\"There's a limit of 5 security groups that can be specified\"); CloudFormation AWS::ECS::Service AwsVpcConfiguration SecurityGroups";
    /// A service assumes a role the security section does not define.
    UNKNOWN_ROLE = "unknown-role", Error,
        "a service's tasks assume a role of the security section",
        "ECS API TaskDefinition taskRoleArn (the ARN of the IAM role the task's containers assume; CloudFormation AWS::ECS::TaskDefinition TaskRoleArn): the lowering names the role's ARN";
    /// An image whose tag is a parameter names a tag or digest in its repository too.
    IMAGE_REPOSITORY_WITH_TAG = "image-repository-with-tag", Error,
        "an image whose tag is a template parameter names its repository without a tag or digest",
        "ECS API ContainerDefinition.image (`repository:tag` or `repository@digest`: one tag or digest); the lowering appends `:<parameter>`";
}

/// The most security groups a service's tasks take.
pub const MAX_SERVICE_SECURITY_GROUPS: usize = 5;

/// The memory (MiB) Fargate offers with each task cpu: `(cpu, first, last, step)`.
///
/// Source: ECS Developer Guide, "Task CPU and memory"; cfn-lint `fargate_cpu_memory.json`
/// (E3047); aws-rules.md §2. 8 and 16 vCPU need Linux platform version 1.4.0, which `LATEST` is.
pub const FARGATE_SIZES: [(u32, u32, u32, u32); 7] = [
    (256, 512, 2048, 512),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122880, 8192),
];

/// Whether Fargate offers a task of `cpu` units with `memory` MiB.
pub fn fargate_size_valid(cpu: u32, memory: u32) -> bool {
    FARGATE_SIZES.iter().any(|&(c, first, last, step)| {
        c == cpu && (first..=last).contains(&memory) && (memory - first).is_multiple_of(step)
    })
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let services = &platform.compute.services;
    check_unique(
        cx,
        "service",
        services.iter().map(|service| {
            (
                service.name.as_str(),
                service.name.pascal_case(),
                path::service(service.name.as_str()),
            )
        }),
    );
    for service in services {
        let name = service.name.as_str();
        check_settings(cx, platform, &service.capacity, &path::service_capacity(name));
        check_size(cx, service);
        check_image(cx, service);
        check_security_group_count(cx, service);
        check_tier(cx, platform, service);
        let name = service.name.as_str();
        check_group_references(
            cx,
            platform,
            &format!("service `{name}`"),
            &service.security_groups,
            |idx| path::service_security_group(name, idx),
        );
        check_role(cx, platform, service);
        if !service.read_only_root {
            cx.push(
                WRITABLE_ROOT_FILESYSTEM
                    .at(
                        path::service_read_only_root(name),
                        format!("service `{name}`'s container can write to its root filesystem"),
                    )
                    .with_help("write files to a mounted volume and drop `read_only_root: false`, or acknowledge this warning with a reason"),
            );
        }
    }
}

/// The role a service's tasks assume is one of the security section's. Every role's trust today
/// is `ecs_tasks`, so any of them may be a task role.
///
/// Source: ECS API TaskDefinition taskRoleArn (an IAM role's ARN).
fn check_role(cx: &mut Vec<Diagnostic>, platform: &Platform, service: &Service) {
    let Some(wanted) = &service.role else {
        return;
    };
    let roles = &platform.security.roles;
    if roles.iter().any(|role| role.name == *wanted) {
        return;
    }
    let name = service.name.as_str();
    cx.push(
        UNKNOWN_ROLE
            .at(
                path::service_role(name),
                format!("service `{name}` assumes role `{wanted}`, which the security section does not define"),
            )
            .with_help(help_for("roles", wanted.as_str(), roles.iter().map(|role| role.name.as_str()))),
    );
}

/// The service's cpu and memory are a Fargate size.
///
/// Source: ECS Developer Guide, "Task CPU and memory": Fargate rejects any other pair ("No
/// Fargate configuration exists for given values"; aws-rules.md §2).
fn check_size(cx: &mut Vec<Diagnostic>, service: &Service) {
    if fargate_size_valid(service.cpu, service.memory) {
        return;
    }
    let name = service.name.as_str();
    let (cpu, memory) = (service.cpu, service.memory);
    let diagnostic = match FARGATE_SIZES.iter().find(|size| size.0 == cpu) {
        Some(&(_, first, last, step)) => INVALID_FARGATE_SIZE
            .at(
                path::service_memory(name),
                format!("service `{name}` asks for {memory} MiB with {cpu} cpu units, which Fargate does not offer"),
            )
            .with_help(format!("with {cpu} cpu units Fargate offers {first} to {last} MiB in steps of {step}")),
        None => {
            let cpus: Vec<String> = FARGATE_SIZES.iter().map(|size| size.0.to_string()).collect();
            INVALID_FARGATE_SIZE
                .at(
                    path::service_cpu(name),
                    format!("service `{name}` asks for {cpu} cpu units, which Fargate does not offer"),
                )
                .with_help(format!("Fargate offers {} cpu units (1024 is one vCPU)", cpus.join(", ")))
        }
    };
    cx.push(diagnostic);
}

/// The image names a fixed tag or a digest.
///
/// Source: ECS Developer Guide, container image best practices: with a mutable tag such as
/// `latest`, tasks started at different times of one service run different images, and a
/// rollback redeploys whatever the tag points at now. An image without a tag is `latest`.
/// An image whose tag is a parameter has only the repository: the lowering appends the tag.
fn check_image(cx: &mut Vec<Diagnostic>, service: &Service) {
    let name = service.name.as_str();
    let image = match &service.image {
        Image::Fixed(image) => image,
        Image::TagParameter(image) => {
            if image_tag(&image.repository).is_some() {
                let repository = &image.repository;
                cx.push(
                    IMAGE_REPOSITORY_WITH_TAG
                        .at(
                            path::service_image(name),
                            format!("service `{name}` takes its image tag as a parameter, but repository `{repository}` names a tag or digest too"),
                        )
                        .with_help("write the repository alone, such as `repository: \"api-server\"`; the deployment passes the tag"),
                );
            }
            return;
        }
    };
    if image_tag(image).is_some_and(|tag| tag != "latest") {
        return;
    }
    cx.push(
        IMAGE_TAG_LATEST
            .at(
                path::service_image(name),
                format!("service `{name}` runs image `{image}`, whose tag `latest` moves with every push"),
            )
            .with_help("name a fixed tag such as `api-server:1.4.2` or a digest `api-server@sha256:...`, or acknowledge this warning with a reason"),
    );
}

/// A service names at most five security groups.
///
/// Source: ECS API `AwsVpcConfiguration.securityGroups`: "There's a limit of 5 security groups
/// that can be specified" (CloudFormation `AWS::ECS::Service` `AwsVpcConfiguration`). None is
/// allowed: ECS then uses the VPC's default group.
fn check_security_group_count(cx: &mut Vec<Diagnostic>, service: &Service) {
    let n = service.security_groups.len();
    if n <= MAX_SERVICE_SECURITY_GROUPS {
        return;
    }
    let name = service.name.as_str();
    cx.push(
        SERVICE_SECURITY_GROUP_COUNT
            .at(
                path::service_security_group(name, MAX_SERVICE_SECURITY_GROUPS),
                format!("service `{name}` names {n} security groups; an ECS task's network configuration takes at most {MAX_SERVICE_SECURITY_GROUPS}"),
            )
            .with_help("merge the groups' rules into at most five groups"),
    );
}

/// The tag or digest of `image` (`repository:tag` or `repository@sha256:...`); `None` without
/// one. A `:` before the last `/` belongs to a registry's port.
pub fn image_tag(image: &str) -> Option<&str> {
    if let Some((_, digest)) = image.split_once('@') {
        return Some(digest).filter(|digest| !digest.is_empty());
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split_once(':')
        .map(|(_, tag)| tag)
        .filter(|tag| !tag.is_empty())
}

/// The tier exists and is private or isolated.
///
/// Source: the lowering assigns no public IP (`AssignPublicIp: DISABLED`), and a Fargate task
/// without one in a public subnet cannot pull its image or ship its logs (ECS Developer Guide,
/// "Fargate task networking").
fn check_tier(cx: &mut Vec<Diagnostic>, platform: &Platform, service: &Service) {
    let name = service.name.as_str();
    let tier = &service.tier;
    let at = path::service_tier(name);
    match find_tier_or_report(cx, platform, &format!("service `{name}`"), tier, &at) {
        None => {}
        Some(found) if found.role == TierRole::Public => cx.push(
            SERVICE_IN_PUBLIC_TIER
                .at(
                    at,
                    format!("service `{name}` runs in public tier `{tier}`, where its tasks get no public IP and cannot reach ECR"),
                )
                .with_help("run the service in a private tier (through the NAT gateways) or an isolated tier with interface endpoints; a load balancer in the public tier reaches it"),
        ),
        Some(_) => {}
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Compute;
    use crate::testing::{codes, design};
    use crate::value::Name;

    use crate::compute::rules::testing::api as service;

    fn with(service: Service) -> Platform {
        let mut platform = design();
        platform.compute = Compute::new().service(service);
        platform
    }

    #[test]
    fn a_private_service_passes() {
        assert_eq!(codes(&with(service("private", "application"))), Vec::<&str>::new());
    }

    #[test]
    fn a_service_assumes_a_role_of_the_security_section() {
        let mut platform = with(service("private", "application").role(Name::new_assert("application")));
        let found = crate::rules::check(&platform);
        let unknown: Vec<_> = found.iter().filter(|d| d.code == "unknown-role").collect();
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].path, path::service_role("api"));
        assert_eq!(unknown[0].help.as_deref(), Some("the design defines no roles"));
        platform.security = crate::model::Security::new()
            .role(crate::model::Role::new(Name::new_assert("application"), crate::model::Trust::EcsTasks));
        assert_eq!(codes(&platform), Vec::<&str>::new());
        platform.compute.services[0].role = Some(Name::new_assert("aplication"));
        let help: Vec<_> = crate::rules::check(&platform).into_iter().filter_map(|d| d.help).collect();
        assert_eq!(help, ["did you mean `application`?"]);
    }

    #[test]
    fn fargate_sizes_are_pairs() {
        assert!(fargate_size_valid(256, 512));
        assert!(fargate_size_valid(1024, 2048));
        assert!(fargate_size_valid(2048, 4096));
        assert!(fargate_size_valid(8192, 61440));
        assert!(!fargate_size_valid(8192, 17408));
        assert!(!fargate_size_valid(1024, 1024));
        assert!(!fargate_size_valid(1000, 2048));
        let mut bad = service("private", "application");
        bad.memory = 1024;
        let findings = crate::rules::check(&with(bad.clone()));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "invalid-fargate-size");
        assert_eq!(findings[0].path.as_str(), "compute.services.api.memory");
        assert_eq!(
            findings[0].help.as_deref(),
            Some("with 1024 cpu units Fargate offers 2048 to 8192 MiB in steps of 1024")
        );
        bad.cpu = 1000;
        let findings = crate::rules::check(&with(bad));
        assert_eq!(findings[0].path.as_str(), "compute.services.api.cpu");
    }

    #[test]
    fn latest_or_no_tag_is_a_warning() {
        assert_eq!(image_tag("api-server:latest"), Some("latest"));
        assert_eq!(image_tag("registry:5000/api"), None);
        assert_eq!(image_tag("api@sha256:abc"), Some("sha256:abc"));
        for image in ["api-server:latest", "api-server", "registry:5000/api"] {
            let mut latest = service("private", "application");
            latest.image = Image::from(image);
            let platform = with(latest);
            assert_eq!(codes(&platform), ["image-tag-latest"], "{image}");
            assert!(platform.validate().is_ok());
        }
    }

    #[test]
    fn a_tag_parameter_takes_a_bare_repository() {
        let mut parameter = service("private", "application");
        parameter.image = Image::tag_parameter("api-server");
        assert_eq!(codes(&with(parameter.clone())), Vec::<&str>::new());
        parameter.image = Image::tag_parameter("api-server:1.0.0");
        let findings = crate::rules::check(&with(parameter));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "image-repository-with-tag");
        assert_eq!(findings[0].path.as_str(), "compute.services.api.image");
    }

    #[test]
    fn at_most_five_security_groups() {
        let mut crowded = service("private", "application");
        for _ in 0..4 {
            crowded = crowded.security_group(Name::new_assert("application"));
        }
        assert_eq!(codes(&with(crowded.clone())), Vec::<&str>::new());
        crowded = crowded.security_group(Name::new_assert("application"));
        let findings = crate::rules::check(&with(crowded));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "service-security-group-count");
        assert_eq!(findings[0].path.as_str(), "compute.services.api.security_groups[5]");
    }

    #[test]
    fn the_tier_exists_and_is_not_public() {
        let findings = crate::rules::check(&with(service("privte", "application")));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "unknown-tier");
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `private`?"));
        assert_eq!(codes(&with(service("public", "application"))), ["service-in-public-tier"]);
        assert_eq!(codes(&with(service("database", "application"))), Vec::<&str>::new());
    }

    #[test]
    fn the_security_group_exists() {
        let findings = crate::rules::check(&with(service("private", "aplication")));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "unknown-security-group");
        assert_eq!(findings[0].path.as_str(), "compute.services.api.security_groups[0]");
    }

    #[test]
    fn a_writable_root_is_a_warning() {
        let mut writable = service("private", "application");
        writable.read_only_root = false;
        assert_eq!(codes(&with(writable)), ["writable-root-filesystem"]);
    }

    #[test]
    fn names_are_unique() {
        let mut platform = with(service("private", "application"));
        platform.compute.services.push(service("private", "application"));
        assert_eq!(codes(&platform), ["duplicate-name"]);
    }
}
