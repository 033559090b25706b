use std::fmt;

use crate::rules::{self, Rule};
use crate::storage::value::StorageClass;

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
    /// A lifecycle transition on or before the day of the one before it.
    TransitionOrder {
        /// The transition's place in the lifecycle (0 is the first).
        index: usize,
        /// Its days.
        days: u32,
        /// The days of the transition before it.
        previous: u32,
    },
    /// A transition to STANDARD_IA or ONEZONE_IA before day 30.
    InfrequentAccessTooEarly {
        /// The transition's place in the lifecycle.
        index: usize,
        /// Its days.
        days: u32,
        /// Its class.
        class: StorageClass,
    },
    /// A transition S3's storage-class waterfall does not allow.
    StorageClassWaterfall {
        /// The transition's place in the lifecycle.
        index: usize,
        /// The class of the transition before it.
        from: StorageClass,
        /// Its class.
        to: StorageClass,
    },
    /// A transition less than 30 days after a transition to an infrequent-access class.
    TooSoonAfterInfrequentAccess {
        /// The transition's place in the lifecycle.
        index: usize,
        /// Its days.
        days: u32,
        /// Its class.
        class: StorageClass,
        /// The infrequent-access class before it.
        earlier: StorageClass,
        /// The days of that transition.
        earlier_days: u32,
    },
    /// An expiration on or before the last transition's day.
    ExpirationBeforeTransition {
        /// The expiration's days.
        days: u32,
        /// The last transition's days.
        transition: u32,
    },
    /// A lifecycle action after 0 days; names the action as the DSL writes it (`expire`).
    LifecycleZeroDays {
        /// `expire`, `noncurrent_expire` or `abort_uploads`.
        action: &'static str,
    },
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
            Self::Seconds => &rules::INVALID_DURATION,
            Self::TransitionOrder { .. } => &rules::LIFECYCLE_TRANSITION_ORDER,
            Self::InfrequentAccessTooEarly { .. } => &rules::INFREQUENT_ACCESS_TOO_EARLY,
            Self::StorageClassWaterfall { .. } => &rules::STORAGE_CLASS_WATERFALL,
            Self::TooSoonAfterInfrequentAccess { .. } => &rules::TOO_SOON_AFTER_INFREQUENT_ACCESS,
            Self::ExpirationBeforeTransition { .. } => &rules::EXPIRATION_BEFORE_TRANSITION,
            Self::LifecycleZeroDays { .. } => &rules::LIFECYCLE_ZERO_DAYS,
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
            Self::TransitionOrder { .. } => {
                "invalid lifecycle: transitions must come in strictly increasing days"
            }
            Self::InfrequentAccessTooEarly { .. } => {
                "invalid lifecycle: S3 moves objects to STANDARD_IA or ONEZONE_IA only from 30 days old"
            }
            Self::StorageClassWaterfall { .. } => {
                "invalid lifecycle: S3 moves objects only down its storage-class waterfall"
            }
            Self::TooSoonAfterInfrequentAccess { .. } => {
                "invalid lifecycle: objects stay at least 30 days in STANDARD_IA or ONEZONE_IA before the next transition"
            }
            Self::ExpirationBeforeTransition { .. } => {
                "invalid lifecycle: the expiration must come after every transition"
            }
            Self::LifecycleZeroDays { .. } => {
                "invalid lifecycle: expirations and upload aborts come after at least 1 day"
            }
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
            Self::TransitionOrder { previous, .. } => {
                format!("move this transition after day {previous}, or list the transitions by age")
            }
            Self::InfrequentAccessTooEarly { class, .. } => format!(
                "transition to {class} at `after 30d` or later; before that, INTELLIGENT_TIERING or GLACIER_IR take objects of any age"
            ),
            Self::StorageClassWaterfall { from, to, .. } => {
                let next: Vec<&str> = StorageClass::ALL
                    .iter()
                    .filter(|class| from.can_move_to(**class))
                    .map(|class| class.as_str())
                    .collect();
                if next.is_empty() {
                    format!("{from} is the last class of the waterfall; remove the transition to {to}")
                } else if let [only] = next.as_slice() {
                    format!("after {from}, transition to {only}")
                } else {
                    format!("after {from}, transition to one of {}", next.join(", "))
                }
            }
            Self::TooSoonAfterInfrequentAccess { earlier_days, earlier, .. } => format!(
                "transition at `after {}d` or later: 30 days after the {earlier} transition at day {earlier_days}",
                earlier_days.saturating_add(30)
            ),
            Self::ExpirationBeforeTransition { transition, .. } => format!(
                "expire after day {transition}, the last transition, such as `expire {}d`, or remove the transitions that come later",
                transition.saturating_add(1)
            ),
            Self::LifecycleZeroDays { action } => {
                format!("write `{action} 1d` or more, or remove it")
            }
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
            Self::TransitionOrder { index, days, previous } => write!(
                f,
                "invalid lifecycle: transition {} at day {days} does not come after the one before it, at day {previous}",
                index + 1
            ),
            Self::InfrequentAccessTooEarly { days, class, .. } => write!(
                f,
                "invalid lifecycle: a transition to {class} at day {days}, but S3 moves objects to {class} only from 30 days old"
            ),
            Self::StorageClassWaterfall { from, to, .. } => write!(
                f,
                "invalid lifecycle: S3 cannot move objects from {from} to {to}"
            ),
            Self::TooSoonAfterInfrequentAccess { days, class, earlier, earlier_days, .. } => write!(
                f,
                "invalid lifecycle: a transition to {class} at day {days}, {} days after the {earlier} transition at day {earlier_days}; objects stay at least 30 days in {earlier}",
                days.saturating_sub(earlier_days)
            ),
            Self::ExpirationBeforeTransition { days, transition } => write!(
                f,
                "invalid lifecycle: objects expire at day {days}, not after the transition at day {transition}"
            ),
            Self::LifecycleZeroDays { action } => write!(
                f,
                "invalid lifecycle: `{action} 0d`; S3 takes at least 1 day"
            ),
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
