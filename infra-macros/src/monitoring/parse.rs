//! The `monitoring { ... }` section: alert channels, severities and alarms.
//!
//! ```text
//! monitoring {
//!     email oncall_email,                      // the address is a template parameter
//!     slack alerts { channel: match env { production => "#alerts-prod", _ => "#alerts-staging" } }
//!     sns pager,                               // an existing topic: its ARN is a template parameter
//!     severity critical { response: 15min, channels: [alerts, pager] }
//!     alarm api_latency {
//!         metric: load_balancer_latency(web),  // service_cpu(<service>), database_free_storage(<db>), cache_memory(<redis>), ...
//!         above: 1000ms,                       // or `below:`; `70%`, `1s`, `1000` (a count)
//!         period: 300s,
//!         evaluations: 2,
//!         datapoints: 2,                       // optional: M of the N periods
//!         severity: critical,
//!     }
//! }
//! ```

use infra_core::model::{
    path, Acknowledgement, Alarm, AlarmMetric, AlertChannel, AlertSeverity, Comparison,
    Monitoring, PerEnv, Threshold,
};
use infra_core::value::{parse_duration, parse_seconds, Name};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, parenthesized, Ident, Token};

use super::keyword::{AlarmKey, MetricKey, SectionKey, SeverityKey, SlackKey};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, attributes, misplaced};
use crate::parse::per_env::per_env;
use crate::parse::syntax::*;

/// The section's body.
pub(super) fn monitoring(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> Monitoring {
    let mut section = Monitoring::new();
    entries(input, cx, SectionKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (item, _) = key::<SectionKey>(input)?;
        let ident = input.call(Ident::parse_any)?;
        match item {
            SectionKey::Email | SectionKey::Slack | SectionKey::Sns if !allows.is_empty() => {
                return Err(misplaced(&allows));
            }
            SectionKey::Email => {
                let name = ident_name(cx, &ident, path::alert_channel);
                section.channels.push(AlertChannel::email(name));
            }
            SectionKey::Sns => {
                let name = ident_name(cx, &ident, path::alert_channel);
                section.channels.push(AlertChannel::sns(name));
            }
            SectionKey::Slack => {
                let name = ident_name(cx, &ident, path::alert_channel);
                let channel = slack(input, cx, name.as_str(), ident.span())?;
                section.channels.push(AlertChannel::slack(name, channel));
            }
            SectionKey::Severity => {
                let name = ident_name(cx, &ident, path::severity);
                acknowledge(acks, cx, allows, path::severity(name.as_str()));
                if let Some(severity) = severity(input, cx, name, ident.span())? {
                    section.severities.push(severity);
                }
            }
            SectionKey::Alarm => {
                let name = ident_name(cx, &ident, path::alarm);
                acknowledge(acks, cx, allows, path::alarm(name.as_str()));
                if let Some(alarm) = alarm(input, cx, name, ident.span())? {
                    section.alarms.push(alarm);
                }
            }
        }
        separator(input)
    });
    section
}

/// `{ channel: "#alerts-prod" }`, the channel's name possibly per environment.
fn slack(input: ParseStream, cx: &mut Cx, name: &str, at: Span) -> syn::Result<PerEnv<String>> {
    let content;
    braced!(content in input);
    let mut channel = None;
    entries(&content, cx, SlackKey::ALL, |content, cx| {
        let (field, key) = key::<SlackKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            SlackKey::Channel => {
                once(&channel, &key)?;
                channel = Some(per_env(content, cx, &path::slack_channel(name), text)?);
            }
        }
        separator(content)
    });
    channel.ok_or_else(|| {
        missing(at, "a Slack channel needs `channel`, its name, such as `{ channel: \"#alerts-prod\" }`")
    })
}

/// `"text"`, recorded at `at`.
fn text(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<String> {
    let lit = string(input, cx)?;
    cx.span(at, lit.span());
    Ok(lit.value())
}

/// `{ response: 15min, channels: [a, b] }`; `None` without a required field (reported at `at`).
fn severity(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> syn::Result<Option<AlertSeverity>> {
    let content;
    braced!(content in input);
    let own = name.as_str().to_owned();
    let mut response = None;
    let mut channels = None;
    let mut kms_key = None;
    entries(&content, cx, SeverityKey::ALL, |content, cx| {
        let (field, key) = key::<SeverityKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            SeverityKey::Response => {
                once(&response, &key)?;
                let number = integer_with_suffix(content)?;
                let sign = if number.negative { "-" } else { "" };
                let written = format!("{sign}{}{}", number.lit.base10_digits(), number.lit.suffix());
                let at = path::severity_response(&own);
                response = Some(cx.value_range(parse_duration(&written), at, number.start, number.end(), || 3_600));
            }
            SeverityKey::Channels => {
                once(&channels, &key)?;
                channels = Some(names(content, cx, |idx| path::severity_channel(&own, idx))?);
            }
            SeverityKey::KmsKey => {
                kms_key = Some(name_field(content, cx, &kms_key, &key, path::severity_kms_key(&own))?);
            }
        }
        separator(content)
    });
    let (Some(response), Some(channels)) = (response, channels) else {
        cx.error(missing(at, "a severity needs `response` (such as `15min` or `4h`) and `channels` (such as `[slack]`)"));
        return Ok(None);
    };
    let mut severity = AlertSeverity::new(name, response, channels);
    severity.kms_key = kms_key;
    Ok(Some(severity))
}

/// An alarm's body; `None` without a required field (reported at `at`, the name).
fn alarm(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> syn::Result<Option<Alarm>> {
    let content;
    braced!(content in input);
    let own = name.as_str().to_owned();
    let mut metric: Option<(AlarmMetric, Name)> = None;
    let mut threshold: Option<(Comparison, Threshold)> = None;
    let mut period = None;
    let mut evaluations = None;
    let mut datapoints = None;
    let mut severity = None;
    entries(&content, cx, AlarmKey::ALL, |content, cx| {
        let (field, key) = key::<AlarmKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            AlarmKey::Metric => {
                once(&metric, &key)?;
                metric = Some(watched(content, cx, &own)?);
            }
            AlarmKey::Above | AlarmKey::Below => {
                if threshold.is_some() {
                    return Err(syn::Error::new(key.span(), "an alarm has one threshold: `above` or `below`"));
                }
                let comparison = if matches!(field, AlarmKey::Below) { Comparison::Below } else { Comparison::Above };
                threshold = Some((comparison, limit(content, cx, path::alarm_threshold(&own))?));
            }
            AlarmKey::Period => {
                once(&period, &key)?;
                let number = integer_with_suffix(content)?;
                let sign = if number.negative { "-" } else { "" };
                let written = format!("{sign}{}{}", number.lit.base10_digits(), number.lit.suffix());
                let at = path::alarm_period(&own);
                period = Some(cx.value_range(parse_seconds(&written), at, number.start, number.end(), || 300));
            }
            AlarmKey::Evaluations => {
                once(&evaluations, &key)?;
                evaluations = Some(count(content, cx, "a number of periods", path::alarm_evaluations(&own))?);
            }
            AlarmKey::Datapoints => {
                once(&datapoints, &key)?;
                datapoints = Some(count(content, cx, "a number of periods", path::alarm_datapoints(&own))?);
            }
            AlarmKey::Severity => {
                severity = Some(name_ref(content, cx, &severity, &key, path::alarm_severity(&own))?);
            }
        }
        separator(content)
    });
    let (Some((metric, target)), Some((comparison, threshold)), Some(period), Some(evaluations), Some(severity)) =
        (metric, threshold, period, evaluations, severity)
    else {
        cx.error(missing(
            at,
            "an alarm needs `metric`, a threshold (`above` or `below`), `period`, `evaluations` and `severity`",
        ));
        return Ok(None);
    };
    let mut alarm = Alarm::new(name, metric, target, comparison, threshold, period, evaluations, severity);
    alarm.datapoints_to_alarm = datapoints;
    Ok(Some(alarm))
}

/// `service_cpu(api)`: the metric and the component it is read from.
fn watched(input: ParseStream, cx: &mut Cx, alarm: &str) -> syn::Result<(AlarmMetric, Name)> {
    let ident = input.call(Ident::parse_any)?;
    let metric = match word::<MetricKey>(&ident)? {
        MetricKey::ServiceCpu => AlarmMetric::ServiceCpu,
        MetricKey::ServiceMemory => AlarmMetric::ServiceMemory,
        MetricKey::LoadBalancerLatency => AlarmMetric::LoadBalancerLatency,
        MetricKey::DatabaseCpu => AlarmMetric::DatabaseCpu,
        MetricKey::DatabaseConnections => AlarmMetric::DatabaseConnections,
        MetricKey::DatabaseFreeStorage => AlarmMetric::DatabaseFreeStorage,
        MetricKey::CacheCpu => AlarmMetric::CacheCpu,
        MetricKey::CacheMemory => AlarmMetric::CacheMemory,
        MetricKey::CacheConnections => AlarmMetric::CacheConnections,
    };
    cx.span(path::alarm_metric(alarm), ident.span());
    let content;
    parenthesized!(content in input);
    let target = content.call(Ident::parse_any)?;
    let name = ident_name(cx, &target, |_| path::alarm_target(alarm));
    Ok((metric, name))
}

/// A threshold with its unit: `70%`, `1000ms`, `1s`, or a bare `1000`; recorded at `at` from its
/// first token to its last.
fn limit(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<Threshold> {
    let number = integer_with_suffix(input)?;
    if number.negative {
        return Err(syn::Error::new(number.start, "a threshold is not negative"));
    }
    let value = u64::try_from(number.value()).unwrap_or(u64::MAX);
    let threshold = match number.lit.suffix() {
        "" if input.peek(Token![%]) => {
            let percent = input.parse::<Token![%]>()?;
            cx.span_range(at, number.start, percent.span);
            return Ok(Threshold::Percent(u32::try_from(value).unwrap_or(u32::MAX)));
        }
        "" => Threshold::Number(value),
        "ms" => Threshold::Milliseconds(value),
        "s" => Threshold::Milliseconds(value.saturating_mul(1000)),
        other => {
            return Err(syn::Error::new(
                number.lit.span(),
                format!("unknown unit `{other}` on a threshold; write a percent (`70%`), a duration (`1000ms`, `1s`) or a count (`1000`)"),
            ))
        }
    };
    cx.span_range(at, number.start, number.end());
    Ok(threshold)
}

