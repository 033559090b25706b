//! Rules on the platform's minimum TLS version in transit.

use crate::diag::Diagnostic;
use crate::model::{path, Platform, TlsVersion};
use crate::rules::declare_rules;

declare_rules! {
    /// The platform states a minimum of TLS 1.0 or 1.1, which AWS has retired.
    DEPRECATED_TLS_MINIMUM = "deprecated-tls-minimum", Warning,
        "the platform's `minimum_tls` is TLS 1.2 or later: AWS has retired TLS 1.0 and 1.1",
        "AWS Security Blog, \"TLS 1.2 to become the minimum TLS protocol level for all AWS API endpoints\" (2022); ElastiCache What's New, 2024-05-08 (TLS 1.2 minimum for Redis 6 and later from 2025-05-08); ALB User Guide, describe-ssl-policies.html (ELBSecurityPolicy-TLS13-1-2-2021-06 recommended)";
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    check_minimum(cx, platform);
}

/// A stated minimum below TLS 1.2 lets the load balancer and the databases accept protocols AWS
/// has retired from its own endpoints; S3 and ElastiCache refuse them anyway.
///
/// Source: AWS Security Blog, "TLS 1.2 to become the minimum TLS protocol level for all AWS API
/// endpoints"; ElastiCache's TLS 1.2 minimum from 8 May 2025.
fn check_minimum(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let Some(minimum) = platform.security.minimum_tls else {
        return;
    };
    if minimum < TlsVersion::Tls12 {
        cx.push(
            DEPRECATED_TLS_MINIMUM
                .at(
                    path::minimum_tls(),
                    format!("the platform accepts TLS {} in transit, which AWS has retired from its own endpoints", minimum.as_str()),
                )
                .with_help("write `minimum_tls: \"1.2\"` (or `\"1.3\"`), or acknowledge this warning with a reason"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::TlsVersion;
    use crate::testing::{codes, design};

    #[test]
    fn a_minimum_below_tls_1_2_is_a_warning() {
        let mut platform = design();
        assert_eq!(platform.security.minimum_tls, Some(TlsVersion::Tls12));
        assert_eq!(codes(&platform), Vec::<&str>::new());
        for (minimum, expected) in [
            (Some(TlsVersion::Tls10), vec!["deprecated-tls-minimum"]),
            (Some(TlsVersion::Tls11), vec!["deprecated-tls-minimum"]),
            (Some(TlsVersion::Tls13), vec![]),
            (None, vec![]),
        ] {
            platform.security.minimum_tls = minimum;
            let found: Vec<&str> = crate::rules::check(&platform)
                .iter()
                .filter(|d| d.path == crate::model::path::minimum_tls())
                .map(|d| d.code)
                .collect();
            assert_eq!(found, expected, "{minimum:?}");
        }
    }
}
