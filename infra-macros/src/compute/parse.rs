//! The `compute { ... }` section: ECS services on Fargate.
//!
//! ```text
//! compute {
//!     queue jobs { visibility_timeout: 5min, retention: 4d, dead_letter: { max_receives: 5, retention: 14d } }
//!     service worker {
//!         image: { repository: "worker", tag: parameter },
//!         consumes: jobs,
//!         scaling { queue_depth: { threshold: 1000, cooldown: 300s } },
//!         ...
//!     }
//!     service api {
//!         image: "api-server:1.4.2",
//!         cpu: 1024, memory: 2048, port: 8080,
//!         environment: { "LOG_LEVEL": "info" },
//!         // Secrets of the security section, read by ECS when it starts a task.
//!         secrets: { "API_KEYS": api_keys },
//!         log_retention: 30d,
//!         tier: private,
//!         security_groups: [application],
//!         sends_to: [jobs],
//!         role: application,
//!         capacity: match env { production => { min: 2, desired: 4, max: 10 }, _ => { min: 1, desired: 1, max: 2 } },
//!         scaling {
//!             cpu: { target: 70, scale_in_cooldown: 300s, scale_out_cooldown: 60s },
//!             schedule weekday { schedule: "cron(0 8 ? * MON-FRI *)", time_zone: "Asia/Tokyo", min: 4, max: 10 },
//!         }
//!     }
//! }
//! ```

use infra_core::model::{
    path, Acknowledgement, Compute, Image, Metric, PerEnv, Scaling, ScheduledCapacity,
    SecretVariable, Service, TargetTracking, Variable,
};
use infra_core::value::{parse_seconds, Capacity, Name, ValueError};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, Ident, LitStr, Token};

use super::keyword::{
    CapacityKey, ComputeKey, ImageKey, ScalingKey, ScheduleKey, ServiceKey, TagWord, TrackingKey,
};
use super::queue::{queue, queue_scaling};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, attributes};
use crate::parse::per_env::per_env;
use crate::parse::syntax::*;

/// The compute section's body.
pub(super) fn compute(input: ParseStream, cx: &mut Cx, acks: &mut Vec<Acknowledgement>) -> Compute {
    let mut compute = Compute::new();
    entries(input, cx, ComputeKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (item, _) = key::<ComputeKey>(input)?;
        let ident = input.call(Ident::parse_any)?;
        match item {
            ComputeKey::Service => {
                let name = ident_name(cx, &ident, path::service);
                acknowledge(acks, cx, allows, path::service(name.as_str()));
                let content;
                braced!(content in input);
                if let Some(service) = service(&content, cx, name, ident.span()) {
                    compute.services.push(service);
                }
            }
            ComputeKey::Queue => {
                let name = ident_name(cx, &ident, path::queue);
                acknowledge(acks, cx, allows, path::queue(name.as_str()));
                let content;
                braced!(content in input);
                if let Some(queue) = queue(&content, cx, name, ident.span()) {
                    compute.queues.push(queue);
                }
            }
        }
        separator(input)
    });
    compute
}


/// A service's body; `None` without one of its required fields (an error is then recorded at
/// `at`, the name).
fn service(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> Option<Service> {
    let svc = name.as_str().to_owned();
    let mut image: Option<Image> = None;
    let mut consumes = None;
    let mut sends_to: Option<Vec<Name>> = None;
    let mut role = None;
    let mut cpu = None;
    let mut memory = None;
    let mut port = None;
    let mut environment: Option<Vec<Variable>> = None;
    let mut secrets: Option<Vec<SecretVariable>> = None;
    let mut retention = None;
    let mut log_kms_key = None;
    let mut tier = None;
    let mut groups: Option<Vec<Name>> = None;
    let mut read_only_root = None;
    let mut capacity = None;
    let mut scaling = None;
    let mut written = Vec::new();
    entries(input, cx, ServiceKey::ALL, |input, cx| {
        let (field, key) = key::<ServiceKey>(input)?;
        written.push(field);
        if field != ServiceKey::Scaling {
            input.parse::<Token![:]>()?;
        }
        match field {
            ServiceKey::Image => {
                once(&image, &key)?;
                image = image_value(input, cx, &svc)?;
            }
            ServiceKey::Consumes => {
                consumes = Some(name_ref(input, cx, &consumes, &key, path::service_consumes(&svc))?);
            }
            ServiceKey::SendsTo => {
                once(&sends_to, &key)?;
                sends_to = Some(names(input, cx, |idx| path::service_sends_to(&svc, idx))?);
            }
            ServiceKey::Role => {
                role = Some(name_ref(input, cx, &role, &key, path::service_role(&svc))?);
            }
            ServiceKey::Cpu => {
                once(&cpu, &key)?;
                cpu = Some(count(input, cx, "cpu units", path::service_cpu(&svc))?);
            }
            ServiceKey::Memory => {
                once(&memory, &key)?;
                memory = Some(count(input, cx, "memory", path::service_memory(&svc))?);
            }
            ServiceKey::Port => {
                once(&port, &key)?;
                let number = integer(input, cx, "a port")?;
                let value = number.value();
                let parsed = u16::try_from(value).map_err(|_| ValueError::Port(value));
                port = Some(cx.value_range(parsed, path::service_port(&svc), number.start, number.end(), || 8080));
            }
            ServiceKey::Environment => {
                once(&environment, &key)?;
                environment = Some(variables(input, cx, &svc)?);
            }
            ServiceKey::Secrets => {
                once(&secrets, &key)?;
                secrets = Some(secret_variables(input, cx, &svc)?);
            }
            ServiceKey::LogRetention => {
                once(&retention, &key)?;
                retention = Some(retention_days(input, cx, path::service_log_retention(&svc))?);
            }
            ServiceKey::LogKmsKey => {
                let at = path::service_log_kms_key(&svc);
                log_kms_key = Some(name_field(input, cx, &log_kms_key, &key, at)?);
            }
            ServiceKey::Tier => {
                tier = Some(name_ref(input, cx, &tier, &key, path::service_tier(&svc))?);
            }
            ServiceKey::SecurityGroups => {
                once(&groups, &key)?;
                groups = Some(names(input, cx, |idx| path::service_security_group(&svc, idx))?);
            }
            ServiceKey::ReadOnlyRoot => {
                once(&read_only_root, &key)?;
                read_only_root = Some(flag(input, cx, path::service_read_only_root(&svc))?);
            }
            ServiceKey::Capacity => {
                once(&capacity, &key)?;
                let at = path::service_capacity(&svc);
                capacity = Some(per_env(input, cx, &at, capacity_value)?);
            }
            ServiceKey::Scaling => {
                once(&scaling, &key)?;
                let content;
                braced!(content in input);
                scaling = Some(scaling_body(&content, cx, &svc));
            }
        }
        separator(input)
    });
    let (Some(image), Some(cpu), Some(memory), Some(retention), Some(tier), Some(capacity)) =
        (image, cpu, memory, retention, tier, capacity)
    else {
        let required = [
            ServiceKey::Image,
            ServiceKey::Cpu,
            ServiceKey::Memory,
            ServiceKey::LogRetention,
            ServiceKey::Tier,
            ServiceKey::Capacity,
        ];
        report_missing(cx, at, "a service", &required, &written);
        return None;
    };
    let mut service = Service::new(name, image, cpu, memory, retention, tier, capacity);
    service.port = port;
    service.consumes = consumes;
    service.log_kms_key = log_kms_key;
    service.sends_to = sends_to.unwrap_or_default();
    service.role = role;
    service.environment = environment.unwrap_or_default();
    service.secrets = secrets.unwrap_or_default();
    service.security_groups = groups.unwrap_or_default();
    service.read_only_root = read_only_root.unwrap_or(true);
    service.scaling = scaling.unwrap_or_default();
    Some(service)
}

/// `{ min: 2, desired: 4, max: 10 }`, recorded at `at` from brace to brace.
fn capacity_value(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<Capacity> {
    let content;
    let brace = braced!(content in input);
    let mut numbers: [Option<u32>; 3] = [None; 3];
    entries(&content, cx, CapacityKey::ALL, |content, cx| {
        let (field, key) = key::<CapacityKey>(content)?;
        content.parse::<Token![:]>()?;
        let slot = match field {
            CapacityKey::Min => 0,
            CapacityKey::Desired => 1,
            CapacityKey::Max => 2,
        };
        once(&numbers[slot], &key)?;
        let number = integer(content, cx, "a number of tasks")?;
        numbers[slot] = Some(u32::try_from(number.value().max(0)).unwrap_or(u32::MAX));
        separator(content)
    });
    let [Some(min), Some(desired), Some(max)] = numbers else {
        cx.span(at, brace.span.open());
        return Err(missing(
            brace.span.join(),
            "a capacity needs `min`, `desired` and `max`, for example `{ min: 2, desired: 4, max: 10 }`",
        ));
    };
    let stand_in = || Capacity::new_assert(0, 0, 0);
    Ok(cx.value_range(Capacity::new(min, desired, max), at, brace.span.open(), brace.span.close(), stand_in))
}

/// An environment variable's name: ASCII letters, digits and `_`, not starting with a digit.
fn variable_name(input: ParseStream, cx: &mut Cx) -> syn::Result<(LitStr, String)> {
    let name: LitStr = string(input, cx)?;
    let text = name.value();
    let shaped = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !shaped {
        return Err(syn::Error::new(
            name.span(),
            "an environment variable's name is ASCII letters, digits and `_`, not starting with a digit",
        ));
    }
    Ok((name, text))
}

/// `{ "NAME": secret, ... }`: the container's environment variables read from secrets, each
/// recorded from its name to its secret, and the secret's name at its token.
fn secret_variables(input: ParseStream, cx: &mut Cx, svc: &str) -> syn::Result<Vec<SecretVariable>> {
    let content;
    braced!(content in input);
    let mut parsed = Vec::new();
    entries(&content, cx, &[], |content, cx| {
        let (name, text) = variable_name(content, cx)?;
        content.parse::<Token![:]>()?;
        let ident = content.call(Ident::parse_any)?;
        cx.span_range(path::service_secret(svc, &text), name.span(), ident.span());
        let secret = ident_name(cx, &ident, |_| path::service_secret_reference(svc, &text));
        parsed.push(SecretVariable { name: text, secret });
        separator(content)
    });
    Ok(parsed)
}

/// `{ "NAME": "value", ... }`: the container's environment variables.
fn variables(input: ParseStream, cx: &mut Cx, svc: &str) -> syn::Result<Vec<Variable>> {
    let content;
    braced!(content in input);
    let mut parsed = Vec::new();
    entries(&content, cx, &[], |content, cx| {
        let (name, text) = variable_name(content, cx)?;
        content.parse::<Token![:]>()?;
        let value = string(content, cx)?;
        cx.span_range(path::service_variable(svc, &text), name.span(), value.span());
        parsed.push(Variable { name: text, value: value.value() });
        separator(content)
    });
    Ok(parsed)
}

/// `scaling { cpu: { ... }, memory: { ... }, schedule <name> { ... } }`.
fn scaling_body(input: ParseStream, cx: &mut Cx, svc: &str) -> Scaling {
    let mut scaling = Scaling::new();
    entries(input, cx, ScalingKey::ALL, |input, cx| {
        let (item, key) = key::<ScalingKey>(input)?;
        match item {
            ScalingKey::Cpu | ScalingKey::Memory => {
                let metric = if item == ScalingKey::Cpu { Metric::Cpu } else { Metric::Memory };
                let slot = match metric {
                    Metric::Cpu => &scaling.cpu,
                    Metric::Memory => &scaling.memory,
                };
                once(slot, &key)?;
                input.parse::<Token![:]>()?;
                cx.span(path::target_tracking(svc, metric), key.span());
                let content;
                braced!(content in input);
                if let Some(tracking) = tracking(&content, cx, svc, metric, key.span()) {
                    scaling = std::mem::take(&mut scaling).track(metric, tracking);
                }
            }
            ScalingKey::QueueDepth => {
                once(&scaling.queue_depth, &key)?;
                input.parse::<Token![:]>()?;
                cx.span(path::queue_scaling(svc), key.span());
                let content;
                braced!(content in input);
                scaling.queue_depth = queue_scaling(&content, cx, svc, key.span());
            }
            ScalingKey::Schedule => {
                let ident = input.call(Ident::parse_any)?;
                let name = ident_name(cx, &ident, |at| path::schedule(svc, at));
                let content;
                braced!(content in input);
                if let Some(schedule) = schedule(&content, cx, svc, name, ident.span()) {
                    scaling.schedules.push(schedule);
                }
            }
        }
        separator(input)
    });
    scaling
}

/// `{ target: 70, scale_in_cooldown: 300s, scale_out_cooldown: 60s }`; `None` without one of
/// them (an error is then recorded at `at`, the metric).
fn tracking(
    input: ParseStream,
    cx: &mut Cx,
    svc: &str,
    metric: Metric,
    at: Span,
) -> Option<TargetTracking> {
    let mut target = None;
    let mut scale_in = None;
    let mut scale_out = None;
    let mut written = 0;
    entries(input, cx, TrackingKey::ALL, |input, cx| {
        let (field, key) = key::<TrackingKey>(input)?;
        input.parse::<Token![:]>()?;
        written += 1;
        match field {
            TrackingKey::Target => {
                once(&target, &key)?;
                target = Some(count(input, cx, "a target", path::target_tracking_target(svc, metric))?);
            }
            TrackingKey::ScaleInCooldown => {
                once(&scale_in, &key)?;
                scale_in = Some(seconds(input, cx, path::target_tracking_scale_in(svc, metric))?);
            }
            TrackingKey::ScaleOutCooldown => {
                once(&scale_out, &key)?;
                scale_out = Some(seconds(input, cx, path::target_tracking_scale_out(svc, metric))?);
            }
        }
        separator(input)
    });
    let (Some(target), Some(scale_in_cooldown), Some(scale_out_cooldown)) = (target, scale_in, scale_out) else {
        if written < 3 {
            cx.error(missing(
                at,
                "target tracking needs `target: <percent>`, `scale_in_cooldown: <n>s` and `scale_out_cooldown: <n>s`",
            ));
        }
        return None;
    };
    Some(TargetTracking { target, scale_in_cooldown, scale_out_cooldown })
}

/// `"api-server:1.4.2"`, or `{ repository: "api-server", tag: parameter }` (the template takes
/// the tag as a parameter) or `{ repository: "api-server", tag: "1.4.2" }`; recorded from the
/// first token to the last. `None` when a field of the block was rejected (its error is
/// recorded).
fn image_value(input: ParseStream, cx: &mut Cx, svc: &str) -> syn::Result<Option<Image>> {
    let at = path::service_image(svc);
    if input.peek(LitStr) {
        let lit = string(input, cx)?;
        cx.span(at, lit.span());
        return Ok(Some(Image::Fixed(lit.value())));
    }
    let content;
    let brace = braced!(content in input);
    cx.span_range(at, brace.span.open(), brace.span.close());
    let mut repository: Option<LitStr> = None;
    let mut tag: Option<Option<String>> = None;
    let mut written = Vec::new();
    entries(&content, cx, ImageKey::ALL, |content, cx| {
        let (field, key) = key::<ImageKey>(content)?;
        written.push(field);
        content.parse::<Token![:]>()?;
        match field {
            ImageKey::Repository => {
                once(&repository, &key)?;
                repository = Some(string(content, cx)?);
            }
            ImageKey::Tag => {
                once(&tag, &key)?;
                if content.peek(LitStr) {
                    tag = Some(Some(string(content, cx)?.value()));
                } else {
                    let ident = content.call(Ident::parse_any)?;
                    match word::<TagWord>(&ident)? {
                        TagWord::Parameter => tag = Some(None),
                    }
                }
            }
        }
        separator(content)
    });
    let (Some(repository), Some(tag)) = (repository, tag) else {
        if [ImageKey::Repository, ImageKey::Tag].iter().all(|field| written.contains(field)) {
            return Ok(None); // A field's own error is recorded.
        }
        return Err(missing(
            brace.span.join(),
            "an image block needs `repository: \"<name>\"` and `tag: parameter` (or `tag: \"<tag>\"`)",
        ));
    };
    Ok(Some(match tag {
        Some(tag) => Image::Fixed(format!("{}:{tag}", repository.value())),
        None => Image::tag_parameter(repository.value()),
    }))
}

/// `300s`: a whole number of seconds.
pub(super) fn seconds(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<u32> {
    let number = integer_with_suffix(input)?;
    let sign = if number.negative { "-" } else { "" };
    let text = format!("{sign}{}{}", number.lit.base10_digits(), number.lit.suffix());
    Ok(cx.value_range(parse_seconds(&text), at, number.start, number.end(), || 300))
}

/// `{ schedule: "cron(...)", time_zone: "Asia/Tokyo", min: 4, max: 10 }`; `None` without one
/// of them (an error is then recorded at `at`, the name).
fn schedule(
    input: ParseStream,
    cx: &mut Cx,
    svc: &str,
    name: Name,
    at: Span,
) -> Option<ScheduledCapacity> {
    let sched = name.as_str().to_owned();
    let mut expression = None;
    let mut time_zone = None;
    let mut min: Option<PerEnv<u32>> = None;
    let mut max: Option<PerEnv<u32>> = None;
    let mut desired = None;
    let mut written = Vec::new();
    entries(input, cx, ScheduleKey::ALL, |input, cx| {
        let (field, key) = key::<ScheduleKey>(input)?;
        input.parse::<Token![:]>()?;
        written.push(field);
        match field {
            ScheduleKey::Schedule => {
                once(&expression, &key)?;
                let lit = string(input, cx)?;
                cx.span(path::schedule_expression(svc, &sched), lit.span());
                expression = Some(lit.value());
            }
            ScheduleKey::TimeZone => {
                once(&time_zone, &key)?;
                let lit = string(input, cx)?;
                cx.span(path::schedule_time_zone(svc, &sched), lit.span());
                time_zone = Some(lit.value());
            }
            ScheduleKey::Min => {
                once(&min, &key)?;
                let at = path::schedule_min(svc, &sched);
                min = Some(per_env(input, cx, &at, |input, cx, at| count(input, cx, "a capacity", at))?);
            }
            ScheduleKey::Max => {
                once(&max, &key)?;
                let at = path::schedule_max(svc, &sched);
                max = Some(per_env(input, cx, &at, |input, cx, at| count(input, cx, "a capacity", at))?);
            }
            ScheduleKey::Desired => {
                once(&desired, &key)?;
                desired = Some(count(input, cx, "a capacity", path::schedule_desired(svc, &sched))?);
            }
        }
        separator(input)
    });
    let (Some(expression), Some(time_zone), Some(min), Some(max)) = (expression, time_zone, min, max) else {
        let required = [ScheduleKey::Schedule, ScheduleKey::TimeZone, ScheduleKey::Min, ScheduleKey::Max];
        if required.iter().any(|field| !written.contains(field)) {
            cx.error(missing(
                at,
                "a schedule needs `schedule: \"cron(...)\"`, `time_zone: \"<IANA name>\"`, `min` and `max`",
            ));
        }
        return None;
    };
    let mut schedule = ScheduledCapacity::new(name, expression, time_zone, min, max);
    schedule.desired = desired;
    Some(schedule)
}

