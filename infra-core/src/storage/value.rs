//! The storage section's typed values: storage classes, lifecycle transitions and a bucket's
//! lifecycle. [`Lifecycle::new`] is a `const fn` that rejects every lifecycle S3 rejects, so a
//! lifecycle built in a `const` item is checked by the compiler.

use std::borrow::Cow;
use std::fmt;

use crate::rules::declare_rules;
use super::error::LifecycleError;
use crate::value::ValueError;

declare_rules! {
    /// A lifecycle's transitions are not in strictly increasing days.
    LIFECYCLE_TRANSITION_ORDER = "lifecycle-transition-order", Error,
        "a lifecycle's transitions come in strictly increasing days",
        "S3 User Guide, lifecycle-transition-general-considerations.md \"Constraints\" (a later transition must have larger Days than an earlier one); aws-rules.md §6";
    /// A transition to STANDARD_IA or ONEZONE_IA before day 30.
    INFREQUENT_ACCESS_TOO_EARLY = "infrequent-access-too-early", Error,
        "a transition to STANDARD_IA or ONEZONE_IA comes at 30 days or later",
        "S3 User Guide, lifecycle-transition-general-considerations.md (objects must be stored at least 30 days before they move to S3 Standard-IA or One Zone-IA); S3 API Transition.Days; aws-rules.md §6";
    /// A transition S3's storage-class waterfall does not allow.
    STORAGE_CLASS_WATERFALL = "storage-class-waterfall", Error,
        "each transition moves objects down S3's storage-class waterfall",
        "S3 User Guide, lifecycle-transition-general-considerations.md \"Supported lifecycle transitions\" (STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE, downward only; not ONEZONE_IA to GLACIER_IR); aws-rules.md §6";
    /// A transition less than 30 days after a transition to an infrequent-access class.
    TOO_SOON_AFTER_INFREQUENT_ACCESS = "too-soon-after-infrequent-access", Error,
        "a GLACIER, DEEP_ARCHIVE or ONEZONE_IA transition comes at least 30 days after a STANDARD_IA or ONEZONE_IA transition",
        "S3 User Guide, lifecycle-transition-general-considerations.md \"Constraints\" (the 30-day minimum in Standard-IA and One Zone-IA before the next transition); aws-rules.md §6";
    /// An expiration on or before a transition's day.
    EXPIRATION_BEFORE_TRANSITION = "expiration-before-transition", Error,
        "a lifecycle's expiration comes after every transition",
        "S3 API PutBucketLifecycleConfiguration (\"'Days' in the Expiration action ... must be greater than 'Days' in the Transition action\"); aws-rules.md §6";
    /// An expiration, noncurrent-version expiration or multipart-upload abort after 0 days.
    LIFECYCLE_ZERO_DAYS = "lifecycle-zero-days", Error,
        "expirations and the abort of incomplete multipart uploads come after at least 1 day",
        "S3 API LifecycleExpiration.Days, NoncurrentVersionExpiration.NoncurrentDays, AbortIncompleteMultipartUpload.DaysAfterInitiation (non-zero positive integers); aws-rules.md §6";
}

/// A storage class objects can transition to. STANDARD is not one: objects start there, and no
/// lifecycle moves them back.
///
/// Source: S3 User Guide, lifecycle-transition-general-considerations.md; S3 API
/// `Transition.StorageClass`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StorageClass {
    /// S3 Standard-Infrequent Access.
    StandardIa,
    /// S3 Intelligent-Tiering.
    IntelligentTiering,
    /// S3 One Zone-Infrequent Access.
    OnezoneIa,
    /// S3 Glacier Instant Retrieval.
    GlacierIr,
    /// S3 Glacier Flexible Retrieval.
    Glacier,
    /// S3 Glacier Deep Archive.
    DeepArchive,
}

impl StorageClass {
    /// S3's name of the class, such as `STANDARD_IA`.
    pub const fn as_str(self) -> &'static str {
        match self {
            StorageClass::StandardIa => "STANDARD_IA",
            StorageClass::IntelligentTiering => "INTELLIGENT_TIERING",
            StorageClass::OnezoneIa => "ONEZONE_IA",
            StorageClass::GlacierIr => "GLACIER_IR",
            StorageClass::Glacier => "GLACIER",
            StorageClass::DeepArchive => "DEEP_ARCHIVE",
        }
    }

    /// Its place in S3's waterfall: objects move only to a later place.
    const fn rank(self) -> u8 {
        match self {
            StorageClass::StandardIa => 1,
            StorageClass::IntelligentTiering => 2,
            StorageClass::OnezoneIa => 3,
            StorageClass::GlacierIr => 4,
            StorageClass::Glacier => 5,
            StorageClass::DeepArchive => 6,
        }
    }

    /// Whether the class is Standard-IA or One Zone-IA, which take objects from day 30 only
    /// and keep them at least 30 days.
    pub const fn is_infrequent_access(self) -> bool {
        matches!(self, StorageClass::StandardIa | StorageClass::OnezoneIa)
    }

    /// Whether a lifecycle may move objects from this class to `to`.
    ///
    /// Source: S3 User Guide, "Supported lifecycle transitions": downward in the waterfall
    /// STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE, except
    /// ONEZONE_IA to GLACIER_IR.
    pub const fn can_move_to(self, to: StorageClass) -> bool {
        to.rank() > self.rank()
            && !matches!(
                (self, to),
                (StorageClass::OnezoneIa, StorageClass::GlacierIr)
            )
    }

    /// Every class, in waterfall order.
    pub const ALL: [StorageClass; 6] = [
        StorageClass::StandardIa,
        StorageClass::IntelligentTiering,
        StorageClass::OnezoneIa,
        StorageClass::GlacierIr,
        StorageClass::Glacier,
        StorageClass::DeepArchive,
    ];
}

impl fmt::Display for StorageClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Objects move to `class` once `days` old.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// The objects' age in days.
    pub days: u32,
    /// The class they move to.
    pub class: StorageClass,
}

impl Transition {
    /// Objects move to `class` at `days` days old.
    pub const fn after(days: u32, class: StorageClass) -> Transition {
        Transition { days, class }
    }
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "after {}d => {}", self.days, self.class)
    }
}

/// A bucket's lifecycle: transitions by age, the expiration of current objects, of noncurrent
/// versions, and the abort of incomplete multipart uploads. Lowered as one lifecycle rule over
/// the whole bucket.
///
/// ```
/// use infra_core::value::{Lifecycle, LifecycleError, StorageClass, Transition, ValueError};
///
/// const DATASETS: Lifecycle = Lifecycle::new_assert(
///     &[Transition::after(30, StorageClass::StandardIa), Transition::after(90, StorageClass::Glacier)],
///     Some(365),
///     Some(90),
///     Some(7),
/// );
/// assert_eq!(DATASETS.transitions().len(), 2);
/// // GLACIER 20 days after STANDARD_IA: S3 keeps objects 30 days in Standard-IA.
/// let early = Lifecycle::from_parts(
///     vec![Transition::after(30, StorageClass::StandardIa), Transition::after(50, StorageClass::Glacier)],
///     None,
///     None,
///     None,
/// );
/// assert!(matches!(early, Err(ValueError::Lifecycle(LifecycleError::TooSoonAfterInfrequentAccess { .. }))));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "LifecycleData", into = "LifecycleData")]
pub struct Lifecycle {
    transitions: Cow<'static, [Transition]>,
    expiration: Option<u32>,
    noncurrent_expiration: Option<u32>,
    abort_incomplete_uploads: Option<u32>,
}

impl Lifecycle {
    /// A lifecycle that S3 accepts: transitions in strictly increasing days, down the
    /// storage-class waterfall, infrequent-access classes from day 30, 30 days in an
    /// infrequent-access class before the next such or archive transition, an expiration after
    /// every transition, and no action after 0 days.
    ///
    /// # Errors
    /// The first [`ValueError`] of [`Lifecycle::check`].
    pub const fn new(
        transitions: &'static [Transition],
        expiration: Option<u32>,
        noncurrent_expiration: Option<u32>,
        abort_incomplete_uploads: Option<u32>,
    ) -> Result<Lifecycle, ValueError> {
        match Lifecycle::check(
            transitions,
            expiration,
            noncurrent_expiration,
            abort_incomplete_uploads,
        ) {
            Ok(()) => Ok(Lifecycle {
                transitions: Cow::Borrowed(transitions),
                expiration,
                noncurrent_expiration,
                abort_incomplete_uploads,
            }),
            Err(error) => Err(error),
        }
    }

    /// Like [`Lifecycle::new`], for `const` items.
    ///
    /// # Panics
    /// When S3 would reject the lifecycle; in a `const` item that panic is a compile error.
    pub const fn new_assert(
        transitions: &'static [Transition],
        expiration: Option<u32>,
        noncurrent_expiration: Option<u32>,
        abort_incomplete_uploads: Option<u32>,
    ) -> Lifecycle {
        if let Err(error) = Lifecycle::check(
            transitions,
            expiration,
            noncurrent_expiration,
            abort_incomplete_uploads,
        ) {
            panic!("{}", error.summary());
        }
        Lifecycle {
            transitions: Cow::Borrowed(transitions),
            expiration,
            noncurrent_expiration,
            abort_incomplete_uploads,
        }
    }

    /// Like [`Lifecycle::new`], with transitions made at run time.
    ///
    /// # Errors
    /// The first [`ValueError`] of [`Lifecycle::check`].
    pub fn from_parts(
        transitions: Vec<Transition>,
        expiration: Option<u32>,
        noncurrent_expiration: Option<u32>,
        abort_incomplete_uploads: Option<u32>,
    ) -> Result<Lifecycle, ValueError> {
        Lifecycle::check(
            &transitions,
            expiration,
            noncurrent_expiration,
            abort_incomplete_uploads,
        )?;
        Ok(Lifecycle {
            transitions: Cow::Owned(transitions),
            expiration,
            noncurrent_expiration,
            abort_incomplete_uploads,
        })
    }

    /// The first reason S3 would reject this lifecycle, checking the transitions in order, then
    /// the expiration, the noncurrent-version expiration and the multipart-upload abort. A front
    /// end that checks the transitions one by one (each with those before it) finds each
    /// transition's own finding.
    ///
    /// Source: S3 User Guide, lifecycle-transition-general-considerations.md and
    /// lifecycle-expire-general-considerations.md; S3 API `PutBucketLifecycleConfiguration`
    /// (aws-rules.md §6).
    ///
    /// # Errors
    /// A [`ValueError::Lifecycle`] whose [`LifecycleError`] says why.
    pub const fn check(
        transitions: &[Transition],
        expiration: Option<u32>,
        noncurrent_expiration: Option<u32>,
        abort_incomplete_uploads: Option<u32>,
    ) -> Result<(), ValueError> {
        let mut idx = 0;
        let mut latest_infrequent: Option<Transition> = None;
        while idx < transitions.len() {
            let transition = transitions[idx];
            let (days, class) = (transition.days, transition.class);
            if idx > 0 {
                let previous = transitions[idx - 1];
                if days <= previous.days {
                    return Err(ValueError::Lifecycle(LifecycleError::TransitionOrder {
                        index: idx,
                        days,
                        previous: previous.days,
                    }));
                }
                if !previous.class.can_move_to(class) {
                    return Err(ValueError::Lifecycle(LifecycleError::StorageClassWaterfall {
                        index: idx,
                        from: previous.class,
                        to: class,
                    }));
                }
            }
            if class.is_infrequent_access() && days < 30 {
                return Err(ValueError::Lifecycle(LifecycleError::InfrequentAccessTooEarly {
                    index: idx,
                    days,
                    class,
                }));
            }
            if let Some(earlier) = latest_infrequent {
                let archive = matches!(
                    class,
                    StorageClass::Glacier | StorageClass::DeepArchive | StorageClass::OnezoneIa
                );
                if archive && days < earlier.days.saturating_add(30) {
                    return Err(ValueError::Lifecycle(LifecycleError::TooSoonAfterInfrequentAccess {
                        index: idx,
                        days,
                        class,
                        earlier: earlier.class,
                        earlier_days: earlier.days,
                    }));
                }
            }
            if class.is_infrequent_access() {
                latest_infrequent = Some(transition);
            }
            idx += 1;
        }
        if let Some(days) = expiration {
            if days == 0 {
                return Err(ValueError::Lifecycle(LifecycleError::LifecycleZeroDays {
                    action: "expire",
                }));
            }
            if let Some(last) = last_day(transitions) {
                if days <= last {
                    return Err(ValueError::Lifecycle(LifecycleError::ExpirationBeforeTransition {
                        days,
                        transition: last,
                    }));
                }
            }
        }
        if matches!(noncurrent_expiration, Some(0)) {
            return Err(ValueError::Lifecycle(LifecycleError::LifecycleZeroDays {
                action: "noncurrent_expire",
            }));
        }
        if matches!(abort_incomplete_uploads, Some(0)) {
            return Err(ValueError::Lifecycle(LifecycleError::LifecycleZeroDays {
                action: "abort_uploads",
            }));
        }
        Ok(())
    }

    /// The transitions, in increasing days.
    pub fn transitions(&self) -> &[Transition] {
        &self.transitions
    }

    /// The days after which current objects expire, if they do.
    pub const fn expiration(&self) -> Option<u32> {
        self.expiration
    }

    /// The days after which noncurrent versions are deleted, if they are.
    pub const fn noncurrent_expiration(&self) -> Option<u32> {
        self.noncurrent_expiration
    }

    /// The days after which incomplete multipart uploads are aborted, if they are.
    pub const fn abort_incomplete_uploads(&self) -> Option<u32> {
        self.abort_incomplete_uploads
    }

    /// Whether the lifecycle does nothing.
    pub fn is_empty(&self) -> bool {
        self.transitions.is_empty()
            && self.expiration.is_none()
            && self.noncurrent_expiration.is_none()
            && self.abort_incomplete_uploads.is_none()
    }
}

/// The largest transition day: the transitions are in increasing days once checked, but the
/// expiration must beat every one of them whatever their order.
const fn last_day(transitions: &[Transition]) -> Option<u32> {
    let mut idx = 0;
    let mut last: Option<u32> = None;
    while idx < transitions.len() {
        let days = transitions[idx].days;
        last = match last {
            Some(seen) if seen >= days => Some(seen),
            _ => Some(days),
        };
        idx += 1;
    }
    last
}

impl fmt::Display for Lifecycle {
    /// The DSL's form: `[after 30d => STANDARD_IA, expire 365d, noncurrent_expire 90d]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = self.transitions.iter().map(ToString::to_string).collect();
        for (word, days) in [
            ("expire", self.expiration),
            ("noncurrent_expire", self.noncurrent_expiration),
            ("abort_uploads", self.abort_incomplete_uploads),
        ] {
            if let Some(days) = days {
                parts.push(format!("{word} {days}d"));
            }
        }
        write!(f, "[{}]", parts.join(", "))
    }
}

/// The data form of a [`Lifecycle`], read back through [`Lifecycle::from_parts`].
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LifecycleData {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    transitions: Vec<Transition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expiration: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    noncurrent_expiration: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    abort_incomplete_uploads: Option<u32>,
}

impl TryFrom<LifecycleData> for Lifecycle {
    type Error = ValueError;

    fn try_from(data: LifecycleData) -> Result<Lifecycle, ValueError> {
        Lifecycle::from_parts(
            data.transitions,
            data.expiration,
            data.noncurrent_expiration,
            data.abort_incomplete_uploads,
        )
    }
}

impl From<Lifecycle> for LifecycleData {
    fn from(lifecycle: Lifecycle) -> LifecycleData {
        LifecycleData {
            transitions: lifecycle.transitions.into_owned(),
            expiration: lifecycle.expiration,
            noncurrent_expiration: lifecycle.noncurrent_expiration,
            abort_incomplete_uploads: lifecycle.abort_incomplete_uploads,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::StorageClass::*;
    use super::*;

    fn check(transitions: &[(u32, StorageClass)], expiration: Option<u32>) -> Result<(), ValueError> {
        let transitions: Vec<Transition> =
            transitions.iter().map(|&(days, class)| Transition::after(days, class)).collect();
        Lifecycle::check(&transitions, expiration, None, None)
    }

    fn code(result: Result<(), ValueError>) -> &'static str {
        result.map_or_else(|error| error.rule().code, |()| "ok")
    }

    #[test]
    fn the_seed_datasets_lifecycle_is_valid() {
        assert_eq!(code(check(&[(30, StandardIa), (90, Glacier)], Some(365))), "ok");
        // The seed's backups: an expiration alone.
        assert_eq!(code(check(&[], Some(90))), "ok");
    }

    #[test]
    fn transitions_strictly_increase() {
        assert_eq!(code(check(&[(90, Glacier), (30, StandardIa)], None)), "lifecycle-transition-order");
        assert_eq!(code(check(&[(30, StandardIa), (30, Glacier)], None)), "lifecycle-transition-order");
    }

    #[test]
    fn infrequent_access_from_day_30() {
        assert_eq!(code(check(&[(0, StandardIa)], None)), "infrequent-access-too-early");
        assert_eq!(code(check(&[(29, OnezoneIa)], None)), "infrequent-access-too-early");
        assert_eq!(code(check(&[(30, OnezoneIa)], None)), "ok");
        // Archive and Intelligent-Tiering classes take objects from day 0.
        for class in [IntelligentTiering, GlacierIr, Glacier, DeepArchive] {
            assert_eq!(code(check(&[(0, class)], None)), "ok", "{class}");
        }
    }

    #[test]
    fn thirty_days_in_infrequent_access_before_archive() {
        assert_eq!(code(check(&[(30, StandardIa), (59, Glacier)], None)), "too-soon-after-infrequent-access");
        assert_eq!(code(check(&[(30, StandardIa), (60, DeepArchive)], None)), "ok");
        assert_eq!(code(check(&[(30, StandardIa), (45, OnezoneIa)], None)), "too-soon-after-infrequent-access");
        assert_eq!(code(check(&[(30, StandardIa), (60, OnezoneIa)], None)), "ok");
        // Glacier Instant Retrieval has no such minimum gap in S3's documentation.
        assert_eq!(code(check(&[(30, StandardIa), (31, GlacierIr)], None)), "ok");
    }

    #[test]
    fn only_down_the_waterfall() {
        assert_eq!(code(check(&[(30, Glacier), (60, StandardIa)], None)), "storage-class-waterfall");
        assert_eq!(code(check(&[(0, IntelligentTiering), (60, StandardIa)], None)), "storage-class-waterfall");
        assert_eq!(code(check(&[(30, OnezoneIa), (90, GlacierIr)], None)), "storage-class-waterfall");
        assert_eq!(code(check(&[(30, OnezoneIa), (90, Glacier)], None)), "ok");
        assert_eq!(code(check(&[(0, IntelligentTiering), (30, OnezoneIa)], None)), "ok");
        assert_eq!(code(check(&[(0, GlacierIr), (90, Glacier), (180, DeepArchive)], None)), "ok");
        assert!(!Glacier.can_move_to(Glacier));
    }

    #[test]
    fn expiration_after_every_transition_and_no_zero_days() {
        assert_eq!(code(check(&[(30, StandardIa), (90, Glacier)], Some(90))), "expiration-before-transition");
        assert_eq!(code(check(&[(30, StandardIa)], Some(31))), "ok");
        assert_eq!(code(check(&[], Some(0))), "lifecycle-zero-days");
        assert_eq!(code(Lifecycle::check(&[], None, Some(0), None)), "lifecycle-zero-days");
        assert_eq!(code(Lifecycle::check(&[], None, None, Some(0))), "lifecycle-zero-days");
        assert_eq!(code(Lifecycle::check(&[], Some(1), Some(1), Some(1))), "ok");
    }

    #[test]
    fn the_data_form_reads_back_through_the_constructor() {
        const LIFECYCLE: Lifecycle =
            Lifecycle::new_assert(&[Transition::after(30, StandardIa)], Some(90), Some(30), Some(7));
        let lifecycle = LIFECYCLE;
        let text = serde_json::to_string(&lifecycle).expect("serializes");
        assert_eq!(
            text,
            r#"{"transitions":[{"days":30,"class":"STANDARD_IA"}],"expiration":90,"noncurrent_expiration":30,"abort_incomplete_uploads":7}"#
        );
        assert_eq!(serde_json::from_str::<Lifecycle>(&text).ok(), Some(lifecycle.clone()));
        let early = r#"{"transitions":[{"days":10,"class":"STANDARD_IA"}]}"#;
        let error = serde_json::from_str::<Lifecycle>(early).unwrap_err().to_string();
        assert!(error.contains("STANDARD_IA"), "{error}");
        assert_eq!(lifecycle.to_string(), "[after 30d => STANDARD_IA, expire 90d, noncurrent_expire 30d, abort_uploads 7d]");
    }

    /// What S3 accepts, stated pair by pair rather than in one pass.
    fn accepted_by_s3(transitions: &[Transition], expiration: Option<u32>) -> bool {
        let pairs_ok = transitions.windows(2).all(|pair| {
            pair[1].days > pair[0].days && pair[0].class.can_move_to(pair[1].class)
        });
        let ia_from_30 = transitions
            .iter()
            .all(|t| !t.class.is_infrequent_access() || t.days >= 30);
        let gaps_ok = transitions.iter().enumerate().all(|(idx, later)| {
            let archive = matches!(later.class, Glacier | DeepArchive | OnezoneIa);
            !archive
                || transitions[..idx]
                    .iter()
                    .filter(|earlier| earlier.class.is_infrequent_access())
                    .all(|earlier| later.days >= earlier.days + 30)
        });
        let expires_last = expiration.is_none_or(|days| days > 0 && transitions.iter().all(|t| days > t.days));
        pairs_ok && ia_from_30 && gaps_ok && expires_last
    }

    proptest::proptest! {
        #[test]
        fn the_constructor_accepts_exactly_what_s3_accepts(
            raw in proptest::collection::vec((0u32..400, 0usize..6), 0..5),
            expiration in proptest::option::of(0u32..500),
        ) {
            let transitions: Vec<Transition> = raw
                .iter()
                .map(|&(days, class)| Transition::after(days, StorageClass::ALL[class]))
                .collect();
            let made = Lifecycle::from_parts(transitions.clone(), expiration, None, None);
            proptest::prop_assert_eq!(made.is_ok(), accepted_by_s3(&transitions, expiration), "{:?}", made);
            if let Ok(lifecycle) = made {
                let text = serde_json::to_string(&lifecycle).unwrap_or_default();
                proptest::prop_assert_eq!(serde_json::from_str::<Lifecycle>(&text).ok(), Some(lifecycle));
            }
        }
    }
}
