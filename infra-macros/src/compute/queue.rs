//! `queue <name> { ... }` in `compute { ... }`, and a service's `scaling { queue_depth: { ... } }`.
//!
//! ```text
//! queue jobs {
//!     visibility_timeout: 5min,
//!     retention: 4d,
//!     dead_letter: { max_receives: 5, retention: 14d },
//! }
//! ```

use infra_core::model::{path, DeadLetter, Queue, QueueScaling};
use infra_core::value::{
    parse_duration, MaxReceiveCount, MessageRetention, Name, QueueThreshold, ValueError,
    VisibilityTimeout,
};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::{braced, Token};

use super::keyword::{DeadLetterKey, QueueKey, QueueScalingKey};
use super::parse::seconds;
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::syntax::*;

/// A queue's body; `None` without one of its fields (an error is then recorded at `at`, the
/// name).
pub(super) fn queue(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> Option<Queue> {
    let queue = name.as_str().to_owned();
    let mut visibility = None;
    let mut retention = None;
    let mut dead_letter = None;
    let mut kms_key = None;
    let mut written = Vec::new();
    entries(input, cx, QueueKey::ALL, |input, cx| {
        let (field, key) = key::<QueueKey>(input)?;
        input.parse::<Token![:]>()?;
        written.push(field);
        match field {
            QueueKey::VisibilityTimeout => {
                once(&visibility, &key)?;
                let at = path::queue_visibility_timeout(&queue);
                visibility = Some(duration(input, cx, at, VisibilityTimeout::from_i128, || {
                    VisibilityTimeout::new_assert(30)
                })?);
            }
            QueueKey::Retention => {
                once(&retention, &key)?;
                let at = path::queue_retention(&queue);
                retention = Some(duration(input, cx, at, MessageRetention::from_i128, four_days)?);
            }
            QueueKey::DeadLetter => {
                once(&dead_letter, &key)?;
                cx.span(path::dead_letter(&queue), key.span());
                let content;
                braced!(content in input);
                dead_letter = dead_letter_body(&content, cx, &queue, key.span());
            }
            QueueKey::KmsKey => {
                kms_key = Some(name_field(input, cx, &kms_key, &key, path::queue_kms_key(&queue))?);
            }
        }
        separator(input)
    });
    let (Some(visibility), Some(retention), Some(dead_letter)) = (visibility, retention, dead_letter) else {
        let required = [QueueKey::VisibilityTimeout, QueueKey::Retention, QueueKey::DeadLetter];
        if required.iter().any(|field| !written.contains(field)) {
            cx.error(missing(
                at,
                "a queue needs `visibility_timeout: <duration>`, `retention: <duration>` and `dead_letter: { max_receives: <n>, retention: <duration> }`",
            ));
        }
        return None;
    };
    let mut made = Queue::new(name, visibility, retention, dead_letter);
    made.kms_key = kms_key;
    Some(made)
}

/// The stand-in for a rejected retention: SQS's default, 4 days.
fn four_days() -> MessageRetention {
    MessageRetention::new_assert(345_600)
}

/// `{ max_receives: 5, retention: 14d }`; `None` without one of them (an error is then recorded
/// at `at`, the key).
fn dead_letter_body(input: ParseStream, cx: &mut Cx, queue: &str, at: Span) -> Option<DeadLetter> {
    let mut max_receives = None;
    let mut retention = None;
    let mut written = 0;
    entries(input, cx, DeadLetterKey::ALL, |input, cx| {
        let (field, key) = key::<DeadLetterKey>(input)?;
        input.parse::<Token![:]>()?;
        written += 1;
        match field {
            DeadLetterKey::MaxReceives => {
                once(&max_receives, &key)?;
                let number = integer(input, cx, "a receive count")?;
                let parsed = MaxReceiveCount::from_i128(number.value());
                let at = path::dead_letter_max_receives(queue);
                let stand_in = || MaxReceiveCount::new_assert(5);
                max_receives = Some(cx.value_range(parsed, at, number.start, number.end(), stand_in));
            }
            DeadLetterKey::Retention => {
                once(&retention, &key)?;
                let at = path::dead_letter_retention(queue);
                retention = Some(duration(input, cx, at, MessageRetention::from_i128, four_days)?);
            }
        }
        separator(input)
    });
    let (Some(max_receives), Some(retention)) = (max_receives, retention) else {
        if written < DeadLetterKey::ALL.len() {
            cx.error(missing(at, "a dead-letter queue needs `max_receives: <1-1000>` and `retention: <duration>`"));
        }
        return None;
    };
    Some(DeadLetter { max_receives, retention })
}

/// `30s`, `5min`, `12h` or `4d`, checked by `check` (which takes seconds) and recorded at `at`.
fn duration<T: std::fmt::Display>(
    input: ParseStream,
    cx: &mut Cx,
    at: ModelPath,
    check: fn(i128) -> Result<T, ValueError>,
    stand_in: fn() -> T,
) -> syn::Result<T> {
    let number = integer_with_suffix(input)?;
    let sign = if number.negative { "-" } else { "" };
    let text = format!("{sign}{}{}", number.lit.base10_digits(), number.lit.suffix());
    let parsed = parse_duration(&text).and_then(|secs| check(i128::from(secs)));
    Ok(cx.value_range(parsed, at, number.start, number.end(), stand_in))
}

/// `{ threshold: 1000, cooldown: 300s }`; `None` without one of them (an error is then recorded
/// at `at`, the key).
pub(super) fn queue_scaling(input: ParseStream, cx: &mut Cx, svc: &str, at: Span) -> Option<QueueScaling> {
    let mut threshold = None;
    let mut cooldown = None;
    let mut written = 0;
    entries(input, cx, QueueScalingKey::ALL, |input, cx| {
        let (field, key) = key::<QueueScalingKey>(input)?;
        input.parse::<Token![:]>()?;
        written += 1;
        match field {
            QueueScalingKey::Threshold => {
                once(&threshold, &key)?;
                let number = integer(input, cx, "a number of messages")?;
                let parsed = QueueThreshold::from_i128(number.value());
                let at = path::queue_scaling_threshold(svc);
                let stand_in = || QueueThreshold::new_assert(1000);
                threshold = Some(cx.value_range(parsed, at, number.start, number.end(), stand_in));
            }
            QueueScalingKey::Cooldown => {
                once(&cooldown, &key)?;
                cooldown = Some(seconds(input, cx, path::queue_scaling_cooldown(svc))?);
            }
        }
        separator(input)
    });
    let (Some(threshold), Some(cooldown)) = (threshold, cooldown) else {
        if written < QueueScalingKey::ALL.len() {
            cx.error(missing(at, "queue depth scaling needs `threshold: <messages>` and `cooldown: <n>s`"));
        }
        return None;
    };
    Some(QueueScaling { threshold, cooldown })
}
