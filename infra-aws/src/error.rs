//! What can go wrong when lowering a validated design.

use std::fmt;

use crate::quota::Quota;

/// Why [`crate::synth`] could not lower a design.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SynthError {
    /// The design has no environment of that name.
    UnknownEnvironment {
        /// The name asked for.
        name: String,
        /// The environments the design defines, in the order it lists them.
        known: Vec<String>,
    },
    /// Two parts of the design would get the same logical id. Names are checked by infra-core's
    /// `duplicate-name` rule, so this takes contrived names (a tier name that repeats a zone name).
    LogicalIdClash {
        /// The id both parts would get.
        id: String,
    },
    /// The template would exceed one of CloudFormation's quotas on a template.
    QuotaExceeded {
        /// The quota.
        quota: Quota,
        /// How many (resources, parameters, outputs or bytes) the template would have.
        count: usize,
    },
}

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownEnvironment { name, known } if known.is_empty() => write!(
                f,
                "unknown environment `{name}`: the platform defines no environments"
            ),
            Self::UnknownEnvironment { name, known } => {
                let known: Vec<String> = known.iter().map(|env| format!("`{env}`")).collect();
                write!(
                    f,
                    "unknown environment `{name}`: the platform defines {}",
                    known.join(", ")
                )
            }
            Self::LogicalIdClash { id } => write!(
                f,
                "two parts of the design would both get the logical id `{id}`; rename one of them"
            ),
            Self::QuotaExceeded {
                quota: Quota::BodyBytes,
                count,
            } => write!(
                f,
                "the template body is {count} bytes without whitespace; CloudFormation accepts at most {} bytes, even through S3",
                Quota::BodyBytes.limit()
            ),
            Self::QuotaExceeded { quota, count } => write!(
                f,
                "the template has {count} {quota}; CloudFormation allows at most {} {quota} in one template",
                quota.limit()
            ),
        }
    }
}

impl std::error::Error for SynthError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_known_environments() {
        let error = SynthError::UnknownEnvironment {
            name: "prod".into(),
            known: vec!["production".into(), "staging".into()],
        };
        assert_eq!(
            error.to_string(),
            "unknown environment `prod`: the platform defines `production`, `staging`"
        );
        let error = SynthError::UnknownEnvironment {
            name: "prod".into(),
            known: Vec::new(),
        };
        assert_eq!(
            error.to_string(),
            "unknown environment `prod`: the platform defines no environments"
        );
    }
}
