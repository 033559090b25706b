//! Rules on lifecycles that S3 accepts but bills for: objects leaving a storage class before its
//! minimum storage duration. What S3 rejects is the lifecycle's constructor's
//! (`crate::storage::value`).

use crate::diag::Diagnostic;
use crate::model::{path, Bucket, Platform};
use crate::rules::declare_rules;
use crate::value::StorageClass;

declare_rules! {
    /// Objects leave a storage class before its minimum storage duration.
    EARLY_DELETION_CHARGE = "early-deletion-charge", Warning,
        "objects stay in each storage class at least its minimum storage duration (STANDARD_IA and ONEZONE_IA 30 days, GLACIER_IR and GLACIER 90, DEEP_ARCHIVE 180) before the next transition or the expiration",
        "S3 User Guide, lifecycle-expire-general-considerations.md and storage-class-intro.html (objects deleted, overwritten or transitioned before the minimum storage duration are billed for the rest of it); aws-rules.md §6";
}

/// The days S3 bills objects of `class` for at least.
///
/// Source: S3 User Guide, storage-class-intro.html; aws-rules.md §6. Intelligent-Tiering has no
/// minimum storage duration.
pub fn minimum_storage_days(class: StorageClass) -> u32 {
    match class {
        StorageClass::StandardIa | StorageClass::OnezoneIa => 30,
        StorageClass::IntelligentTiering => 0,
        StorageClass::GlacierIr | StorageClass::Glacier => 90,
        StorageClass::DeepArchive => 180,
    }
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    for bucket in &platform.storage.buckets {
        check_durations(cx, bucket);
    }
}

/// Each transition's class keeps objects its minimum storage duration before the next
/// transition or the expiration ends their stay.
///
/// Source: S3 User Guide, lifecycle-expire-general-considerations.md (minimum storage duration
/// charges).
fn check_durations(cx: &mut Vec<Diagnostic>, bucket: &Bucket) {
    let name = bucket.name.as_str();
    let lifecycle = &bucket.lifecycle;
    let transitions = lifecycle.transitions();
    for (idx, transition) in transitions.iter().enumerate() {
        let (end, at, what) = match transitions.get(idx + 1) {
            Some(next) => (
                next.days,
                path::transition(name, idx + 1),
                format!("move to {} at day {}", next.class, next.days),
            ),
            None => match lifecycle.expiration() {
                Some(days) => (
                    days,
                    path::lifecycle_action(name, "expiration"),
                    format!("expire at day {days}"),
                ),
                None => continue,
            },
        };
        let minimum = minimum_storage_days(transition.class);
        let stay = end.saturating_sub(transition.days);
        if stay < minimum {
            cx.push(
                EARLY_DELETION_CHARGE
                    .at(
                        at,
                        format!(
                            "bucket `{name}`'s objects {what}, {stay} days after moving to {} at day {}; S3 bills {} for at least {minimum} days",
                            transition.class, transition.days, transition.class
                        ),
                    )
                    .with_help(format!(
                        "leave objects at least {minimum} days in {} (day {} or later), or skip that class",
                        transition.class,
                        transition.days.saturating_add(minimum)
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Encryption, ObjectStorage};
    use crate::testing::{codes, design};
    use crate::value::{Lifecycle, Name, Transition};
    use StorageClass::*;

    fn with(transitions: &[(u32, StorageClass)], expiration: Option<u32>) -> Vec<&'static str> {
        let transitions = transitions.iter().map(|&(days, class)| Transition::after(days, class)).collect();
        let lifecycle = Lifecycle::from_parts(transitions, expiration, None, None).expect("a lifecycle S3 accepts");
        let mut platform = design();
        platform.storage = ObjectStorage::new().bucket(
            Bucket::new(Name::new_assert("archive"), Encryption::kms()).lifecycle(lifecycle),
        );
        codes(&platform).into_iter().filter(|code| *code == "early-deletion-charge").collect()
    }

    #[test]
    fn the_seed_lifecycles_pay_no_early_deletion() {
        assert!(with(&[(30, StandardIa), (90, Glacier)], Some(365)).is_empty());
        assert!(with(&[(30, StandardIa)], Some(90)).is_empty());
    }

    #[test]
    fn leaving_a_class_early_is_billed() {
        assert_eq!(with(&[(30, StandardIa)], Some(45)).len(), 1);
        assert_eq!(with(&[(0, Glacier)], Some(89)).len(), 1);
        assert!(with(&[(0, Glacier)], Some(90)).is_empty());
        assert_eq!(with(&[(0, GlacierIr), (60, DeepArchive)], Some(200)).len(), 2);
        assert_eq!(with(&[(30, StandardIa), (31, GlacierIr)], None).len(), 1);
        assert!(with(&[(0, IntelligentTiering), (1, Glacier)], Some(91)).is_empty());
        // Without a next step, nothing ends the stay.
        assert!(with(&[(0, DeepArchive)], None).is_empty());
    }
}
