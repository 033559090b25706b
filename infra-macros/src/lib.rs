//! The `platform!` macro of the `infra` crate. Implementation detail: depend on `infra` instead.
//!
//! The pipeline: `parse` reads the DSL into an `infra_core` model and a table from model paths
//! to token spans; `infra_core::rules::check` runs every rule; `report` turns each finding into
//! a compile error (or a warning) at its token; `expand` emits the checked model as data: one
//! string literal holding the model in JSON (`Platform::to_json`), which the generated code hands
//! to `infra::__private::decode` (`Platform::from_json`, every value through its constructor)
//! and then to `infra::__private::validated`.
//!
//! The model's own serde impls write and read the expansion, so it cannot drift from what was
//! parsed and checked (a test decodes the expansion of every passing design and compares), and
//! rustc compiles one literal instead of code per value: a one-value edit of a large design
//! rebuilds in about the time the macro takes to parse and check it (`scripts/compile-time`).

mod cx;
mod expand;
mod keyword;
mod parse;
mod report;
mod sections;

/// Registers the sections `platform!` reads: declares each section's module (its keywords and
/// parser) and lists its `SECTION` in [`sections::SECTIONS`]. Adding a section is a folder and a
/// name here.
macro_rules! sections {
    ($($name:ident),* $(,)?) => {
        $(mod $name;)*

        /// Every section `platform!` reads, in infra-core's order.
        const SECTIONS: &[sections::Section] = &[$($name::SECTION),*];
    };
}

sections! { network, batch, compute, load_balancer, database, cache, storage, monitoring, security }

use proc_macro::TokenStream;

/// Describes a platform, checks it with every rule while compiling, and yields a
/// `Validated<Platform>`. Each finding is a compile error (or a `deprecated` warning) at its token.
///
/// ```text
/// platform! {
///     name: "<name>",
///     region: "<region>",
///     environments {
///         <env> { zones: ["<zone>", ...], multi_az: <bool> }
///     }
///     network {
///         vpc: "<cidr>",
///         nat_gateways: one_per_zone|shared|none,
///         subnets {
///             public|private|isolated [<tier>] { "<zone>": "<cidr>", ... }
///         }
///         security_group <group> {
///             description: "<text>",
///             tier: <tier>,
///             ingress: [<traffic> from "<cidr>"|<group> [as "<text>"], ...],
///             egress: [<traffic> to "<cidr>"|<group> [as "<text>"], ...],
///         }
///         network_acl <tier> {
///             inbound: [<number> allow|deny <traffic> from "<cidr>", ...],
///             outbound: [<number> allow|deny <traffic> to "<cidr>", ...],
///         }
///         gateway_endpoints: [s3, dynamodb],
///         interface_endpoints { tier: <tier>, services: [<service>, ...] }
///         flow_logs { retention: <days>d, traffic: all|accept|reject }
///     }
///     batch {
///         compute_environment <name> {
///             type: fargate|fargate_spot,
///             max_vcpus: <number>,
///             subnets: [<tier>, ...],
///             security_groups: [<group>, ...],
///         }
///         job_queue <name> { priority: <0..=1000>, compute_environments: [<name>, ...] }
///     }
///     database {
///         postgres <name> {
///             engine_version: "<version>",
///             instance_class: "<class>",
///             storage: { size: <GiB>, iops: <number>, throughput: <MiB/s> },
///             multi_az: <bool>,
///             tier: <tier>,
///             security_groups: [<group>, ...],
///             backup: { retention: <days>d, window: "hh:mm-hh:mm" },
///             maintenance_window: "ddd:hh:mm-ddd:hh:mm",
///             log_exports: ["postgresql", "upgrade", "iam-db-auth-error"],
///             replicas: { count: <number>, instance_class: "<class>", storage: { ... } },
///             snapshots: { keep: <days>d },
///             master_password: secret { rotation: <days>d, tier: <tier>, security_groups: [<group>, ...] }
///                 | rds_managed { rotation: <days>d },
///         }
///     }
///     cache {
///         redis <name> {
///             engine_version: "<version>",
///             node_type: "cache.<family>.<size>",
///             shards: <number>,
///             replicas_per_shard: <0..=5>,
///             nodes: <number>,
///             cluster_mode: <bool>,
///             multi_az: <bool>,
///             parameters: { "maxmemory-policy": "<policy>" },
///             encryption: { at_rest: <bool>, in_transit: <bool> },
///             snapshot_retention: <days>d,
///             tier: <tier>,
///             security_groups: [<group>, ...],
///         }
///     }
///     storage {
///         bucket <name> {
///             versioning: <bool>,
///             encryption: aes256|kms,
///             kms_key: "<key arn, id or alias>",
///             access_logs: <bucket>,
///             lifecycle: [after <days>d => <CLASS>, ..., expire <days>d,
///                         noncurrent_expire <days>d, abort_uploads <days>d],
///         }
///     }
///     monitoring {
///         email <name>,
///         slack <name> { channel: "<#channel>" },
///         sns <name>,
///         severity <name> { response: <n>min|<n>h, channels: [<channel>, ...] }
///         alarm <name> {
///             metric: service_cpu|service_memory(<service>) | load_balancer_latency(<alb>)
///                 | database_cpu|database_connections|database_free_storage(<postgres>)
///                 | cache_cpu|cache_memory|cache_connections(<redis>),
///             above|below: <n>% | <n>ms | <n>s | <n>,
///             period: <seconds>s, evaluations: <number>, datapoints: <number>,
///             severity: <severity>,
///         }
///     }
///     security {
///         web_acl <name> {
///             load_balancer: <load balancer>,
///             rule <name> { priority: <n>, rate_limit: { limit: <10..=2000000000>, window: 60s|120s|300s|600s } },
///             rule <name> { priority: <n>, managed: sql_injection|common|known_bad_inputs, count_only: <bool> },
///             logging: { retention: <days>d, log_group: "aws-waf-logs-...", redact_headers: ["<header>", ...] },
///         }
///         role <name> { trust: ecs_tasks, policies: ["<AWS managed policy>", ...] }
///         group <name> { policies: ["<AWS managed policy>", ...] }
///         user <name> { groups: [<group>, ...] }
///     }
/// }
/// ```
///
/// `<traffic>` is `all`, `icmp`, or `[tcp|udp] <port>[..=<port>]` (TCP when no protocol is
/// named); ports run 0 to 65535 and ACL rule numbers 1 to 32766. A duration is a whole number of
/// days written `<n>d` (`30d`), since the settings that take one count in days (CloudWatch Logs
/// retention); no other unit is accepted. No other literal takes a suffix (`443`, not `443u16`).
/// A job queue's `priority` is AWS Batch's: the HIGHER number is scheduled first among queues
/// that share a compute environment. The VPC block, subnet blocks, `nat_gateways`, the flow-log
/// retention and a compute environment's `max_vcpus` may differ per
/// environment: `match env { staging | development => <value>, _ => <value> }`, where `_` gives
/// the value of the environments not named (`nat_gateways` defaults to `one_per_zone`).
/// `<service>` is the service part of `com.amazonaws.<region>.<service>`, such as `ecr.api` or
/// `logs`. Commas between entries are optional. `#[allow(<warning-code>, reason = "...")]`
/// before an environment, a tier, a security group, a network ACL, `interface_endpoints`,
/// `network`, a compute environment, a job queue, `batch` or a bucket acknowledges a warning there. A security group without egress rules allows no outbound traffic.
/// A lifecycle's `<CLASS>` is S3's name: `STANDARD_IA`, `INTELLIGENT_TIERING`, `ONEZONE_IA`,
/// `GLACIER_IR`, `GLACIER` or `DEEP_ARCHIVE`; a bucket has no `class` of its own (S3 has no
/// bucket-level storage class).
#[proc_macro]
pub fn platform(input: TokenStream) -> TokenStream {
    expand::platform(input.into()).into()
}

#[cfg(test)]
mod tests;
