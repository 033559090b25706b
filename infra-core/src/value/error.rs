use std::fmt;

use crate::rules::{self, Rule};
use crate::storage::error::LifecycleError;

/// Why a single value was rejected by its constructor.
///
/// Each variant belongs to a rule of the catalogue; [`ValueError::rule`] names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueError {
    /// The text is not an IPv4 block such as `10.0.0.0/16`.
    CidrSyntax,
    /// The prefix length is above 32.
    CidrPrefix(u8),
    /// Bits below the prefix are set (`10.0.0.1/16`); holds the network address and prefix.
    CidrHostBits {
        /// The address with the host bits cleared.
        network: u32,
        /// The prefix length.
        prefix: u8,
    },
    /// A port range whose first port is above its last.
    PortRangeReversed {
        /// The first port.
        from: u16,
        /// The last port.
        to: u16,
    },
    /// A TCP or UDP port outside 0-65535, as written (`i128::MAX` or `MIN` once beyond that).
    Port(i128),
    /// A network ACL rule number outside 1-32766, as written (`i128::MAX` or `MIN` once beyond that).
    AclRuleNumber(i128),
    /// A log retention that CloudWatch Logs does not offer (`u64::MAX` once beyond that).
    RetentionDays(u64),
    /// A duration not written as whole days, `<n>d`.
    Duration,
    /// A name that is not lowercase ASCII words separated by `-` or `_`.
    Name,
    /// A region name not shaped like `ap-northeast-1`.
    Region,
    /// A zone name not shaped like `ap-northeast-1a`.
    Zone,
    /// An interface endpoint service not shaped like `ecr.api`.
    EndpointService,
    /// A job queue priority outside 0-1000, as written (`i128::MAX` or `MIN` once beyond that).
    JobQueuePriority(i128),
    /// A compute environment's maximum vCPUs below 1 or beyond an `Integer`, as written
    /// (`i128::MAX` or `MIN` once beyond that).
    MaxVcpus(i128),
    /// A service's capacity that is not `min <= desired <= max`.
    Capacity {
        /// The fewest tasks.
        min: u32,
        /// The desired tasks.
        desired: u32,
        /// The most tasks.
        max: u32,
    },
    /// A capacity's data form not shaped like `min 2, desired 4, max 10`.
    CapacitySyntax,
    /// A duration not written as whole seconds, `<n>s`.
    Seconds,
    /// A duration not written as a whole number with a unit: `30s`, `5min`, `12h` or `4d`.
    DurationUnit,
    /// A queue's visibility timeout outside 0-43,200 seconds, as written (`i128::MAX` or `MIN`
    /// once beyond that).
    VisibilityTimeout(i128),
    /// A queue's message retention outside 60-1,209,600 seconds, as written (`i128::MAX` or
    /// `MIN` once beyond that).
    MessageRetention(i128),
    /// A dead-letter queue's maximum receive count outside 1-1000, as written (`i128::MAX` or
    /// `MIN` once beyond that).
    MaxReceiveCount(i128),
    /// A queue-depth scaling threshold below 1, as written (`i128::MAX` or `MIN` once beyond
    /// that).
    QueueThreshold(i128),
    /// A bucket lifecycle S3 would reject.
    Lifecycle(LifecycleError),
}

impl ValueError {
    /// The catalogue rule this error belongs to.
    pub const fn rule(&self) -> &'static Rule {
        match self {
            Self::CidrSyntax | Self::CidrPrefix(_) | Self::CidrHostBits { .. } => {
                &rules::INVALID_CIDR
            }
            Self::Port(_) | Self::PortRangeReversed { .. } => &rules::INVALID_PORT_RANGE,
            Self::AclRuleNumber(_) => &rules::INVALID_ACL_RULE_NUMBER,
            Self::RetentionDays(_) => &rules::INVALID_LOG_RETENTION,
            Self::Duration => &rules::INVALID_DURATION,
            Self::Name => &rules::INVALID_NAME,
            Self::Region => &rules::INVALID_REGION,
            Self::Zone => &rules::INVALID_ZONE,
            Self::EndpointService => &rules::INVALID_ENDPOINT_SERVICE,
            Self::JobQueuePriority(_) => &rules::INVALID_JOB_QUEUE_PRIORITY,
            Self::MaxVcpus(_) => &rules::INVALID_MAX_VCPUS,
            Self::Capacity { .. } | Self::CapacitySyntax => &rules::INVALID_CAPACITY,
            Self::Seconds | Self::DurationUnit => &rules::INVALID_DURATION,
            Self::VisibilityTimeout(_) => &rules::INVALID_VISIBILITY_TIMEOUT,
            Self::MessageRetention(_) => &rules::INVALID_MESSAGE_RETENTION,
            Self::MaxReceiveCount(_) => &rules::INVALID_MAX_RECEIVE_COUNT,
            Self::QueueThreshold(_) => &rules::INVALID_QUEUE_THRESHOLD,
            Self::Lifecycle(error) => error.rule(),
        }
    }

    /// A fixed one-line summary, usable where formatting is not (a `const` panic).
    pub const fn summary(&self) -> &'static str {
        match self {
            Self::CidrSyntax => "invalid CIDR block: expected an IPv4 block such as `10.0.0.0/16`",
            Self::CidrPrefix(_) => "invalid CIDR block: an IPv4 prefix length is at most 32",
            Self::CidrHostBits { .. } => {
                "invalid CIDR block: bits below the prefix are set; use the network address"
            }
            Self::Port(_) => "invalid port: TCP and UDP ports run 0 to 65535",
            Self::PortRangeReversed { .. } => "invalid port range: the first port is above the last",
            Self::AclRuleNumber(_) => "invalid network ACL rule number: AWS allows 1 to 32766",
            Self::RetentionDays(_) => {
                "invalid log retention: CloudWatch Logs allows 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, \
                 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days"
            }
            Self::Duration => "invalid duration: expected a whole number of days such as `30d`",
            Self::Name => {
                "invalid name: use lowercase ASCII letters and digits, starting with a letter, \
                 words separated by single `-` or `_`, at most 64 characters"
            }
            Self::Region => "invalid region: expected a region name such as `ap-northeast-1`",
            Self::Zone => "invalid zone: expected an availability zone name such as `ap-northeast-1a`",
            Self::EndpointService => {
                "invalid endpoint service: expected the service part of \
                 `com.amazonaws.<region>.<service>`, such as `ecr.api` or `logs`"
            }
            Self::JobQueuePriority(_) => {
                "invalid job queue priority: AWS Batch allows 0 to 1000, and schedules the higher number first"
            }
            Self::MaxVcpus(_) => {
                "invalid maximum vCPUs: a compute environment runs at least 1 vCPU, at most 2147483647"
            }
            Self::Capacity { .. } => {
                "invalid capacity: a service's capacity is min <= desired <= max tasks"
            }
            Self::CapacitySyntax => {
                "invalid capacity: expected `min <n>, desired <n>, max <n>`"
            }
            Self::Seconds => "invalid duration: expected a whole number of seconds such as `300s`",
            Self::DurationUnit => {
                "invalid duration: expected a whole number and a unit (`s`, `min`, `h` or `d`), such as `30s` or `4d`"
            }
            Self::VisibilityTimeout(_) => {
                "invalid visibility timeout: Amazon SQS allows 0 seconds to 12 hours (43,200 s)"
            }
            Self::MessageRetention(_) => {
                "invalid message retention: Amazon SQS keeps messages 60 seconds to 14 days (1,209,600 s)"
            }
            Self::MaxReceiveCount(_) => {
                "invalid maximum receive count: Amazon SQS allows 1 to 1,000 receives before the dead-letter queue"
            }
            Self::QueueThreshold(_) => {
                "invalid queue threshold: a worker scales out above at least 1 visible message"
            }
            Self::Lifecycle(error) => error.summary(),
        }
    }

    /// How to fix the value.
    pub fn help(&self) -> String {
        match *self {
            Self::CidrSyntax => {
                "write the block as four octets, a slash and a prefix length".into()
            }
            Self::CidrPrefix(_) => {
                "an IPv4 prefix length is /0 to /32 (VPCs and subnets use /16 to /28)".into()
            }
            Self::CidrHostBits { network, prefix } => {
                format!(
                    "did you mean `{}`?",
                    super::Cidr::from_parts(network, prefix)
                )
            }
            Self::Port(_) => "write a port from 0 to 65535, or `all` for every port".into(),
            Self::PortRangeReversed { from, to } => format!("did you mean `{to}..={from}`?"),
            Self::AclRuleNumber(_) => {
                "number rules from 1 to 32766; 32767-65535 are reserved by AWS".into()
            }
            Self::RetentionDays(days) => match super::retention::nearest_allowed(days) {
                Some(near) => format!("the nearest allowed retention is {}", days_text(near)),
                None => "pick one of the allowed retentions".into(),
            },
            Self::Duration => {
                "write the number of days followed by `d`, for example `30d`; CloudWatch Logs counts retention in days".into()
            }
            Self::Name => "for example `private`, `app_servers` or `high-priority`".into(),
            Self::Region => "use the region code, not its display name".into(),
            Self::Zone => "a zone name is its region followed by a letter".into(),
            Self::EndpointService => {
                "write lowercase words separated by `.`, such as `ecr.dkr` or `secretsmanager`, without `com.amazonaws.<region>.`".into()
            }
            Self::JobQueuePriority(_) => {
                "write a number from 0 to 1000; the queue with the higher number is scheduled first".into()
            }
            Self::MaxVcpus(_) => {
                "write the most vCPUs the environment may run at once, such as `100`".into()
            }
            Self::Capacity { min, desired, max } => {
                if min > max {
                    format!("the minimum ({min}) is above the maximum ({max}); swap them")
                } else {
                    format!("the desired count ({desired}) must lie within {min} to {max} tasks")
                }
            }
            Self::CapacitySyntax => "write for example `min 2, desired 4, max 10`".into(),
            Self::Seconds => {
                "write the number of seconds followed by `s`, for example `300s`; Application Auto Scaling counts cooldowns in seconds".into()
            }
            Self::DurationUnit => {
                "write for example `30s`, `5min`, `12h` or `4d`".into()
            }
            Self::VisibilityTimeout(_) => {
                "give the worker the time it needs for one message, at most `12h`; it can extend a message's timeout with ChangeMessageVisibility".into()
            }
            Self::MessageRetention(_) => {
                "write a retention from `60s` to `14d` (the default of Amazon SQS is `4d`)".into()
            }
            Self::MaxReceiveCount(_) => {
                "write how many times a message may be received before it is set aside, from 1 to 1000, such as `5`".into()
            }
            Self::QueueThreshold(_) => {
                "write the number of visible messages above which the worker adds tasks, such as `1000`".into()
            }
            Self::Lifecycle(error) => error.help(),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::CidrPrefix(p) => write!(f, "invalid CIDR block: prefix length /{p} is above /32"),
            Self::CidrHostBits { network, prefix } => write!(
                f,
                "invalid CIDR block: bits below the /{prefix} prefix are set (the network is `{}`)",
                super::Cidr::from_parts(network, prefix)
            ),
            Self::Capacity { min, desired, max } => write!(
                f,
                "invalid capacity: min {min}, desired {desired}, max {max} is not min <= desired <= max"
            ),
            Self::Lifecycle(error) => error.fmt(f),
            Self::PortRangeReversed { from, to } => {
                write!(
                    f,
                    "invalid port range `{from}..={to}`: the first port is above the last"
                )
            }
            Self::Port(n) if n != i128::MAX && n != i128::MIN => {
                write!(f, "invalid port {n}: TCP and UDP ports run 0 to 65535")
            }
            Self::AclRuleNumber(n) if n != i128::MAX && n != i128::MIN => {
                write!(
                    f,
                    "invalid network ACL rule number {n}: AWS allows 1 to 32766"
                )
            }
            Self::JobQueuePriority(n) if n != i128::MAX && n != i128::MIN => write!(
                f,
                "invalid job queue priority {n}: AWS Batch allows 0 to 1000, and schedules the higher number first"
            ),
            Self::MaxVcpus(n) if n != i128::MAX && n != i128::MIN => write!(
                f,
                "invalid maximum vCPUs {n}: a compute environment runs at least 1 vCPU, at most 2147483647"
            ),
            Self::VisibilityTimeout(n) if n != i128::MAX && n != i128::MIN => write!(
                f,
                "invalid visibility timeout of {n} s: Amazon SQS allows 0 seconds to 12 hours (43,200 s)"
            ),
            Self::MessageRetention(n) if n != i128::MAX && n != i128::MIN => write!(
                f,
                "invalid message retention of {n} s: Amazon SQS keeps messages 60 seconds to 14 days (1,209,600 s)"
            ),
            Self::MaxReceiveCount(n) if n != i128::MAX && n != i128::MIN => write!(
                f,
                "invalid maximum receive count {n}: Amazon SQS allows 1 to 1,000 receives before the dead-letter queue"
            ),
            Self::QueueThreshold(n) if n != i128::MAX && n != i128::MIN => write!(
                f,
                "invalid queue threshold {n}: a worker scales out above at least 1 visible message"
            ),
            Self::RetentionDays(d) if d != u64::MAX => write!(
                f,
                "invalid log retention of {}: {}",
                days_text(d),
                self.summary().trim_start_matches("invalid log retention: ")
            ),
            _ => f.write_str(self.summary()),
        }
    }
}

impl std::error::Error for ValueError {}

/// `1 day`, `30 days`.
fn days_text(days: impl Into<u64>) -> String {
    match days.into() {
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::ValueError;
    use crate::rules::catalogue;
    use crate::value::{
        parse_days, AclRuleNumber, Cidr, Name, PortRange, Region, RetentionDays, Zone,
    };

    /// Each constructor's error names a rule of the catalogue, as the builder reports it.
    #[test]
    fn constructors_report_their_catalogue_rules() {
        let errors = [
            (PortRange::port(70000).unwrap_err(), "invalid-port-range"),
            (PortRange::port(-1).unwrap_err(), "invalid-port-range"),
            (
                AclRuleNumber::from_i128(1 << 32).unwrap_err(),
                "invalid-acl-rule-number",
            ),
            (parse_days("30days").unwrap_err(), "invalid-duration"),
            (Cidr::new("10.0.0.0/33").unwrap_err(), "invalid-cidr"),
            (
                PortRange::new(65535, 1024).unwrap_err(),
                "invalid-port-range",
            ),
            (
                AclRuleNumber::new(32767).unwrap_err(),
                "invalid-acl-rule-number",
            ),
            (
                AclRuleNumber::new(0).unwrap_err(),
                "invalid-acl-rule-number",
            ),
            (RetentionDays::new(31).unwrap_err(), "invalid-log-retention"),
            ("Demo".parse::<Name>().unwrap_err(), "invalid-name"),
            ("Tokyo".parse::<Region>().unwrap_err(), "invalid-region"),
            ("apne1-az1".parse::<Zone>().unwrap_err(), "invalid-zone"),
        ];
        for (error, code) in errors {
            let rule = error.rule();
            assert_eq!(rule.code, code);
            assert!(
                catalogue().any(|known| known == rule),
                "`{code}` is not in the catalogue"
            );
            assert_eq!(rule.severity, crate::Severity::Error);
            assert!(!error.to_string().is_empty() && !error.help().is_empty());
        }
    }

    #[test]
    fn messages_name_the_value() {
        assert_eq!(
            ValueError::AclRuleNumber(40000).to_string(),
            "invalid network ACL rule number 40000: AWS allows 1 to 32766"
        );
        assert_eq!(
            ValueError::PortRangeReversed { from: 80, to: 8 }.help(),
            "did you mean `8..=80`?"
        );
        assert_eq!(
            ValueError::Port(-1).to_string(),
            "invalid port -1: TCP and UDP ports run 0 to 65535"
        );
        assert_eq!(
            ValueError::RetentionDays(2).to_string(),
            "invalid log retention of 2 days: CloudWatch Logs allows 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days"
        );
    }

    /// A number beyond what the front end could read is not shown as the number it saturated to.
    #[test]
    fn saturated_numbers_are_not_shown() {
        for error in [
            ValueError::Port(i128::MAX),
            ValueError::Port(i128::MIN),
            ValueError::AclRuleNumber(i128::MAX),
            ValueError::RetentionDays(u64::MAX),
        ] {
            let text = error.to_string();
            assert!(
                !text.contains("170141183") && !text.contains("18446744"),
                "{text}"
            );
            assert_eq!(text, error.summary());
        }
    }

    #[test]
    fn day_counts_agree_in_number() {
        assert_eq!(
            ValueError::RetentionDays(0).help(),
            "the nearest allowed retention is 1 day"
        );
        assert_eq!(
            ValueError::RetentionDays(29).help(),
            "the nearest allowed retention is 30 days"
        );
    }
}
