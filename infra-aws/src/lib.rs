//! Lowers a validated infra platform to AWS CloudFormation: one template per environment.
//!
//! [`synth`] takes a [`Validated`] platform, which only infra-core's rules can make, so the
//! lowering never re-checks the design; it only decides how each part of the model becomes
//! CloudFormation resources. The template is deterministic byte for byte: logical ids come from
//! the design's names ([`LogicalId`]) and every map is sorted, so templates diff cleanly.
//!
//! ```
//! use infra_core::model::{Environment, Network, Platform, SubnetTier};
//! use infra_core::value::{Cidr, Name, Region, Zone};
//!
//! const A: Zone = Zone::new_assert("ap-northeast-1a");
//! const C: Zone = Zone::new_assert("ap-northeast-1c");
//! let network = Network::new(Cidr::new_assert("10.0.0.0/16"))
//!     .tier(
//!         SubnetTier::public(Name::new_assert("public"))
//!             .subnet(A, Cidr::new_assert("10.0.1.0/24"))
//!             .subnet(C, Cidr::new_assert("10.0.2.0/24")),
//!     )
//!     .tier(
//!         SubnetTier::private(Name::new_assert("private"))
//!             .subnet(A, Cidr::new_assert("10.0.11.0/24"))
//!             .subnet(C, Cidr::new_assert("10.0.12.0/24")),
//!     );
//! let platform = Platform::new(Name::new_assert("demo"), Region::new_assert("ap-northeast-1"), network)
//!     .environment(Environment::new(Name::new_assert("production"), [A, C]).multi_az(true))
//!     .validate()
//!     .expect("a valid design");
//!
//! let template = infra_aws::synth(&platform, "production")?;
//! assert_eq!(template.resources_of_type("AWS::EC2::NatGateway").count(), 2);
//! assert!(template.resource("SubnetPrivateApNortheast1a").is_some());
//! assert!(template.to_json().ends_with("}\n"));
//!
//! let unknown = infra_aws::synth(&platform, "staging").unwrap_err();
//! assert_eq!(
//!     unknown.to_string(),
//!     "unknown environment `staging`: the platform defines `production`"
//! );
//! # Ok::<(), infra_aws::SynthError>(())
//! ```
//!
//! # What a template holds
//! The network section of the design, for the zones of one environment: the VPC, a subnet per
//! tier and zone, the internet gateway, NAT gateways (one per zone, one shared, or none, as the
//! environment's setting says), route tables, security groups and their rules, network ACLs, gateway
//! endpoints, interface endpoints (with their own security group, admitting HTTPS from the VPC)
//! and flow logs; then the batch section, if the design has one: a managed Fargate compute
//! environment per compute environment and a job queue per queue; then the compute section, if
//! it has one: an ECS cluster (Container Insights on), a KMS key for the services' log groups, and
//! per service its log group, execution and task roles, Fargate task definition, ECS service,
//! scalable target (with its scheduled actions) and target tracking policies; the cluster's name
//! is exported as `<stack name>-EcsClusterName`; then the database section, if it has one: per
//! PostgreSQL instance a KMS key, a DB subnet group, a parameter group requiring TLS, the
//! primary and its read replicas, a generated master secret rotated by AWS's hosted function
//! (the template then carries the `AWS::SecretsManager-2020-07-23` transform), and an AWS
//! Backup vault, plan and selection for its daily snapshots; its endpoint and secret are
//! exported; then the cache section, if it has one: a KMS key, and per Redis cluster its subnet
//! group, parameter group, AUTH token secret (with a policy that lets the services it admits read
//! it) and replication group, whose endpoint and secret are
//! exported; then the storage section, if it has one: per
//! bucket an S3 bucket (public access blocked, ownership enforced, default encryption,
//! versioning, server access logs and the lifecycle; retained) and a policy that denies requests
//! without TLS or below the platform's minimum TLS version and admits the log delivery of the
//! buckets that log to it; each bucket's name is exported as `<stack name>-Bucket<Name>Name`.
//! Every taggable resource is
//! tagged `Name`, `Environment` and
//! `Platform`; the VPC and subnet ids are exported as `<stack name>-<logical id>`.
//!
//! Every resource explains itself in `Metadata."com.aws.cloudformation.Context"`
//! (CloudFormation's Metadata Context schema v1): why it exists, the rules that checked its
//! element, how safe it is to change and the element's model path; the template's own block
//! carries the platform's architecture ([`Context`]). A warning the design acknowledges puts
//! checkov's skip metadata, with the same reason, on every resource lowered from the
//! acknowledged element, for the checks the rule names (`infra_core::rules::Rule::checkov`).
//!
//! Each zone is a parameter of type `AWS::EC2::AvailabilityZone::Name` whose default is the
//! design's zone name: zone names map to physical zones per account, so a deployer can pick
//! another without editing the template, and CloudFormation checks the zone before it creates
//! anything (cfn-lint also warns on hard-coded zones, W3010).
//!
//! # Organization
//! * [`Template`], [`Resource`], [`Parameter`], [`Output`]: the template, sorted by logical id.
//! * [`Expr`]: literals and intrinsic functions (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`).
//! * [`LogicalId`]: stable ids made from the design's names.
//! * [`Context`], [`State`], [`Skip`]: what a resource says about itself, and checkov's
//!   suppressions.
//! * [`Reference`]: what [`Template::references`] reports, to check every reference resolves.
//! * [`Quota`]: CloudFormation's quotas on a template, which [`synth`] enforces.

mod context;
mod error;
mod intrinsic;
mod kms;
mod logical_id;
mod quota;
mod references;
mod stack;
mod template;
#[cfg(test)]
mod testing;
mod trust;

use infra_core::model::Platform;
use infra_core::Validated;

pub use context::{Context, Skip, State, CONTEXT_KEY};
pub use error::SynthError;
pub use intrinsic::{Expr, Pseudo};
pub use logical_id::LogicalId;
pub use quota::{Quota, INLINE_BODY_LIMIT};
pub use references::{Reference, ReferenceKind};
pub use template::{Output, Parameter, Policy, Resource, Template, FORMAT_VERSION};

use stack::Stack;

/// Registers the sections' lowerings: declares each section's module (its `lower` and logical
/// ids) and lists it in `SECTIONS`, by the name infra-core registers it under. Adding a section
/// is a folder and a name here.
macro_rules! sections {
    ($($name:ident),* $(,)?) => {
        $(mod $name;)*

        /// How each section of the model is lowered, by name, in infra-core's order.
        const SECTIONS: &[(&str, Lower)] = &[$((stringify!($name), $name::lower)),*];
    };
}

sections! { network, batch, compute, load_balancer, database, cache, storage, monitoring, security }

/// A section's lowering: adds its resources for the stack's environment to the template.
type Lower = fn(&Stack<'_>, &mut Template);

/// Lowers the environment `environment` of `platform` to its CloudFormation template.
///
/// # Errors
/// [`SynthError::UnknownEnvironment`] if the platform has no environment of that name;
/// [`SynthError::LogicalIdClash`] if two parts of the design would share a logical id;
/// [`SynthError::QuotaExceeded`] if the template would exceed one of CloudFormation's quotas
/// (500 resources, 200 parameters, 200 outputs, 1,000,000 bytes of body). A body above the
/// 51,200 bytes CloudFormation takes inline is not an error: see [`Template::fits_inline`].
pub fn synth(platform: &Validated<Platform>, environment: &str) -> Result<Template, SynthError> {
    let platform = platform.get();
    let Some(env) = platform.find_environment(environment) else {
        return Err(SynthError::UnknownEnvironment {
            name: environment.to_owned(),
            known: platform
                .environments
                .iter()
                .map(|env| env.name.as_str().to_owned())
                .collect(),
        });
    };
    let stack = Stack::new(platform, env);
    let mut template = Template::new(String::new());
    for (_, lower) in SECTIONS {
        lower(&stack, &mut template);
    }
    stack.describe(&mut template);
    template.apply_acknowledgements(&platform.acknowledgements);
    if let Some(id) = template.first_clash() {
        return Err(SynthError::LogicalIdClash { id: id.to_string() });
    }
    quota::check(&template)?;
    Ok(template)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_section_of_the_model_is_lowered() {
        let lowered: Vec<&str> = super::SECTIONS.iter().map(|(name, _)| *name).collect();
        let model: Vec<&str> = infra_core::SECTIONS
            .iter()
            .map(|section| section.name)
            .collect();
        assert_eq!(lowered, model);
    }
}
