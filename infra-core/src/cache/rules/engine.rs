//! Rules on what a Redis cluster runs: the engine version, the node type and the parameters.

use crate::diag::{Diagnostic, ModelPath};
use crate::model::{path, MaxmemoryPolicy, Platform, RedisCluster};
use crate::rules::declare_rules;
use crate::rules::per_env::{check_settings, per_environment};
use crate::rules::suggest::did_you_mean;

declare_rules! {
    /// A Redis engine version is malformed, or older than the newest the table knows and not in it.
    UNKNOWN_REDIS_VERSION = "unknown-redis-version", Error,
        "a Redis engine version is one ElastiCache offers, such as 7.1 or 6.2",
        "ElastiCache API CreateReplicationGroup.EngineVersion; cfn-lint aws_elasticache_cachecluster/engine_version.json (redis: 4.0.10, 5.0.6, 6.0, 6.2, 7.0, 7.1); aws-rules.md §5";
    /// A Redis engine version is newer than the newest the table knows.
    REDIS_VERSION_NEWER_THAN_TABLE = "redis-version-newer-than-table", Warning,
        "a Redis engine version newer than this tool's table is used as written, unchecked",
        "ElastiCache User Guide, supported engine versions (AWS adds versions; the table is refreshed from cfn-lint's engine_version.json)";
    /// A node type is malformed, or a size its family does not have.
    UNKNOWN_CACHE_NODE_TYPE = "unknown-cache-node-type", Error,
        "a cache node type is `cache.<family>.<size>` with a size its family offers",
        "ElastiCache User Guide, supported node types (CacheNodes.SupportedTypes); ElastiCache API CreateReplicationGroup.CacheNodeType; aws-rules.md §5";
    /// A node type's family is not in the table.
    CACHE_NODE_TYPE_NOT_IN_TABLE = "cache-node-type-not-in-table", Warning,
        "a cache node type of a family this tool's table lacks is used as written, unchecked",
        "ElastiCache User Guide, supported node types (AWS adds node families)";
    /// `maxmemory-policy` is not one of the values Redis accepts.
    INVALID_MAXMEMORY_POLICY = "invalid-maxmemory-policy", Error,
        "`maxmemory-policy` is volatile-lru, allkeys-lru, volatile-lfu, allkeys-lfu, volatile-random, allkeys-random, volatile-ttl or noeviction",
        "ElastiCache User Guide, ParameterGroups.Redis.md (maxmemory-policy permitted values); aws-rules.md §5";
    /// `appendonly` is set on Redis 2.8.22 or later, where ElastiCache does not support it.
    REDIS_APPENDONLY_UNSUPPORTED = "redis-appendonly-unsupported", Error,
        "`appendonly` is not set on Redis 2.8.22 or later, where ElastiCache does not support the append-only file",
        "ElastiCache User Guide, RedisAOF.md and ParameterGroups.Redis.md (appendonly and appendfsync are not supported from 2.8.22; not modifiable in the redis3.2+ families); aws-rules.md §5";
}

/// The Redis OSS versions ElastiCache offers for new clusters, oldest first.
///
/// Source: cfn-lint `aws_elasticache_cachecluster/engine_version.json` (from the ElastiCache
/// API, 2026-08); aws-rules.md §5. AWS adds versions: one newer than the last is a warning.
pub const REDIS_VERSIONS: [&str; 6] = ["4.0.10", "5.0.6", "6.0", "6.2", "7.0", "7.1"];

/// The node types ElastiCache offers for Redis OSS, by family, with each family's sizes.
///
/// Source: ElastiCache User Guide, "Supported node types" (current generation, and T2, M4 and R4
/// of the previous one); aws-rules.md §5. AWS adds families: one outside the table is a warning.
pub const CACHE_NODE_TYPES: [(&str, &[&str]); 13] = [
    ("t2", &["micro", "small", "medium"]),
    ("m4", &["large", "xlarge", "2xlarge", "4xlarge", "10xlarge"]),
    ("r4", &["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"]),
    ("t3", &["micro", "small", "medium"]),
    ("t4g", &["micro", "small", "medium"]),
    ("m5", &["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"]),
    ("m6g", &["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]),
    ("m7g", &["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]),
    ("r5", &["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"]),
    ("r6g", &["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]),
    ("r6gd", &["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]),
    ("r7g", &["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]),
    ("c7gn", &["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]),
];

/// The version's numbers (`6.0` is `[6, 0]`), or `None` unless it is numbers separated by dots.
pub fn redis_version_numbers(version: &str) -> Option<Vec<u32>> {
    version.split('.').map(|part| part.parse().ok()).collect()
}

/// The first version whose `appendonly` ElastiCache does not support.
const APPENDONLY_DROPPED: [u32; 3] = [2, 8, 22];

/// The parameter group family of a Redis version: `redis6.x` for 6.0 and 6.2, `redis7` for 7.x,
/// `redis<major>.<minor>` before 6 (ElastiCache API CreateCacheParameterGroup.CacheParameterGroupFamily).
/// `None` for a malformed version.
pub fn redis_parameter_family(version: &str) -> Option<String> {
    let numbers = redis_version_numbers(version)?;
    let major = *numbers.first()?;
    Some(match major {
        0..=5 => format!("redis{major}.{}", numbers.get(1).copied().unwrap_or(0)),
        6 => "redis6.x".to_owned(),
        _ => format!("redis{major}"),
    })
}

/// Reads a `maxmemory-policy` value.
///
/// # Errors
/// An `invalid-maxmemory-policy` finding at `at` for any other text, with the nearest value.
pub fn parse_maxmemory_policy(text: &str, at: ModelPath) -> Result<MaxmemoryPolicy, Diagnostic> {
    MaxmemoryPolicy::ALL
        .into_iter()
        .find(|policy| policy.as_str() == text)
        .ok_or_else(|| {
            let known = MaxmemoryPolicy::ALL.map(MaxmemoryPolicy::as_str);
            let help = match did_you_mean(text, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("Redis accepts `{}`", known.join("`, `")),
            };
            INVALID_MAXMEMORY_POLICY
                .at(at, format!("`maxmemory-policy` `{text}` is not a policy Redis knows"))
                .with_help(help)
        })
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform, cluster: &RedisCluster) {
    check_version(cx, cluster);
    let name = cluster.name.as_str();
    let at = path::cache_node_type(name);
    check_settings(cx, platform, &cluster.node_type, &at);
    per_environment(cx, platform, |cx, env| {
        check_node_type(cx, name, cluster.node_type.get(env), cluster.node_type.path_in(&at, env));
    });
    check_appendonly(cx, cluster);
}

/// The engine version is one ElastiCache offers; a version newer than the table's newest is
/// used as written, with a warning.
///
/// Source: ElastiCache API `CreateReplicationGroup.EngineVersion`; cfn-lint's engine-version data
/// (aws-rules.md §5).
fn check_version(cx: &mut Vec<Diagnostic>, cluster: &RedisCluster) {
    let version = cluster.engine_version.as_str();
    if REDIS_VERSIONS.contains(&version) {
        return;
    }
    let name = cluster.name.as_str();
    let at = path::cache_engine_version(name);
    let newest = REDIS_VERSIONS[REDIS_VERSIONS.len() - 1];
    let newer = match (redis_version_numbers(version), redis_version_numbers(newest)) {
        (Some(numbers), Some(last)) => numbers > last,
        _ => false,
    };
    if newer {
        cx.push(
            REDIS_VERSION_NEWER_THAN_TABLE
                .at(at, format!("Redis cluster `{name}`'s engine version `{version}` is newer than {newest}, the newest this tool knows"))
                .with_help("check that ElastiCache offers it in the region, then acknowledge this warning with a reason (or refresh the table)"),
        );
        return;
    }
    let major = version.split('.').next().unwrap_or(version);
    let same_major: Vec<&str> = REDIS_VERSIONS
        .iter()
        .copied()
        .filter(|known| known.split('.').next() == Some(major))
        .collect();
    let help = if same_major.is_empty() {
        format!("ElastiCache offers Redis {}", REDIS_VERSIONS.join(", "))
    } else {
        format!("the nearest versions are {}", same_major.join(", "))
    };
    cx.push(
        UNKNOWN_REDIS_VERSION
            .at(at, format!("Redis cluster `{name}`'s engine version `{version}` is not one ElastiCache offers"))
            .with_help(help),
    );
}

/// The node type is `cache.<family>.<size>` with a size its family has; a family the table
/// lacks is used as written, with a warning.
///
/// Source: ElastiCache User Guide, "Supported node types"; a type outside them fails with
/// `InvalidParameterValue` (aws-rules.md §5).
fn check_node_type(cx: &mut Vec<Diagnostic>, name: &str, node_type: &str, at: ModelPath) {
    let mut parts = node_type.split('.');
    let (Some("cache"), Some(family), Some(size), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        cx.push(
            UNKNOWN_CACHE_NODE_TYPE
                .at(at, format!("Redis cluster `{name}`'s node type `{node_type}` is not shaped like `cache.<family>.<size>`"))
                .with_help("write a node type such as `cache.r6g.large` or `cache.t4g.medium`"),
        );
        return;
    };
    match CACHE_NODE_TYPES.iter().find(|(known, _)| *known == family) {
        Some((_, sizes)) if sizes.contains(&size) => {}
        Some((_, sizes)) => cx.push(
            UNKNOWN_CACHE_NODE_TYPE
                .at(at, format!("Redis cluster `{name}`'s node type `{node_type}` does not exist: family `{family}` has no size `{size}`"))
                .with_help(format!("family `{family}` comes in {}", sizes.join(", "))),
        ),
        None => cx.push(
            CACHE_NODE_TYPE_NOT_IN_TABLE
                .at(at, format!("Redis cluster `{name}`'s node type `{node_type}` is of family `{family}`, which this tool does not know"))
                .with_help(match did_you_mean(family, CACHE_NODE_TYPES.iter().map(|(known, _)| *known)) {
                    Some(near) => format!("did you mean family `{near}`? If AWS offers `{family}`, acknowledge this warning with a reason"),
                    None => "if AWS offers it in the region, acknowledge this warning with a reason (or refresh the table)".to_owned(),
                }),
        ),
    }
}

/// `appendonly` is not set on Redis 2.8.22 or later.
///
/// Source: ElastiCache User Guide, RedisAOF.md: "Append Only Files (AOF) aren't supported for
/// Redis 2.8.22 and later"; ParameterGroups.Redis.md lists `appendonly` as not modifiable in
/// the later families, so a parameter group that sets it is rejected (aws-rules.md §5).
fn check_appendonly(cx: &mut Vec<Diagnostic>, cluster: &RedisCluster) {
    let Some(appendonly) = cluster.parameters.appendonly else {
        return;
    };
    let version = cluster.engine_version.as_str();
    let Some(numbers) = redis_version_numbers(version) else {
        return;
    };
    if numbers.as_slice() < APPENDONLY_DROPPED.as_slice() {
        return;
    }
    let name = cluster.name.as_str();
    let value = if appendonly { "yes" } else { "no" };
    cx.push(
        REDIS_APPENDONLY_UNSUPPORTED
            .at(
                path::cache_parameter(name, "appendonly"),
                format!("Redis cluster `{name}` sets `appendonly: {value}`, which ElastiCache does not support on Redis {version} (none from 2.8.22)"),
            )
            .with_help("remove `appendonly`; for durability keep daily snapshots (`snapshot_retention`) and replicas in other zones (Multi-AZ), as AWS recommends"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::rules::tests::{cluster, with};
    use crate::testing::codes;

    #[test]
    fn versions_from_the_table_pass_and_newer_ones_warn() {
        for version in REDIS_VERSIONS {
            let mut redis = cluster();
            redis.engine_version = version.into();
            assert_eq!(codes(&with(redis)), Vec::<&str>::new(), "{version}");
        }
        let mut redis = cluster();
        redis.engine_version = "7.2".into();
        let platform = with(redis);
        assert_eq!(codes(&platform), ["redis-version-newer-than-table"]);
        assert!(platform.validate().is_ok());
    }

    #[test]
    fn versions_the_table_proves_wrong_are_errors_with_the_nearest() {
        for (version, help) in [
            ("6.1", "the nearest versions are 6.0, 6.2"),
            ("6.2.6", "the nearest versions are 6.0, 6.2"),
            ("3.2.10", "ElastiCache offers Redis 4.0.10, 5.0.6, 6.0, 6.2, 7.0, 7.1"),
            ("Redis 6.0", "ElastiCache offers Redis 4.0.10, 5.0.6, 6.0, 6.2, 7.0, 7.1"),
        ] {
            let mut redis = cluster();
            redis.engine_version = version.into();
            let findings = crate::rules::check(&with(redis));
            assert_eq!(findings.len(), 1, "{version}");
            assert_eq!(findings[0].code, "unknown-redis-version");
            assert_eq!(findings[0].help.as_deref(), Some(help));
        }
    }

    #[test]
    fn node_types_are_checked_against_their_family() {
        for (node_type, found) in [
            ("cache.r5.large", None),
            ("cache.t4g.micro", None),
            ("cache.r5.small", Some("unknown-cache-node-type")),
            ("r5.large", Some("unknown-cache-node-type")),
            ("cache.r8g.large", Some("cache-node-type-not-in-table")),
        ] {
            let mut redis = cluster();
            redis.node_type = crate::model::PerEnv::new(node_type.to_owned());
            assert_eq!(codes(&with(redis)), found.into_iter().collect::<Vec<_>>(), "{node_type}");
        }
    }

    #[test]
    fn families_follow_the_version() {
        assert_eq!(redis_parameter_family("6.0").as_deref(), Some("redis6.x"));
        assert_eq!(redis_parameter_family("6.2").as_deref(), Some("redis6.x"));
        assert_eq!(redis_parameter_family("7.1").as_deref(), Some("redis7"));
        assert_eq!(redis_parameter_family("5.0.6").as_deref(), Some("redis5.0"));
        assert_eq!(redis_parameter_family("x"), None);
    }

    #[test]
    fn maxmemory_policies_are_redis_values() {
        let at = path::cache_parameter("main", "maxmemory-policy");
        assert_eq!(parse_maxmemory_policy("volatile-lru", at.clone()), Ok(MaxmemoryPolicy::VolatileLru));
        for policy in MaxmemoryPolicy::ALL {
            assert_eq!(parse_maxmemory_policy(policy.as_str(), at.clone()), Ok(policy));
        }
        let error = parse_maxmemory_policy("volatile_lru", at).unwrap_err();
        assert_eq!(error.code, "invalid-maxmemory-policy");
        assert_eq!(error.help.as_deref(), Some("did you mean `volatile-lru`?"));
    }

    #[test]
    fn the_seeds_appendonly_is_rejected_on_redis_6() {
        let mut redis = cluster();
        redis.parameters.appendonly = Some(true);
        let findings = crate::rules::check(&with(redis.clone()));
        assert_eq!(findings.iter().map(|d| d.code).collect::<Vec<_>>(), ["redis-appendonly-unsupported"]);
        assert_eq!(findings[0].path.as_str(), "cache.clusters.main.parameters.appendonly");
        // Before 2.8.22 the file existed (and the version is reported on its own).
        redis.engine_version = "2.8.21".into();
        assert_eq!(codes(&with(redis)), ["unknown-redis-version"]);
    }
}
