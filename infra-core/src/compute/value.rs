//! The compute section's typed value: a service's capacity. Its constructor is a `const fn`
//! that rejects what Application Auto Scaling and ECS reject.

use std::fmt;

use crate::rules::declare_rules;
use crate::value::ValueError;

declare_rules! {
    /// A service's capacity is not `min <= desired <= max`.
    INVALID_CAPACITY = "invalid-capacity", Error,
        "a service's capacity is min <= desired <= max tasks",
        "Application Auto Scaling API RegisterScalableTarget MinCapacity/MaxCapacity; the service's desired count is held within them; aws-rules.md §11";
}

/// The number of tasks of a service: the scalable target's minimum and maximum, and the
/// service's desired count between them.
///
/// Source: Application Auto Scaling API `RegisterScalableTarget` (`MinCapacity`, `MaxCapacity`;
/// for ECS the minimum may be 0); ECS `CreateService.desiredCount`, which scaling keeps within
/// them (aws-rules.md §11).
///
/// ```
/// use infra_core::value::{Capacity, ValueError};
///
/// const API: Capacity = Capacity::new_assert(2, 4, 10);
/// assert_eq!((API.min(), API.desired(), API.max()), (2, 4, 10));
/// assert_eq!(
///     Capacity::new(4, 2, 10),
///     Err(ValueError::Capacity { min: 4, desired: 2, max: 10 })
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Capacity {
    min: u32,
    desired: u32,
    max: u32,
}

impl Capacity {
    /// Checks that `min <= desired <= max`.
    ///
    /// # Errors
    /// [`ValueError::Capacity`] otherwise.
    pub const fn new(min: u32, desired: u32, max: u32) -> Result<Capacity, ValueError> {
        if min <= desired && desired <= max {
            Ok(Capacity { min, desired, max })
        } else {
            Err(ValueError::Capacity { min, desired, max })
        }
    }

    /// Like [`Capacity::new`], for `const` items.
    ///
    /// # Panics
    /// Unless `min <= desired <= max`; in a `const` item that panic is a compile error.
    pub const fn new_assert(min: u32, desired: u32, max: u32) -> Capacity {
        match Capacity::new(min, desired, max) {
            Ok(capacity) => capacity,
            Err(error) => panic!("{}", error.summary()),
        }
    }

    /// The fewest tasks.
    pub const fn min(&self) -> u32 {
        self.min
    }

    /// The tasks the service starts with.
    pub const fn desired(&self) -> u32 {
        self.desired
    }

    /// The most tasks.
    pub const fn max(&self) -> u32 {
        self.max
    }

    /// Reads the data form, `min 2, desired 4, max 10`.
    ///
    /// # Errors
    /// [`ValueError::CapacitySyntax`] for other text, [`ValueError::Capacity`] unless
    /// `min <= desired <= max`.
    pub fn parse(text: &str) -> Result<Capacity, ValueError> {
        let mut numbers = [0u32; 3];
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        if parts.len() != 3 {
            return Err(ValueError::CapacitySyntax);
        }
        for ((part, word), slot) in parts.iter().zip(["min", "desired", "max"]).zip(&mut numbers) {
            let number = part
                .strip_prefix(word)
                .and_then(|rest| rest.strip_prefix(' '))
                .ok_or(ValueError::CapacitySyntax)?;
            *slot = number.parse().map_err(|_| ValueError::CapacitySyntax)?;
        }
        Capacity::new(numbers[0], numbers[1], numbers[2])
    }
}

impl fmt::Display for Capacity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "min {}, desired {}, max {}", self.min, self.desired, self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_desired_max_in_order() {
        assert!(Capacity::new(0, 0, 0).is_ok());
        assert!(Capacity::new(2, 4, 10).is_ok());
        assert_eq!(
            Capacity::new(2, 11, 10),
            Err(ValueError::Capacity { min: 2, desired: 11, max: 10 })
        );
        assert!(Capacity::new(3, 2, 10).is_err());
        assert_eq!(
            ValueError::Capacity { min: 3, desired: 2, max: 1 }.rule().code,
            "invalid-capacity"
        );
    }

    #[test]
    fn the_data_form_reads_back() {
        let capacity = Capacity::new_assert(2, 4, 10);
        assert_eq!(Capacity::parse(&capacity.to_string()), Ok(capacity));
        assert_eq!(Capacity::parse("2, 4, 10"), Err(ValueError::CapacitySyntax));
        assert_eq!(Capacity::parse("min 2, desired x, max 10"), Err(ValueError::CapacitySyntax));
        assert!(matches!(
            Capacity::parse("min 5, desired 4, max 10"),
            Err(ValueError::Capacity { .. })
        ));
    }
}
