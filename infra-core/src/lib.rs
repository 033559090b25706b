//! The typed model of an AWS platform, its builder API and every validation rule.
//!
//! A design is plain data ([`model::Platform`]) built from typed values ([`value`]): a value that
//! AWS would reject cannot be constructed, and in a `const` item it fails the build.
//! [`Platform::validate`](model::Platform::validate) then runs every cross-cutting rule
//! ([`rules`]) and returns all findings at once, or a [`Validated`] platform that a backend can
//! lower. The `platform!` macro of the `infra` crate runs the very same rules at compile time.
//!
//! ```
//! use infra_core::model::{Environment, Network, Platform, SubnetTier};
//! use infra_core::value::{Cidr, Name, Region, Zone};
//!
//! const A: Zone = Zone::new_assert("ap-northeast-1a");
//! const C: Zone = Zone::new_assert("ap-northeast-1c");
//! let network = Network::new(Cidr::new_assert("10.0.0.0/16")).tier(
//!     SubnetTier::isolated(Name::new_assert("data"))
//!         .subnet(A, Cidr::new_assert("10.0.1.0/24"))
//!         .subnet(C, Cidr::new_assert("10.1.2.0/24")), // outside the VPC
//! );
//! let errors = Platform::new(Name::new_assert("demo"), Region::new_assert("ap-northeast-1"), network)
//!     .environment(Environment::new(Name::new_assert("production"), [A, C]).multi_az(true))
//!     .validate()
//!     .unwrap_err();
//! assert_eq!(errors.codes(), ["subnet-outside-vpc"]);
//! ```
//!
//! # Organization
//! * [`value`]: `Cidr`, `PortRange`, `Traffic`, `AclRuleNumber`, `RetentionDays`, `Name`,
//!   `Region`, `Zone`, `EndpointService`, `JobQueuePriority`, `MaxVcpus`, `Capacity`,
//!   `VisibilityTimeout`, `MessageRetention`, `MaxReceiveCount`, `QueueThreshold`,
//!   `Lifecycle` (with its `Transition`s to a `StorageClass`).
//! * Sections, one module each ([`network`], [`batch`], [`compute`], [`load_balancer`], [`database`], [`cache`], [`storage`], [`monitoring`], [`security`]), each with its model, paths and rules, registered
//!   in [`SECTIONS`] ([`section::Section`]); `docs/sections.md` is the recipe for adding one.
//! * [`model`]: `Platform`, `Environment`, [`PerEnv`](model::PerEnv) (a value per environment),
//!   and every section's types; [`model::path`] names them;
//!   [`Platform::to_json`](model::Platform::to_json) and
//!   [`Platform::from_json`](model::Platform::from_json) write and read a design as data.
//! * [`rules`]: [`rules::validate`], [`Validated`], the [`rules::catalogue`].
//! * [`diag`]: [`Diagnostic`], [`Diagnostics`], [`Severity`], [`ModelPath`].

pub mod diag;
pub mod model;
pub mod rules;
pub mod section;
pub mod value;

/// Registers the sections: declares each one's module, lists it in [`SECTIONS`], and gathers
/// every section's model types, paths and rules for the re-exports in [`model`],
/// [`model::path`] and [`rules`]. Adding a section is a folder and a name here.
macro_rules! sections {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        $($(#[$doc])* pub mod $name;)*

        /// Every section, in the order their rules run.
        pub const SECTIONS: &[section::Section] = &[$($name::SECTION),*];

        /// Every section's items, for the re-exports of [`model`], [`model::path`] and [`rules`].
        mod sections {
            pub mod model {
                $(pub use crate::$name::model::*;)*
            }
            pub mod rules {
                $(pub use crate::$name::rules::*;)*
            }
            pub mod path {
                $(pub use crate::$name::path::*;)*
            }
        }
    };
}

sections! {
    /// The network: VPC, subnets and routing, firewalls, endpoints, flow logs.
    network,
    /// AWS Batch: Fargate compute environments and job queues.
    batch,
    /// ECS on Fargate: services, their capacity and their scaling.
    compute,
    /// Application Load Balancers: the HTTPS listener and the target groups of services.
    load_balancer,
    /// PostgreSQL on RDS: the primary, its read replicas and its backups.
    database,
    /// Redis OSS on ElastiCache: replication groups, their shards, replicas and parameters.
    cache,
    /// S3 buckets: versioning, encryption, access logs and lifecycles.
    storage,
    /// Monitoring: CloudWatch alarms with typed thresholds, severities and alert channels.
    monitoring,
    /// Security: the WAF web ACL on the load balancer, IAM roles, groups (MFA enforced) and users.
    security,
}

#[cfg(any(test, feature = "_fixtures"))]
#[doc(hidden)]
pub mod fixtures;
#[cfg(test)]
mod testing;

pub use diag::{Diagnostic, Diagnostics, ModelPath, Severity};
pub use rules::Validated;
