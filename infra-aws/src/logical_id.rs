//! Stable logical ids, derived from the design's names; each section names its own resources
//! (`network::logical_id`).
//!
//! Every id is a fixed word for the kind of resource followed by the PascalCase names it belongs
//! to (`SubnetPrivateApNortheast1a`), so the same design always gets the same ids and a rename
//! shows up in review as exactly that. infra-core's `duplicate-name` rule compares names in
//! this PascalCase form, so two elements of one kind never share an id. (Ids that join two
//! names, such as a tier and a zone, could only meet for contrived Local-Zone-shaped names such
//! as a zone `ap-northeast-1-x1a`; synth then fails with `SynthError::LogicalIdClash`.)

use std::borrow::Borrow;
use std::fmt;

use serde::{Serialize, Serializer};

/// The longest logical id CloudFormation accepts.
pub const MAX_LEN: usize = 255;

/// The length of the hash suffix that replaces the tail of an id that would be too long.
const HASH_LEN: usize = 16;

/// A CloudFormation logical id: ASCII letters and digits only, at most 255 characters.
///
/// ```
/// use infra_aws::LogicalId;
///
/// let id = LogicalId::new(["Subnet", "Private", "ApNortheast1a"]);
/// assert_eq!(id.as_str(), "SubnetPrivateApNortheast1a");
/// assert_eq!(LogicalId::new(["a-b"]).as_str(), "ab");
/// assert_eq!(LogicalId::new(["X".repeat(300)]).as_str().len(), 255);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LogicalId(String);

impl LogicalId {
    /// Concatenates `parts`, keeping only ASCII letters and digits. An id longer than 255
    /// characters keeps its first 239 and ends in 16 hex digits of a hash of the whole, so that
    /// it stays unique and stable.
    pub fn new<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> LogicalId {
        let mut id: String = parts
            .into_iter()
            .flat_map(|part| {
                part.as_ref()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<Vec<_>>()
            })
            .collect();
        if id.len() > MAX_LEN {
            let hash = fnv1a(id.as_bytes());
            id.truncate(MAX_LEN - HASH_LEN);
            id.push_str(&format!("{hash:016X}"));
        }
        LogicalId(id)
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The 64-bit FNV-1a hash: small, stable across platforms and releases.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl fmt::Display for LogicalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for LogicalId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for LogicalId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for LogicalId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// `<Resource>Id`: the output that exports a resource's id.
pub(crate) fn id_output(resource: &LogicalId) -> LogicalId {
    LogicalId::new([resource.as_str(), "Id"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ids_are_cut_to_255_and_stay_distinct() {
        let long = |tail: &str| LogicalId::new(["A".repeat(300), tail.to_owned()]);
        let (one, two) = (long("One"), long("Two"));
        assert_eq!(one.as_str().len(), MAX_LEN);
        assert_ne!(one, two);
        assert_eq!(one, long("One"));
        assert!(one.as_str().chars().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn only_letters_and_digits_are_kept() {
        assert_eq!(LogicalId::new(["a-b_c", "1.2"]).as_str(), "abc12");
    }
}
