//! Rules on a Redis cluster's shape: shards, replicas, the node count, cluster mode and Multi-AZ.

use crate::diag::Diagnostic;
use crate::model::{path, Platform, RedisCluster};
use crate::network::rules::single_zone;
use crate::rules::declare_rules;
use crate::rules::per_env::{check_settings, per_environment};

declare_rules! {
    /// A cluster has no shard, more shards than ElastiCache allows, or more than 5 replicas per shard.
    INVALID_CACHE_TOPOLOGY = "invalid-cache-topology", Error,
        "a Redis cluster has 1 to 500 shards, 0 to 5 replicas per shard and at most 500 nodes",
        "ElastiCache API CreateReplicationGroup (NumNodeGroups; ReplicasPerNodeGroup 0-5; up to 500 nodes or shards for Redis 5.0.6 and later); cfn-lint aws-elasticache-replicationgroup.json; aws-rules.md §5";
    /// A cluster's declared node count is not `shards x (1 + replicas per shard)`.
    CACHE_NODE_COUNT_MISMATCH = "cache-node-count-mismatch", Error,
        "a Redis cluster's declared node count equals shards x (1 + replicas per shard)",
        "ElastiCache User Guide, Replication.Redis-RedisCluster.md (each shard is one primary and 0-5 replicas); ElastiCache API CreateReplicationGroup NumNodeGroups/ReplicasPerNodeGroup; aws-rules.md §5";
    /// A cluster with more than one shard has cluster mode turned off.
    CACHE_SHARDS_WITHOUT_CLUSTER_MODE = "cache-shards-without-cluster-mode", Error,
        "a Redis cluster with more than one shard runs in cluster mode",
        "ElastiCache User Guide, Replication.Redis-RedisCluster.md (cluster mode disabled: exactly one shard); ElastiCache API CreateReplicationGroup.NumNodeGroups; aws-rules.md §5";
    /// A Multi-AZ cluster has no replica to fail over to.
    CACHE_MULTI_AZ_WITHOUT_REPLICA = "cache-multi-az-without-replica", Error,
        "a Multi-AZ Redis cluster has at least one replica per shard, for automatic failover",
        "ElastiCache User Guide, AutoFailover.md (Multi-AZ needs automatic failover and at least one replica); ElastiCache API CreateReplicationGroup.MultiAZEnabled; aws-rules.md §5";
    /// A Multi-AZ cluster's subnet group spans fewer than two zones.
    CACHE_MULTI_AZ_SINGLE_ZONE = "cache-multi-az-single-zone", Error,
        "a Multi-AZ Redis cluster's tier has subnets in at least two zones",
        "ElastiCache User Guide, AutoFailover.md (replicas in other availability zones than their primary); ElastiCache API CreateCacheSubnetGroup; aws-rules.md §5";
    /// A Multi-AZ cluster runs on T1 nodes, or on T2 nodes with cluster mode off.
    CACHE_MULTI_AZ_NODE_TYPE = "cache-multi-az-node-type", Error,
        "a Multi-AZ Redis cluster does not run on T1 nodes, nor on T2 nodes with cluster mode off",
        "ElastiCache User Guide, AutoFailover.md (Multi-AZ is not supported on T1 node types, nor on T2 for Redis with cluster mode disabled); aws-rules.md §5";
    /// A cluster has more nodes than ElastiCache's default quota allows.
    CACHE_ABOVE_DEFAULT_NODE_QUOTA = "cache-above-default-node-quota", Warning,
        "a Redis cluster has at most 90 nodes, ElastiCache's default quota per cluster",
        "ElastiCache User Guide, quota-limits and Replication.Redis-RedisCluster.md (90 nodes or shards per cluster by default; up to 500 on Redis 5.0.6 and later with a quota increase); aws-rules.md §5";
}

/// The nodes of a cluster ElastiCache allows without a quota increase.
pub const DEFAULT_CACHE_NODE_QUOTA: u64 = 90;

/// The most shards (or nodes) a cluster may have, with a quota increase (Redis 5.0.6 and later).
pub const MAX_CACHE_SHARDS: u32 = 500;

/// The most replicas of one shard's primary.
pub const MAX_CACHE_REPLICAS: u32 = 5;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform, cluster: &RedisCluster) {
    let name = cluster.name.as_str();
    check_settings(cx, platform, &cluster.replicas_per_shard, &path::cache_replicas(name));
    if let Some(nodes) = &cluster.nodes {
        check_settings(cx, platform, nodes, &path::cache_nodes(name));
    }
    if let Some(multi_az) = &cluster.multi_az {
        check_settings(cx, platform, multi_az, &path::cache_multi_az(name));
    }
    check_shards(cx, cluster);
    per_environment(cx, platform, |cx, env| {
        let replicas = *cluster.replicas_per_shard.get(env);
        if replicas > MAX_CACHE_REPLICAS {
            cx.push(
                INVALID_CACHE_TOPOLOGY
                    .at(
                        cluster.replicas_per_shard.path_in(&path::cache_replicas(name), env),
                        format!("Redis cluster `{name}` has {replicas} replicas per shard; ElastiCache allows 0 to {MAX_CACHE_REPLICAS}"),
                    )
                    .with_help(format!("give each shard at most {MAX_CACHE_REPLICAS} replicas; for more read capacity add shards")),
            );
            return;
        }
        let total = cluster.node_count(env);
        if total > u64::from(MAX_CACHE_SHARDS) {
            cx.push(
                INVALID_CACHE_TOPOLOGY
                    .at(
                        cluster.replicas_per_shard.path_in(&path::cache_replicas(name), env),
                        format!("Redis cluster `{name}` has {total} nodes; ElastiCache allows at most {MAX_CACHE_SHARDS} in a cluster"),
                    )
                    .with_help(format!("{} x (1 + {replicas}) = {total}: use fewer shards or replicas", cluster.shards)),
            );
        } else if total > DEFAULT_CACHE_NODE_QUOTA {
            cx.push(
                CACHE_ABOVE_DEFAULT_NODE_QUOTA
                    .at(
                        path::cache_shards(name),
                        format!("Redis cluster `{name}` has {total} nodes, above ElastiCache's default quota of {DEFAULT_CACHE_NODE_QUOTA} per cluster"),
                    )
                    .with_help("request a quota increase for the account (Redis 5.0.6 or later, up to 500), then acknowledge this warning with a reason"),
            );
        }
        check_node_count(cx, cluster, env);
        let environment_multi_az = platform
            .find_environment(env)
            .is_some_and(|environment| environment.multi_az);
        if cluster.multi_az_in(env, environment_multi_az) {
            check_multi_az(cx, platform, cluster, env, replicas);
        }
    });
}

/// The cluster has 1 to 500 shards, and cluster mode when it has more than one.
///
/// Source: ElastiCache API `CreateReplicationGroup.NumNodeGroups`; with cluster mode disabled a
/// replication group has exactly one node group (aws-rules.md §5).
fn check_shards(cx: &mut Vec<Diagnostic>, cluster: &RedisCluster) {
    let name = cluster.name.as_str();
    let shards = cluster.shards;
    if !(1..=MAX_CACHE_SHARDS).contains(&shards) {
        cx.push(
            INVALID_CACHE_TOPOLOGY
                .at(path::cache_shards(name), format!("Redis cluster `{name}` has {shards} shards; ElastiCache allows 1 to {MAX_CACHE_SHARDS}"))
                .with_help("give the cluster at least one shard (above 90 nodes needs a quota increase)"),
        );
    }
    if shards > 1 && cluster.cluster_mode == Some(false) {
        cx.push(
            CACHE_SHARDS_WITHOUT_CLUSTER_MODE
                .at(
                    path::cache_cluster_mode(name),
                    format!("Redis cluster `{name}` has {shards} shards with cluster mode off, where a replication group has exactly one shard"),
                )
                .with_help("remove `cluster_mode: false` (more than one shard turns cluster mode on), or use `shards: 1`"),
        );
    }
}

/// A declared node count equals `shards x (1 + replicas per shard)`.
///
/// Source: ElastiCache User Guide, "Replication: Redis (cluster mode disabled) vs. enabled":
/// each shard is one primary and its replicas, so the nodes are the product; the API takes
/// shards and replicas, never a node count (aws-rules.md §5).
fn check_node_count(cx: &mut Vec<Diagnostic>, cluster: &RedisCluster, env: &str) {
    let Some(nodes) = &cluster.nodes else {
        return;
    };
    let declared = u64::from(*nodes.get(env));
    let total = cluster.node_count(env);
    if declared == total {
        return;
    }
    let name = cluster.name.as_str();
    let (shards, replicas) = (cluster.shards, *cluster.replicas_per_shard.get(env));
    let replica_text = match replicas {
        1 => "1 replica".to_owned(),
        n => format!("{n} replicas"),
    };
    cx.push(
        CACHE_NODE_COUNT_MISMATCH
            .at(
                nodes.path_in(&path::cache_nodes(name), env),
                format!(
                    "Redis cluster `{name}` declares {declared} nodes, but {shards} shards of one primary and {replica_text} each make {total}"
                ),
            )
            .with_help(format!(
                "nodes = shards x (1 + replicas per shard) = {shards} x (1 + {replicas}) = {total}: write `nodes: {total}`, or change `shards` or `replicas_per_shard`"
            )),
    );
}

/// A Multi-AZ cluster has a replica per shard to fail over to, and its tier spans two zones.
///
/// Source: ElastiCache User Guide, "Minimizing downtime with Multi-AZ": Multi-AZ needs
/// automatic failover and at least one replica, placed in another availability zone than its
/// primary (aws-rules.md §5).
fn check_multi_az(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    cluster: &RedisCluster,
    env: &str,
    replicas: u32,
) {
    let name = cluster.name.as_str();
    let at = match &cluster.multi_az {
        Some(multi_az) => multi_az.path_in(&path::cache_multi_az(name), env),
        None => cluster.replicas_per_shard.path_in(&path::cache_replicas(name), env),
    };
    if replicas == 0 {
        cx.push(
            CACHE_MULTI_AZ_WITHOUT_REPLICA
                .at(at.clone(), format!("Redis cluster `{name}` is Multi-AZ without a replica to fail over to"))
                .with_help("give each shard at least one replica (`replicas_per_shard: 1`), or turn Multi-AZ off (`multi_az: false`)"),
        );
    }
    let node_type = cluster.node_type.get(env);
    let family = node_type.split('.').nth(1).unwrap_or("");
    if family == "t1" || (family == "t2" && !cluster.cluster_mode_enabled()) {
        cx.push(
            CACHE_MULTI_AZ_NODE_TYPE
                .at(
                    cluster.node_type.path_in(&path::cache_node_type(name), env),
                    format!("Redis cluster `{name}` is Multi-AZ on `{node_type}`, a node type ElastiCache offers no Multi-AZ on{}", if family == "t2" { " with cluster mode off" } else { "" }),
                )
                .with_help("use a current node type such as `cache.t4g.medium` or `cache.r6g.large`, or turn Multi-AZ off"),
        );
    }
    let (Some(tier), Some(environment)) = (
        platform.network.find_tier(cluster.tier.as_str()),
        platform.find_environment(env),
    ) else {
        return;
    };
    // A multi-AZ environment with one zone is `multi-az-single-zone`'s finding: this rule
    // reports a cluster made Multi-AZ where the environment has one zone.
    if single_zone(tier, environment).is_some() && !environment.multi_az {
        cx.push(
            CACHE_MULTI_AZ_SINGLE_ZONE
                .at(at, format!(
                    "Redis cluster `{name}` is Multi-AZ, but its tier `{}` has subnets in only one zone",
                    cluster.tier,
                ))
                .with_help(format!("give the environment a second zone with a subnet of tier `{}`, or turn Multi-AZ off there", cluster.tier)),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::cache::rules::tests::{cluster, with};
    use crate::model::PerEnv;
    use crate::testing::codes;
    use crate::value::Name;

    #[test]
    fn the_seeds_three_nodes_of_two_shards_and_one_replica_are_rejected() {
        let redis = cluster().nodes(3);
        let findings = crate::rules::check(&with(redis));
        assert_eq!(findings.iter().map(|d| d.code).collect::<Vec<_>>(), ["cache-node-count-mismatch"]);
        assert_eq!(findings[0].path.as_str(), "cache.clusters.main.nodes");
        let help = findings[0].help.as_deref().unwrap_or("");
        assert!(help.contains("2 x (1 + 1) = 4"), "{help}");
        assert_eq!(codes(&with(cluster().nodes(4))), Vec::<&str>::new());
    }

    #[test]
    fn node_counts_are_checked_in_each_environment() {
        let staging = Name::new_assert("staging");
        let redis = cluster()
            .nodes(PerEnv::new(4).with(staging.clone(), 4))
            .multi_az(PerEnv::new(true).with(staging.clone(), false));
        let mut redis = redis;
        redis.replicas_per_shard = PerEnv::new(1).with(staging, 0);
        let findings = crate::rules::check(&with(redis));
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.ends_with("(environment `staging`)"), "{}", findings[0].message);
        assert_eq!(findings[0].path.as_str(), "cache.clusters.main.nodes[\"staging\"]");
    }

    #[test]
    fn shards_and_replicas_are_in_range() {
        let mut redis = cluster();
        redis.replicas_per_shard = PerEnv::new(6);
        assert_eq!(codes(&with(redis)), ["invalid-cache-topology"]);
        let mut redis = cluster();
        redis.shards = 0;
        assert_eq!(codes(&with(redis)), ["invalid-cache-topology"]);
        let mut redis = cluster();
        redis.replicas_per_shard = PerEnv::new(5);
        assert_eq!(codes(&with(redis.clone())), Vec::<&str>::new());
        // 100 shards of a primary and 5 replicas are 600 nodes.
        redis.shards = 100;
        assert_eq!(codes(&with(redis.clone())), ["invalid-cache-topology"]);
        // 50 shards of a primary and a replica are 100: a quota increase.
        redis.shards = 50;
        redis.replicas_per_shard = PerEnv::new(1);
        let platform = with(redis);
        assert_eq!(codes(&platform), ["cache-above-default-node-quota"]);
        assert!(platform.validate().is_ok());
    }

    #[test]
    fn more_than_one_shard_means_cluster_mode() {
        assert!(cluster().cluster_mode_enabled());
        assert_eq!(codes(&with(cluster().cluster_mode(false))), ["cache-shards-without-cluster-mode"]);
        let mut single = cluster().cluster_mode(false);
        single.shards = 1;
        assert!(!single.cluster_mode_enabled());
        assert_eq!(codes(&with(single)), Vec::<&str>::new());
    }

    #[test]
    fn multi_az_needs_a_replica_and_two_zones() {
        // Production is Multi-AZ: its cluster needs a replica.
        let mut redis = cluster();
        redis.replicas_per_shard = PerEnv::new(0);
        let findings = crate::rules::check(&with(redis.clone()));
        assert_eq!(findings.iter().map(|d| d.code).collect::<Vec<_>>(), ["cache-multi-az-without-replica"]);
        assert!(findings[0].message.ends_with("(environment `production`)"), "{}", findings[0].message);
        // Turned off, it needs none.
        assert_eq!(codes(&with(redis.multi_az(false))), Vec::<&str>::new());
        // T2 nodes have no Multi-AZ with cluster mode off.
        let mut t2 = cluster();
        t2.shards = 1;
        t2.node_type = PerEnv::new("cache.t2.medium".to_owned());
        let findings = crate::rules::check(&with(t2.clone()));
        assert_eq!(findings.iter().map(|d| d.code).collect::<Vec<_>>(), ["cache-multi-az-node-type"]);
        assert_eq!(findings[0].path.as_str(), "cache.clusters.main.node_type");
        t2.shards = 2;
        assert_eq!(codes(&with(t2)), Vec::<&str>::new());
        // Turned on in a single-zone environment, the subnet group has one zone.
        let mut platform = with(cluster().multi_az(true));
        // A single-zone environment's load balancer and database would be reported too.
        platform.load_balancer = crate::model::LoadBalancing::new();
        platform.database = crate::model::Databases::new();
        platform.environments[1].zones.truncate(1);
        assert_eq!(codes(&platform), ["cache-multi-az-single-zone"]);
    }
}
