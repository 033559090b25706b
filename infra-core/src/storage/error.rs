//! Why a lifecycle was rejected: the [`ValueError::Lifecycle`] of the lifecycle's constructor.

use std::fmt;

use super::value::{
    StorageClass, EXPIRATION_BEFORE_TRANSITION, INFREQUENT_ACCESS_TOO_EARLY,
    LIFECYCLE_TRANSITION_ORDER, LIFECYCLE_ZERO_DAYS, STORAGE_CLASS_WATERFALL,
    TOO_SOON_AFTER_INFREQUENT_ACCESS,
};
use crate::rules::Rule;
#[cfg(doc)]
use crate::value::ValueError;

/// Why S3 would reject a lifecycle; each variant belongs to a rule of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleError {
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

impl LifecycleError {
    /// The catalogue rule this error belongs to.
    pub const fn rule(&self) -> &'static Rule {
        match self {
            Self::TransitionOrder { .. } => &LIFECYCLE_TRANSITION_ORDER,
            Self::InfrequentAccessTooEarly { .. } => &INFREQUENT_ACCESS_TOO_EARLY,
            Self::StorageClassWaterfall { .. } => &STORAGE_CLASS_WATERFALL,
            Self::TooSoonAfterInfrequentAccess { .. } => &TOO_SOON_AFTER_INFREQUENT_ACCESS,
            Self::ExpirationBeforeTransition { .. } => &EXPIRATION_BEFORE_TRANSITION,
            Self::LifecycleZeroDays { .. } => &LIFECYCLE_ZERO_DAYS,
        }
    }

    /// A fixed one-line summary, usable where formatting is not (a `const` panic).
    pub const fn summary(&self) -> &'static str {
        match self {
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

    /// How to fix the lifecycle.
    pub fn help(&self) -> String {
        match *self {
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

impl fmt::Display for LifecycleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::TransitionOrder { days, previous, .. } => write!(
                f,
                "invalid lifecycle: the transition at day {days} does not come after the one before it, at day {previous}"
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::catalogue;
    use crate::value::ValueError;

    #[test]
    fn each_error_names_a_catalogue_error_and_says_how_to_fix_it() {
        let errors = [
            LifecycleError::TransitionOrder { index: 1, days: 30, previous: 90 },
            LifecycleError::InfrequentAccessTooEarly { index: 0, days: 0, class: StorageClass::StandardIa },
            LifecycleError::StorageClassWaterfall { index: 1, from: StorageClass::DeepArchive, to: StorageClass::Glacier },
            LifecycleError::TooSoonAfterInfrequentAccess {
                index: 1,
                days: 45,
                class: StorageClass::Glacier,
                earlier: StorageClass::StandardIa,
                earlier_days: 30,
            },
            LifecycleError::ExpirationBeforeTransition { days: 60, transition: 90 },
            LifecycleError::LifecycleZeroDays { action: "expire" },
        ];
        for error in errors {
            let value = ValueError::Lifecycle(error);
            assert_eq!(value.rule(), error.rule());
            assert!(catalogue().any(|rule| rule == error.rule()), "{error}");
            assert_eq!(error.rule().severity, crate::Severity::Error);
            assert_eq!(value.to_string(), error.to_string());
            assert!(!error.help().is_empty() && error.to_string().starts_with("invalid lifecycle"));
        }
        assert_eq!(
            errors[2].help(),
            "DEEP_ARCHIVE is the last class of the waterfall; remove the transition to GLACIER"
        );
    }
}
