use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::ValueError;

/// The service part of an interface endpoint's service name `com.amazonaws.<region>.<service>`,
/// such as `ecr.api`, `logs` or `secretsmanager`: labels of lowercase ASCII letters, digits and
/// single `-`, each starting with a letter, separated by single `.`.
///
/// Source: AWS PrivateLink guide, "AWS services that integrate with AWS PrivateLink" (service
/// names such as `com.amazonaws.region.ecr.dkr`); EC2 API `CreateVpcEndpoint.ServiceName`.
///
/// ```
/// use infra_core::value::{EndpointService, ValueError};
///
/// const ECR: EndpointService = EndpointService::new_assert("ecr.api");
/// assert_eq!(ECR.pascal_case(), "EcrApi");
/// assert_eq!(EndpointService::new("ECR"), Err(ValueError::EndpointService));
/// assert!(EndpointService::new("com.amazonaws.ap-northeast-1.logs").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EndpointService(Cow<'static, str>);

impl EndpointService {
    /// Checks the shape of `text`, for example `ecr.dkr`.
    ///
    /// # Errors
    /// [`ValueError::EndpointService`] if the text is not of that shape, or is a whole service
    /// name (`com.amazonaws.<region>.<service>`) rather than its service part.
    pub const fn new(text: &'static str) -> Result<EndpointService, ValueError> {
        if is_service(text.as_bytes()) {
            Ok(EndpointService(Cow::Borrowed(text)))
        } else {
            Err(ValueError::EndpointService)
        }
    }

    /// Like [`EndpointService::new`], for `const` items.
    ///
    /// # Panics
    /// If the text is not of that shape; in a `const` item that is a compile error.
    pub const fn new_assert(text: &'static str) -> EndpointService {
        if is_service(text.as_bytes()) {
            EndpointService(Cow::Borrowed(text))
        } else {
            panic!("{}", ValueError::EndpointService.summary())
        }
    }

    /// The text, such as `ecr.api`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The service as a CloudFormation logical id fragment: `ecr.api` becomes `EcrApi`.
    pub fn pascal_case(&self) -> String {
        self.0
            .split(['.', '-'])
            .map(|word| {
                let mut chars = word.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            })
            .collect()
    }
}

impl FromStr for EndpointService {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if is_service(text.as_bytes()) {
            Ok(EndpointService(Cow::Owned(text.to_owned())))
        } else {
            Err(ValueError::EndpointService)
        }
    }
}

impl fmt::Display for EndpointService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Dot-separated labels, each a lowercase letter followed by lowercase letters, digits and
/// single `-` (not last); not a whole name starting with `com.amazonaws.`.
const fn is_service(bytes: &[u8]) -> bool {
    if starts_with(bytes, b"com.amazonaws.") {
        return false;
    }
    let mut idx = 0;
    let mut label_start = true;
    while idx < bytes.len() {
        let byte = bytes[idx];
        let last = idx + 1 == bytes.len();
        if label_start {
            if !byte.is_ascii_lowercase() {
                return false;
            }
            label_start = false;
        } else if byte == b'.' {
            if last || bytes[idx - 1] == b'-' {
                return false;
            }
            label_start = true;
        } else if byte == b'-' {
            if last || bytes[idx - 1] == b'-' {
                return false;
            }
        } else if !byte.is_ascii_lowercase() && !byte.is_ascii_digit() {
            return false;
        }
        idx += 1;
    }
    !bytes.is_empty()
}

const fn starts_with(bytes: &[u8], prefix: &[u8]) -> bool {
    if bytes.len() < prefix.len() {
        return false;
    }
    let mut idx = 0;
    while idx < prefix.len() {
        if bytes[idx] != prefix[idx] {
            return false;
        }
        idx += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_service_parts() {
        for ok in [
            "ecr.api",
            "ecr.dkr",
            "logs",
            "secretsmanager",
            "sts",
            "execute-api",
            "ec2messages",
            "sagemaker.runtime-fips",
        ] {
            assert!(EndpointService::new(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_other_text() {
        for bad in [
            "",
            "ECR",
            "ecr..api",
            ".logs",
            "logs.",
            "ecr-.api",
            "ecr--api",
            "1logs",
            "ecr.2",
            "ecr api",
            "com.amazonaws.ap-northeast-1.logs",
        ] {
            assert_eq!(
                bad.parse::<EndpointService>(),
                Err(ValueError::EndpointService),
                "{bad}"
            );
        }
        assert_eq!(
            ValueError::EndpointService.rule().code,
            "invalid-endpoint-service"
        );
    }

    #[test]
    fn logical_id_fragments() {
        assert_eq!(
            EndpointService::new_assert("ecr.dkr").pascal_case(),
            "EcrDkr"
        );
        assert_eq!(
            EndpointService::new_assert("execute-api").pascal_case(),
            "ExecuteApi"
        );
    }
}
