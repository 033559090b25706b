//! The `batch { ... }` section: compute environments and job queues.
//!
//! A compute environment is `fargate`, `fargate_spot`, `ec2` or `spot`; EC2 and Spot ones also
//! take `instance_types: ["optimal"]`, `min_vcpus` (per environment) and `allocation_strategy`.
//!
//! `log_retention: 30d` and `log_kms_key: logs` give the jobs a log group of the stack (its name
//! an output, for the job definitions' `awslogs-group`).
//!
//! A job queue's `priority` is AWS Batch's own number, 0 to 1000, where the HIGHER number is
//! scheduled first; the `job-queue-priority-inverted` warning catches a queue named `high...`
//! that does not outrank one named `low...` in a shared compute environment.

use infra_core::model::{
    path, Acknowledgement, AllocationStrategy, Batch, ComputeEnvironment, ComputeKind, JobQueue,
};
use infra_core::value::{JobQueuePriority, MaxVcpus, Name};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, Ident, Token};

use super::keyword::{AllocationWord, BatchKey, ComputeEnvironmentKey, ComputeKindWord, JobQueueKey};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, attributes};
use crate::parse::per_env::per_env;
use crate::parse::syntax::*;

/// The batch section's body.
pub(super) fn batch(input: ParseStream, cx: &mut Cx, acks: &mut Vec<Acknowledgement>) -> Batch {
    let mut batch = Batch::new();
    entries(input, cx, BatchKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (item, key) = key::<BatchKey>(input)?;
        match item {
            BatchKey::LogRetention => {
                acknowledge(acks, cx, allows, path::batch_log_retention());
                once(&batch.log_retention, &key)?;
                input.parse::<Token![:]>()?;
                batch.log_retention = Some(retention_days(input, cx, path::batch_log_retention())?);
            }
            BatchKey::LogKmsKey => {
                acknowledge(acks, cx, allows, path::batch_log_kms_key());
                input.parse::<Token![:]>()?;
                let at = path::batch_log_kms_key();
                batch.log_kms_key = Some(name_field(input, cx, &batch.log_kms_key, &key, at)?);
            }
            BatchKey::ComputeEnvironment => {
                let ident = input.call(Ident::parse_any)?;
                let name = ident_name(cx, &ident, path::compute_environment);
                acknowledge(acks, cx, allows, path::compute_environment(name.as_str()));
                let content;
                braced!(content in input);
                if let Some(environment) = compute_environment(&content, cx, name, ident.span()) {
                    batch.compute_environments.push(environment);
                }
            }
            BatchKey::JobQueue => {
                let ident = input.call(Ident::parse_any)?;
                let name = ident_name(cx, &ident, path::job_queue);
                acknowledge(acks, cx, allows, path::job_queue(name.as_str()));
                let content;
                braced!(content in input);
                if let Some(queue) = job_queue(&content, cx, name, ident.span()) {
                    batch.job_queues.push(queue);
                }
            }
        }
        separator(input)
    });
    batch
}

/// `{ type: fargate, max_vcpus: 100, subnets: [private], security_groups: [application] }`;
/// `None` without a type or maximum vCPUs (an error is then recorded at `at`, the name).
fn compute_environment(
    input: ParseStream,
    cx: &mut Cx,
    name: Name,
    at: Span,
) -> Option<ComputeEnvironment> {
    let env = name.as_str().to_owned();
    let mut kind = None;
    let mut max_vcpus = None;
    let mut subnets: Option<Vec<Name>> = None;
    let mut groups: Option<Vec<Name>> = None;
    let mut min_vcpus = None;
    let mut instance_types: Option<Vec<String>> = None;
    let mut strategy = None;
    let mut written = (false, false);
    entries(input, cx, ComputeEnvironmentKey::ALL, |input, cx| {
        let (field, key) = key::<ComputeEnvironmentKey>(input)?;
        input.parse::<Token![:]>()?;
        match field {
            ComputeEnvironmentKey::Type => {
                written.0 = true;
                once(&kind, &key)?;
                let ident = input.call(Ident::parse_any)?;
                kind = Some(match word::<ComputeKindWord>(&ident)? {
                    ComputeKindWord::Fargate => ComputeKind::Fargate,
                    ComputeKindWord::FargateSpot => ComputeKind::FargateSpot,
                    ComputeKindWord::Ec2 => ComputeKind::Ec2,
                    ComputeKindWord::Spot => ComputeKind::Spot,
                });
                cx.span(path::compute_environment_kind(&env), ident.span());
            }
            ComputeEnvironmentKey::MaxVcpus => {
                written.1 = true;
                once(&max_vcpus, &key)?;
                let at = path::compute_environment_max_vcpus(&env);
                max_vcpus = Some(per_env(input, cx, &at, |input, cx, at| {
                    let number = integer(input, cx, "a number of vCPUs")?;
                    let stand_in = || MaxVcpus::new_assert(1);
                    let (start, end) = (number.start, number.end());
                    Ok(cx.value_range(MaxVcpus::from_i128(number.value()), at, start, end, stand_in))
                })?);
            }
            ComputeEnvironmentKey::MinVcpus => {
                once(&min_vcpus, &key)?;
                let at = path::compute_environment_min_vcpus(&env);
                min_vcpus = Some(per_env(input, cx, &at, |input, cx, at| {
                    let number = integer(input, cx, "a number of vCPUs")?;
                    cx.span_range(at, number.start, number.end());
                    u32::try_from(number.value()).map_err(|_| {
                        syn::Error::new(
                            number.lit.span(),
                            "a minimum number of vCPUs is 0 or more, such as `0` to scale to nothing",
                        )
                    })
                })?);
            }
            ComputeEnvironmentKey::InstanceTypes => {
                once(&instance_types, &key)?;
                cx.span(path::compute_environment_instance_types(&env), key.span());
                let list;
                syn::bracketed!(list in input);
                let mut types = Vec::new();
                entries(&list, cx, &[], |list, cx| {
                    let lit = string(list, cx)?;
                    cx.span(path::compute_environment_instance_type(&env, types.len()), lit.span());
                    types.push(lit.value());
                    separator(list)
                });
                instance_types = Some(types);
            }
            ComputeEnvironmentKey::AllocationStrategy => {
                once(&strategy, &key)?;
                let ident = input.call(Ident::parse_any)?;
                strategy = Some(match word::<AllocationWord>(&ident)? {
                    AllocationWord::BestFit => AllocationStrategy::BestFit,
                    AllocationWord::BestFitProgressive => AllocationStrategy::BestFitProgressive,
                    AllocationWord::SpotCapacityOptimized => AllocationStrategy::SpotCapacityOptimized,
                    AllocationWord::SpotPriceCapacityOptimized => {
                        AllocationStrategy::SpotPriceCapacityOptimized
                    }
                });
                cx.span(path::compute_environment_allocation_strategy(&env), ident.span());
            }
            ComputeEnvironmentKey::Subnets => {
                once(&subnets, &key)?;
                subnets = Some(names(input, cx, |idx| {
                    path::compute_environment_subnets(&env, idx)
                })?);
            }
            ComputeEnvironmentKey::SecurityGroups => {
                once(&groups, &key)?;
                groups = Some(names(input, cx, |idx| {
                    path::compute_environment_security_group(&env, idx)
                })?);
            }
        }
        separator(input)
    });
    let (Some(kind), Some(max_vcpus)) = (kind, max_vcpus) else {
        if !written.0 || !written.1 {
            cx.error(missing(
                at,
                "a compute environment needs `type: fargate` (or `fargate_spot`, `ec2`, `spot`) and `max_vcpus: <number>`",
            ));
        }
        return None;
    };
    let mut environment = ComputeEnvironment::new(name, kind, max_vcpus);
    environment.subnets = subnets.unwrap_or_default();
    environment.security_groups = groups.unwrap_or_default();
    environment.min_vcpus = min_vcpus;
    environment.instance_types = instance_types.unwrap_or_default();
    environment.allocation_strategy = strategy;
    Some(environment)
}

/// `{ priority: 10, compute_environments: [fargate] }`; `None` without a priority (an error is
/// then recorded at `at`, the name).
fn job_queue(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> Option<JobQueue> {
    let queue = name.as_str().to_owned();
    let mut priority = None;
    let mut environments: Option<Vec<Name>> = None;
    let mut priority_written = false;
    entries(input, cx, JobQueueKey::ALL, |input, cx| {
        let (field, key) = key::<JobQueueKey>(input)?;
        input.parse::<Token![:]>()?;
        match field {
            JobQueueKey::Priority => {
                priority_written = true;
                once(&priority, &key)?;
                let number = integer(input, cx, "a priority")?;
                let stand_in = || JobQueuePriority::new_assert(0);
                priority = Some(cx.value_range(
                    JobQueuePriority::from_i128(number.value()),
                    path::job_queue_priority(&queue),
                    number.start,
                    number.end(),
                    stand_in,
                ));
            }
            JobQueueKey::ComputeEnvironments => {
                once(&environments, &key)?;
                cx.span(path::job_queue_compute_environments(&queue), key.span());
                environments = Some(names(input, cx, |idx| {
                    path::job_queue_compute_environment(&queue, idx)
                })?);
            }
        }
        separator(input)
    });
    let Some(priority) = priority else {
        if !priority_written {
            cx.error(missing(
                at,
                "a job queue needs `priority: <0 to 1000>` (the higher number is scheduled first)",
            ));
        }
        return None;
    };
    let mut job_queue = JobQueue::new(name, priority);
    job_queue.compute_environments = environments.unwrap_or_default();
    Some(job_queue)
}

