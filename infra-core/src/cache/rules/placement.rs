//! Rules on where a Redis cluster runs and how it is protected: its tier and security groups,
//! encryption and snapshots.

use crate::diag::Diagnostic;
use crate::model::{path, Platform, RedisCluster, TlsVersion};
use crate::network::rules::{check_group_references, find_tier_or_report};
use crate::rules::declare_rules;

declare_rules! {
    /// A cluster's connections are not encrypted while the platform states a minimum TLS version.
    CACHE_WITHOUT_TLS = "cache-without-tls", Error,
        "a Redis cluster encrypts connections in transit when the platform states a `minimum_tls`",
        "ElastiCache User Guide, in-transit-encryption.md (TransitEncryptionEnabled; TLS 1.2 and later); the platform's own `minimum_tls`";
    /// A cluster accepts TLS 1.2 while the platform states a minimum of TLS 1.3.
    CACHE_TLS_BELOW_MINIMUM = "cache-tls-below-minimum", Error,
        "a Redis cluster can hold clients to the platform's `minimum_tls` (ElastiCache accepts TLS 1.2 and has no setting for a higher minimum)",
        "ElastiCache API CreateReplicationGroup (TransitEncryptionEnabled and TransitEncryptionMode only; no TLS version setting); ElastiCache What's New, 2024-05-08 (TLS 1.2 is the minimum supported version)";
    /// A cluster's data at rest, or its connections, are not encrypted.
    CACHE_UNENCRYPTED = "cache-unencrypted", Warning,
        "a Redis cluster encrypts its data at rest and its connections in transit",
        "ElastiCache User Guide, at-rest-encryption.md and in-transit-encryption.md (both off unless requested); AWS Security Hub ElastiCache.4 and ElastiCache.5",
        checkov ["CKV_AWS_29", "CKV_AWS_30", "CKV_AWS_31"];
    /// A cluster keeps snapshots longer than ElastiCache allows.
    INVALID_CACHE_SNAPSHOT_RETENTION = "invalid-cache-snapshot-retention", Error,
        "a Redis cluster keeps its daily snapshots 0 to 35 days",
        "ElastiCache API CreateReplicationGroup.SnapshotRetentionLimit (at most 35 days); ElastiCache User Guide, backups-automatic.md";
}

/// The most days ElastiCache keeps automatic snapshots.
pub const MAX_CACHE_SNAPSHOT_RETENTION: u32 = 35;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform, cluster: &RedisCluster) {
    let name = cluster.name.as_str();
    let owner = format!("Redis cluster `{name}`");
    find_tier_or_report(cx, platform, &owner, &cluster.tier, &path::cache_tier(name));
    check_group_references(cx, platform, &owner, &cluster.security_groups, |idx| {
        path::cache_security_group(name, idx)
    });
    check_encryption(cx, platform, cluster);
    if cluster.snapshot_retention > MAX_CACHE_SNAPSHOT_RETENTION {
        cx.push(
            INVALID_CACHE_SNAPSHOT_RETENTION
                .at(
                    path::cache_snapshot_retention(name),
                    format!("Redis cluster `{name}` keeps snapshots {} days; ElastiCache keeps them at most {MAX_CACHE_SNAPSHOT_RETENTION}", cluster.snapshot_retention),
                )
                .with_help(format!("keep daily snapshots {MAX_CACHE_SNAPSHOT_RETENTION} days or fewer; export older ones to S3")),
        );
    }
}

/// Connections are encrypted when the platform states a TLS minimum, and that minimum is one
/// ElastiCache can hold clients to (TLS 1.2 or below); otherwise unencrypted data at rest or in
/// transit is a warning.
///
/// Source: ElastiCache User Guide, "In-transit encryption" (off unless `TransitEncryptionEnabled`;
/// an AUTH token needs it) and "At-rest encryption"; a platform that requires TLS in transit
/// cannot have a plaintext Redis endpoint. ElastiCache has no setting for the lowest TLS version
/// a cluster accepts (its in-transit encryption is on or off): since 8 May 2025 it accepts TLS 1.2
/// and later for Redis 6 and later (ElastiCache What's New, 2024-05-08), so in-transit encryption
/// is all the platform's minimum can require of it.
fn check_encryption(cx: &mut Vec<Diagnostic>, platform: &Platform, cluster: &RedisCluster) {
    let name = cluster.name.as_str();
    if !cluster.encryption_in_transit {
        let at = path::cache_encryption_field(name, "in_transit");
        match platform.security.minimum_tls {
            Some(minimum) => cx.push(
                CACHE_WITHOUT_TLS
                    .at(at, format!("Redis cluster `{name}` accepts plaintext connections, but the platform requires TLS {} or later in transit", minimum.as_str()))
                    .with_help("remove `in_transit: false`: clients then connect with TLS and the AUTH token"),
            ),
            None => cx.push(
                CACHE_UNENCRYPTED
                    .at(at, format!("Redis cluster `{name}` accepts plaintext connections, without an AUTH token"))
                    .with_help("remove `in_transit: false`, or acknowledge this warning with a reason"),
            ),
        }
    }
    if cluster.encryption_in_transit {
        if let Some(minimum @ TlsVersion::Tls13) = platform.security.minimum_tls {
            cx.push(
                CACHE_TLS_BELOW_MINIMUM
                    .at(path::cache_cluster(name), format!("Redis cluster `{name}` accepts TLS 1.2, below the platform's minimum TLS {}: ElastiCache has no setting for a higher minimum", minimum.as_str()))
                    .with_related(path::minimum_tls(), "the platform's minimum")
                    .with_help("state `minimum_tls: \"1.2\"`, or keep the cache out of a platform that requires TLS 1.3"),
            );
        }
    }
    if !cluster.encryption_at_rest {
        cx.push(
            CACHE_UNENCRYPTED
                .at(path::cache_encryption_field(name, "at_rest"), format!("Redis cluster `{name}` stores its data and snapshots unencrypted"))
                .with_help("remove `at_rest: false` (the section's KMS key encrypts them), or acknowledge this warning with a reason"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::cache::rules::tests::{cluster, with};
    use crate::model::{path, TlsVersion};
    use crate::testing::codes;
    use crate::value::Name;

    #[test]
    fn plaintext_is_an_error_under_a_tls_minimum_and_a_warning_otherwise() {
        let mut redis = cluster();
        redis.encryption_in_transit = false;
        // The reference design states TLS 1.2.
        assert_eq!(codes(&with(redis.clone())), ["cache-without-tls"]);
        let mut platform = with(redis);
        platform.security.minimum_tls = None;
        assert_eq!(codes(&platform), ["cache-unencrypted"]);
        assert!(platform.validate().is_ok());
        let mut redis = cluster();
        redis.encryption_at_rest = false;
        assert_eq!(codes(&with(redis)), ["cache-unencrypted"]);
    }

    #[test]
    fn a_tls_1_3_minimum_is_more_than_elasticache_holds_clients_to() {
        let mut platform = with(cluster());
        platform.security.minimum_tls = Some(TlsVersion::Tls13);
        let found: Vec<_> = crate::rules::check(&platform)
            .into_iter()
            .filter(|d| d.path.as_str().starts_with("cache"))
            .collect();
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["cache-tls-below-minimum"]);
        assert_eq!(found[0].path, path::cache_cluster("main"));
        // A plaintext cluster is reported as plaintext only.
        let mut redis = cluster();
        redis.encryption_in_transit = false;
        let mut platform = with(redis);
        platform.security.minimum_tls = Some(TlsVersion::Tls13);
        assert!(crate::testing::codes(&platform).contains(&"cache-without-tls"));
        assert!(!crate::testing::codes(&platform).contains(&"cache-tls-below-minimum"));
    }

    #[test]
    fn snapshots_are_kept_at_most_35_days() {
        assert_eq!(codes(&with(cluster().snapshot_retention(35))), Vec::<&str>::new());
        assert_eq!(codes(&with(cluster().snapshot_retention(36))), ["invalid-cache-snapshot-retention"]);
    }

    #[test]
    fn the_tier_and_groups_exist() {
        let mut redis = cluster();
        redis.tier = Name::new_assert("databse");
        let findings = crate::rules::check(&with(redis));
        assert_eq!(findings.iter().map(|d| d.code).collect::<Vec<_>>(), ["unknown-tier"]);
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `database`?"));
        let redis = cluster().security_group(Name::new_assert("cahce"));
        let findings = crate::rules::check(&with(redis));
        assert_eq!(findings.iter().map(|d| d.code).collect::<Vec<_>>(), ["unknown-security-group"]);
    }
}
