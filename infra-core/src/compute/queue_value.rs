//! The queue's typed values: its visibility timeout and retention, its dead-letter queue's
//! maximum receive count, and the queue depth a worker scales out above. Each constructor is a
//! `const fn` that rejects what Amazon SQS (or the scaling lowered from it) rejects.

use std::fmt;

use crate::rules::declare_rules;
use crate::value::ValueError;

declare_rules! {
    /// A queue's visibility timeout is outside 0 s to 12 h.
    INVALID_VISIBILITY_TIMEOUT = "invalid-visibility-timeout", Error,
        "a queue's visibility timeout is 0 seconds to 12 hours (43,200 s)",
        "SQS API CreateQueue/SetQueueAttributes VisibilityTimeout (0 to 43,200 seconds); CloudFormation AWS::SQS::Queue VisibilityTimeout";
    /// A queue's message retention is outside 60 s to 14 days.
    INVALID_MESSAGE_RETENTION = "invalid-message-retention", Error,
        "a queue keeps its messages 60 seconds to 14 days (1,209,600 s)",
        "SQS API CreateQueue/SetQueueAttributes MessageRetentionPeriod (60 to 1,209,600 seconds); CloudFormation AWS::SQS::Queue MessageRetentionPeriod";
    /// A dead-letter queue's maximum receive count is outside 1-1000.
    INVALID_MAX_RECEIVE_COUNT = "invalid-max-receive-count", Error,
        "a queue moves a message to its dead-letter queue after 1 to 1,000 receives",
        "SQS Developer Guide, Configure a dead-letter queue (Maximum receives: valid range 1 to 1,000); SQS API RedrivePolicy.maxReceiveCount";
    /// A queue-depth scaling threshold is 0.
    INVALID_QUEUE_THRESHOLD = "invalid-queue-threshold", Error,
        "a worker scales out above a queue depth of at least 1 message",
        "Application Auto Scaling StepAdjustment (bounds are relative to the alarm's threshold; the lowering's steps are [0, threshold) and [threshold, +inf), so a threshold of 0 makes an empty step, and the ranges may not overlap or leave a gap); seed §3.1 queue_threshold 1000";
}

/// Seconds in a minute, an hour and a day.
const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;

/// Reads a duration as the DSL writes it, a whole number with a unit: `30s`, `5min`, `12h` or
/// `4d`, as its number of seconds. A count beyond `u64` reads as `u64::MAX`.
///
/// ```
/// use infra_core::value::parse_duration;
///
/// assert_eq!(parse_duration("4d"), Ok(345_600));
/// assert_eq!(parse_duration("5min"), Ok(300));
/// assert!(parse_duration("5m").is_err());
/// ```
///
/// # Errors
/// [`ValueError::DurationUnit`] for anything but digits followed by `s`, `min`, `h` or `d`.
pub fn parse_duration(text: &str) -> Result<u64, ValueError> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or(ValueError::DurationUnit)?;
    let (digits, unit) = text.split_at(split);
    let unit = match unit {
        "s" => 1,
        "min" => MINUTE,
        "h" => HOUR,
        "d" => DAY,
        _ => return Err(ValueError::DurationUnit),
    };
    if digits.is_empty() {
        return Err(ValueError::DurationUnit);
    }
    Ok(digits
        .parse::<u64>()
        .ok()
        .and_then(|count| count.checked_mul(unit))
        .unwrap_or(u64::MAX))
}

/// `45s`, `5min`, `12h` or `4d`: the largest whole unit of `seconds`.
fn duration_text(seconds: u32, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let seconds = u64::from(seconds);
    match seconds {
        0 => f.write_str("0s"),
        s if s % DAY == 0 => write!(f, "{}d", s / DAY),
        s if s % HOUR == 0 => write!(f, "{}h", s / HOUR),
        s if s % MINUTE == 0 => write!(f, "{}min", s / MINUTE),
        s => write!(f, "{s}s"),
    }
}

/// Defines a whole-number value checked against an inclusive range by `const fn`s.
macro_rules! ranged {
    ($(
        $(#[$doc:meta])*
        $name:ident($repr:ty), $low:expr, $high:expr, $error:ident, $what:literal, $display:expr;
    )*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($repr);

        impl $name {
            /// The smallest value AWS accepts.
            pub const MIN: $repr = $low;
            /// The largest value AWS accepts.
            pub const MAX: $repr = $high;

            #[doc = concat!("Checks that `value` is ", $what, ".")]
            ///
            /// # Errors
            #[doc = concat!("[`ValueError::", stringify!($error), "`] otherwise.")]
            pub const fn new(value: u32) -> Result<$name, ValueError> {
                Self::from_i128(value as i128)
            }

            /// Like `new`, for a number as written, which may be negative or huge.
            ///
            /// # Errors
            #[doc = concat!("[`ValueError::", stringify!($error), "`] outside the range.")]
            pub const fn from_i128(value: i128) -> Result<$name, ValueError> {
                if value < Self::MIN as i128 || value > Self::MAX as i128 {
                    Err(ValueError::$error(value))
                } else {
                    Ok($name(value as $repr))
                }
            }

            /// Like `new`, for `const` items.
            ///
            /// # Panics
            /// Outside the range; in a `const` item that panic is a compile error.
            pub const fn new_assert(value: u32) -> $name {
                match Self::new(value) {
                    Ok(value) => value,
                    Err(error) => panic!("{}", error.summary()),
                }
            }

            /// The number.
            pub const fn get(&self) -> $repr {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let display: fn($repr, &mut fmt::Formatter<'_>) -> fmt::Result = $display;
                display(self.0, f)
            }
        }
    )*};
}

ranged! {
    /// How long a received message stays hidden from other consumers, in seconds: 0 to 43,200
    /// (12 hours).
    ///
    /// Source: SQS API `SetQueueAttributes` `VisibilityTimeout` ("from 0 to 43,200 seconds").
    ///
    /// ```
    /// use infra_core::value::{VisibilityTimeout, ValueError};
    ///
    /// const FIVE_MINUTES: VisibilityTimeout = VisibilityTimeout::new_assert(300);
    /// assert_eq!(FIVE_MINUTES.to_string(), "5min");
    /// assert_eq!(VisibilityTimeout::new(43_201), Err(ValueError::VisibilityTimeout(43_201)));
    /// ```
    VisibilityTimeout(u32), 0, 43_200, VisibilityTimeout, "0 to 43,200 seconds", duration_text;
    /// How long a queue keeps a message, in seconds: 60 (1 minute) to 1,209,600 (14 days).
    ///
    /// Source: SQS API `SetQueueAttributes` `MessageRetentionPeriod` ("from 60 seconds (1 minute)
    /// to 1,209,600 seconds (14 days)").
    ///
    /// ```
    /// use infra_core::value::{MessageRetention, ValueError};
    ///
    /// const FOUR_DAYS: MessageRetention = MessageRetention::new_assert(345_600);
    /// assert_eq!(FOUR_DAYS.to_string(), "4d");
    /// assert_eq!(MessageRetention::new(30), Err(ValueError::MessageRetention(30)));
    /// ```
    MessageRetention(u32), 60, 1_209_600, MessageRetention, "60 to 1,209,600 seconds", duration_text;
    /// How many times a message is received before SQS moves it to the dead-letter queue: 1 to
    /// 1,000.
    ///
    /// Source: SQS Developer Guide, "Configure a dead-letter queue" (Maximum receives, "valid
    /// range: 1 to 1,000"); SQS API `RedrivePolicy.maxReceiveCount`.
    ///
    /// ```
    /// use infra_core::value::{MaxReceiveCount, ValueError};
    ///
    /// assert_eq!(MaxReceiveCount::new_assert(5).get(), 5);
    /// assert_eq!(MaxReceiveCount::new(0), Err(ValueError::MaxReceiveCount(0)));
    /// ```
    MaxReceiveCount(u16), 1, 1000, MaxReceiveCount, "1 to 1,000", |n, f| write!(f, "{n}");
    /// The number of visible messages above which a worker scales out: at least 1.
    ///
    /// Source: the lowering's step scaling adds one task between the threshold and twice it and
    /// two beyond, with bounds relative to the alarm's threshold (Application Auto Scaling
    /// `StepAdjustment`): a threshold of 0 would make the first step the empty range `[0, 0)`.
    ///
    /// ```
    /// use infra_core::value::{QueueThreshold, ValueError};
    ///
    /// assert_eq!(QueueThreshold::new_assert(1000).get(), 1000);
    /// assert_eq!(QueueThreshold::new(0), Err(ValueError::QueueThreshold(0)));
    /// ```
    QueueThreshold(u32), 1, u32::MAX, QueueThreshold, "at least 1", |n, f| write!(f, "{n}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_a_unit() {
        assert_eq!(parse_duration("30s"), Ok(30));
        assert_eq!(parse_duration("5min"), Ok(300));
        assert_eq!(parse_duration("12h"), Ok(43_200));
        assert_eq!(parse_duration("14d"), Ok(1_209_600));
        for bad in ["30", "s", "5m", "1w", "-1s", "1.5h", "4 d", ""] {
            assert_eq!(parse_duration(bad), Err(ValueError::DurationUnit), "{bad}");
        }
        assert_eq!(parse_duration("99999999999999999999d"), Ok(u64::MAX));
        assert_eq!(ValueError::DurationUnit.rule().code, "invalid-duration");
    }

    #[test]
    fn ranges_are_sqs_ranges() {
        assert!(VisibilityTimeout::new(0).is_ok());
        assert!(VisibilityTimeout::new(43_200).is_ok());
        assert_eq!(
            VisibilityTimeout::from_i128(43_201).map_err(|e| e.rule().code),
            Err("invalid-visibility-timeout")
        );
        assert!(MessageRetention::new(60).is_ok());
        assert!(MessageRetention::new(1_209_600).is_ok());
        assert!(MessageRetention::new(59).is_err());
        assert_eq!(
            MessageRetention::new(1_209_601).map_err(|e| e.rule().code),
            Err("invalid-message-retention")
        );
        assert!(MaxReceiveCount::new(1).is_ok() && MaxReceiveCount::new(1000).is_ok());
        assert_eq!(
            MaxReceiveCount::from_i128(-1).map_err(|e| e.rule().code),
            Err("invalid-max-receive-count")
        );
        assert!(MaxReceiveCount::new(1001).is_err());
        assert_eq!(
            QueueThreshold::new(0).map_err(|e| e.rule().code),
            Err("invalid-queue-threshold")
        );
    }

    #[test]
    fn durations_display_in_their_largest_unit() {
        let text = |seconds| VisibilityTimeout(seconds).to_string();
        assert_eq!(text(0), "0s");
        assert_eq!(text(45), "45s");
        assert_eq!(text(300), "5min");
        assert_eq!(text(43_200), "12h");
        assert_eq!(MessageRetention(345_600).to_string(), "4d");
        assert_eq!(MessageRetention(90_000).to_string(), "25h");
    }
}
