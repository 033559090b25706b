use std::fmt;

use super::ValueError;

/// A network ACL rule number, 1 to 32766 (AWS reserves 32767-65535).
///
/// Source: EC2 API `CreateNetworkAclEntry.RuleNumber`; VPC User Guide, "Network ACL rules".
///
/// ```
/// use infra_core::value::{AclRuleNumber, ValueError};
///
/// assert_eq!(AclRuleNumber::new(100).map(|n| n.get()), Ok(100));
/// assert_eq!(AclRuleNumber::new(32767), Err(ValueError::AclRuleNumber(32767)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AclRuleNumber(u16);

impl AclRuleNumber {
    /// The highest number a rule may have.
    pub const MAX: u16 = 32766;

    /// Checks that `number` is in 1-32766.
    ///
    /// # Errors
    /// [`ValueError::AclRuleNumber`] outside that range.
    pub const fn new(number: u32) -> Result<AclRuleNumber, ValueError> {
        Self::from_i128(number as i128)
    }

    /// Like [`AclRuleNumber::new`], for a number as written, which may be negative or huge.
    ///
    /// ```
    /// use infra_core::value::{AclRuleNumber, ValueError};
    ///
    /// assert_eq!(AclRuleNumber::from_i128(1 << 32), Err(ValueError::AclRuleNumber(1 << 32)));
    /// assert_eq!(AclRuleNumber::from_i128(-5), Err(ValueError::AclRuleNumber(-5)));
    /// ```
    ///
    /// # Errors
    /// [`ValueError::AclRuleNumber`] outside 1-32766.
    pub const fn from_i128(number: i128) -> Result<AclRuleNumber, ValueError> {
        if number < 1 || number > Self::MAX as i128 {
            Err(ValueError::AclRuleNumber(number))
        } else {
            Ok(AclRuleNumber(number as u16))
        }
    }

    /// Like [`AclRuleNumber::new`], for `const` items.
    ///
    /// # Panics
    /// Outside 1-32766; in a `const` item that panic is a compile error.
    pub const fn new_assert(number: u32) -> AclRuleNumber {
        match AclRuleNumber::new(number) {
            Ok(n) => n,
            Err(error) => panic!("{}", error.summary()),
        }
    }

    /// The number.
    pub const fn get(&self) -> u16 {
        self.0
    }
}

impl fmt::Display for AclRuleNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
