use std::fmt;

use super::ValueError;

/// The retentions CloudWatch Logs offers, in days.
///
/// Source: CloudWatch Logs API `PutRetentionPolicy.retentionInDays`; cfn-lint schema
/// `aws-logs-loggroup.json` (`RetentionInDays.enum`).
pub const ALLOWED_RETENTION_DAYS: [u16; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// How long CloudWatch Logs keeps a log group's events.
///
/// ```
/// use infra_core::value::{RetentionDays, ValueError};
///
/// const MONTH: RetentionDays = RetentionDays::new_assert(30);
/// assert_eq!(MONTH.days(), 30);
/// assert_eq!(RetentionDays::new(31), Err(ValueError::RetentionDays(31)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RetentionDays(u16);

impl RetentionDays {
    /// Checks that `days` is one of [`ALLOWED_RETENTION_DAYS`].
    ///
    /// # Errors
    /// [`ValueError::RetentionDays`] for any other number.
    pub const fn new(days: u64) -> Result<RetentionDays, ValueError> {
        let mut idx = 0;
        while idx < ALLOWED_RETENTION_DAYS.len() {
            if ALLOWED_RETENTION_DAYS[idx] as u64 == days {
                return Ok(RetentionDays(days as u16));
            }
            idx += 1;
        }
        Err(ValueError::RetentionDays(days))
    }

    /// Like [`RetentionDays::new`], for `const` items.
    ///
    /// # Panics
    /// For a retention CloudWatch Logs does not offer; in a `const` item that is a compile error.
    pub const fn new_assert(days: u64) -> RetentionDays {
        match RetentionDays::new(days) {
            Ok(retention) => retention,
            Err(error) => panic!("{}", error.summary()),
        }
    }

    /// The number of days.
    pub const fn days(&self) -> u16 {
        self.0
    }
}

impl fmt::Display for RetentionDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}d", self.0)
    }
}

/// The allowed retention closest to `days` (the smaller one on a tie).
pub(crate) fn nearest_allowed(days: u64) -> Option<u16> {
    ALLOWED_RETENTION_DAYS
        .iter()
        .copied()
        .min_by_key(|&allowed| (u64::from(allowed).abs_diff(days), allowed))
}

/// Parses a day-valued duration as the DSL writes it: a whole number of days followed by `d`
/// (`30d`). CloudWatch Logs counts retention in days, so no other unit is accepted. A count beyond
/// `u64` reads as `u64::MAX`, which no day-valued setting allows.
///
/// ```
/// assert_eq!(infra_core::value::parse_days("30d"), Ok(30));
/// assert!(infra_core::value::parse_days("90min").is_err());
/// assert!(infra_core::value::parse_days("1w").is_err());
/// ```
///
/// # Errors
/// [`ValueError::Duration`] for anything but digits followed by `d`.
pub fn parse_days(text: &str) -> Result<u64, ValueError> {
    let digits = text.strip_suffix('d').ok_or(ValueError::Duration)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::Duration);
    }
    Ok(digits.parse().unwrap_or(u64::MAX))
}

/// Reads `<n>s` (a cooldown in seconds) as its number of seconds; a number beyond `u32` reads as
/// `u32::MAX`.
///
/// # Errors
/// [`ValueError::Seconds`] for anything else.
pub fn parse_seconds(text: &str) -> Result<u32, ValueError> {
    let digits = text.strip_suffix('s').ok_or(ValueError::Seconds)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::Seconds);
    }
    Ok(digits.parse().unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_written_with_s() {
        assert_eq!(parse_seconds("300s"), Ok(300));
        assert_eq!(parse_seconds("300"), Err(ValueError::Seconds));
        assert_eq!(parse_seconds("5m"), Err(ValueError::Seconds));
        assert_eq!(parse_seconds("-1s"), Err(ValueError::Seconds));
    }

    #[test]
    fn accepts_exactly_the_allowed_set() {
        let accepted: Vec<u64> = (0..4000)
            .filter(|&d| RetentionDays::new(d).is_ok())
            .collect();
        let allowed: Vec<u64> = ALLOWED_RETENTION_DAYS
            .iter()
            .map(|&d| u64::from(d))
            .collect();
        assert_eq!(accepted, allowed);
    }

    #[test]
    fn suggests_the_nearest_retention() {
        assert_eq!(
            ValueError::RetentionDays(31).help(),
            "the nearest allowed retention is 30 days"
        );
        assert_eq!(
            ValueError::RetentionDays(100_000).help(),
            "the nearest allowed retention is 3653 days"
        );
    }

    #[test]
    fn parses_day_durations() {
        assert_eq!(parse_days("30d"), Ok(30));
        assert_eq!(parse_days("0d"), Ok(0));
        assert_eq!(parse_days("99999999999999999999999d"), Ok(u64::MAX));
        for bad in [
            "1w",
            "36h",
            "soon",
            "d",
            "30",
            "30days",
            "30D",
            "-1d",
            "3 0d",
            "30dd",
            "18446744073709551615s1000000000ns",
        ] {
            assert_eq!(parse_days(bad), Err(ValueError::Duration), "{bad}");
        }
    }
}
