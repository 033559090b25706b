//! The cache section's model: Redis OSS replication groups on ElastiCache.

use crate::model::PerEnv;
use crate::value::Name;

/// The cache section: the platform's Redis clusters.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Caching {
    /// The Redis clusters (ElastiCache replication groups).
    pub clusters: Vec<RedisCluster>,
}

impl Caching {
    /// No clusters.
    pub fn new() -> Caching {
        Caching::default()
    }

    /// Whether the section holds nothing (a platform without a cache).
    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
    }

    /// Adds a cluster.
    pub fn cluster(mut self, cluster: RedisCluster) -> Caching {
        self.clusters.push(cluster);
        self
    }
}

/// A Redis OSS replication group: `shards` node groups of one primary and
/// `replicas_per_shard` replicas each, in a tier's subnets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RedisCluster {
    /// Its name.
    pub name: Name,
    /// The Redis engine version, such as `7.1` or `6.0`.
    pub engine_version: String,
    /// The node type, such as `cache.r6g.large`, per environment.
    pub node_type: PerEnv<String>,
    /// The number of shards (node groups); more than one means cluster mode.
    pub shards: u32,
    /// The replicas of each shard's primary, per environment.
    pub replicas_per_shard: PerEnv<u32>,
    /// The total number of nodes the design expects, if it states one: it must equal
    /// `shards x (1 + replicas_per_shard)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<PerEnv<u32>>,
    /// Cluster mode as the design states it; unstated, it is on exactly when there is more
    /// than one shard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_mode: Option<bool>,
    /// The Redis parameters the design sets.
    #[serde(default, skip_serializing_if = "RedisParameters::is_empty")]
    pub parameters: RedisParameters,
    /// Whether data at rest is encrypted (the default), with the section's KMS key.
    #[serde(default = "enabled")]
    pub encryption_at_rest: bool,
    /// Whether connections use TLS (the default), with an AUTH token.
    #[serde(default = "enabled")]
    pub encryption_in_transit: bool,
    /// The KMS key of the design (`security { kms_key <name> {} }`) that encrypts its data at rest, its snapshots and its AUTH token, by name;
    /// the cache section's own key without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<Name>,
    /// Multi-AZ with automatic failover, per environment; unstated, each environment's own
    /// `multi_az`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_az: Option<PerEnv<bool>>,
    /// How many days of daily snapshots ElastiCache keeps (0 turns them off).
    pub snapshot_retention: u32,
    /// The subnet tier its subnet group spans.
    pub tier: Name,
    /// Its security groups, by name.
    pub security_groups: Vec<Name>,
}

fn enabled() -> bool {
    true
}

impl RedisCluster {
    /// A cluster encrypted at rest and in transit, without a declared node count, parameters,
    /// security groups or snapshots yet.
    pub fn new(
        name: Name,
        engine_version: impl Into<String>,
        node_type: impl Into<PerEnv<String>>,
        shards: u32,
        replicas_per_shard: impl Into<PerEnv<u32>>,
        tier: Name,
    ) -> RedisCluster {
        RedisCluster {
            name,
            engine_version: engine_version.into(),
            node_type: node_type.into(),
            shards,
            replicas_per_shard: replicas_per_shard.into(),
            nodes: None,
            cluster_mode: None,
            parameters: RedisParameters::default(),
            encryption_at_rest: true,
            encryption_in_transit: true,
            kms_key: None,
            multi_az: None,
            snapshot_retention: 0,
            tier,
            security_groups: Vec::new(),
        }
    }

    /// Encrypts it with the design's KMS key `key`.
    pub fn kms_key(mut self, key: Name) -> RedisCluster {
        self.kms_key = Some(key);
        self
    }

    /// States the total number of nodes the design expects.
    pub fn nodes(mut self, nodes: impl Into<PerEnv<u32>>) -> RedisCluster {
        self.nodes = Some(nodes.into());
        self
    }

    /// States whether cluster mode is on.
    pub fn cluster_mode(mut self, on: bool) -> RedisCluster {
        self.cluster_mode = Some(on);
        self
    }

    /// Sets the Redis parameters.
    pub fn parameters(mut self, parameters: RedisParameters) -> RedisCluster {
        self.parameters = parameters;
        self
    }

    /// Sets multi-AZ per environment, instead of each environment's own `multi_az`.
    pub fn multi_az(mut self, multi_az: impl Into<PerEnv<bool>>) -> RedisCluster {
        self.multi_az = Some(multi_az.into());
        self
    }

    /// Keeps daily snapshots for `days` days.
    pub fn snapshot_retention(mut self, days: u32) -> RedisCluster {
        self.snapshot_retention = days;
        self
    }

    /// Gives its nodes the security group `group`.
    pub fn security_group(mut self, group: Name) -> RedisCluster {
        self.security_groups.push(group);
        self
    }

    /// Whether cluster mode is on: as stated, or else when there is more than one shard.
    pub fn cluster_mode_enabled(&self) -> bool {
        self.cluster_mode.unwrap_or(self.shards > 1)
    }

    /// Whether the cluster is multi-AZ in `environment`, whose own setting is `environment_multi_az`.
    pub fn multi_az_in(&self, environment: &str, environment_multi_az: bool) -> bool {
        self.multi_az
            .as_ref()
            .map_or(environment_multi_az, |value| *value.get(environment))
    }

    /// The number of nodes in `environment`: `shards x (1 + replicas_per_shard)`.
    pub fn node_count(&self, environment: &str) -> u64 {
        let replicas = u64::from(*self.replicas_per_shard.get(environment));
        u64::from(self.shards) * (1 + replicas)
    }
}

/// The Redis parameters a design may set, each typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RedisParameters {
    /// `maxmemory-policy`: which keys Redis evicts when memory is full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maxmemory_policy: Option<MaxmemoryPolicy>,
    /// `appendonly`: the append-only file, which ElastiCache no longer supports; kept only to
    /// be reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appendonly: Option<bool>,
}

impl RedisParameters {
    /// No parameters: ElastiCache's defaults.
    pub fn new() -> RedisParameters {
        RedisParameters::default()
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.maxmemory_policy.is_none() && self.appendonly.is_none()
    }

    /// Sets `maxmemory-policy`.
    pub fn maxmemory_policy(mut self, policy: MaxmemoryPolicy) -> RedisParameters {
        self.maxmemory_policy = Some(policy);
        self
    }
}

/// Redis's `maxmemory-policy`: what it evicts when memory is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MaxmemoryPolicy {
    /// `volatile-lru`, ElastiCache's default: the least recently used keys with an expiry.
    VolatileLru,
    /// `allkeys-lru`: the least recently used keys.
    AllkeysLru,
    /// `volatile-lfu`: the least frequently used keys with an expiry.
    VolatileLfu,
    /// `allkeys-lfu`: the least frequently used keys.
    AllkeysLfu,
    /// `volatile-random`: random keys with an expiry.
    VolatileRandom,
    /// `allkeys-random`: random keys.
    AllkeysRandom,
    /// `volatile-ttl`: the keys with an expiry that expire soonest.
    VolatileTtl,
    /// `noeviction`: nothing; writes fail when memory is full.
    Noeviction,
}

impl MaxmemoryPolicy {
    /// Every policy, in ElastiCache's order.
    pub const ALL: [MaxmemoryPolicy; 8] = [
        MaxmemoryPolicy::VolatileLru,
        MaxmemoryPolicy::AllkeysLru,
        MaxmemoryPolicy::VolatileLfu,
        MaxmemoryPolicy::AllkeysLfu,
        MaxmemoryPolicy::VolatileRandom,
        MaxmemoryPolicy::AllkeysRandom,
        MaxmemoryPolicy::VolatileTtl,
        MaxmemoryPolicy::Noeviction,
    ];

    /// The value as Redis spells it, such as `volatile-lru`.
    pub const fn as_str(self) -> &'static str {
        match self {
            MaxmemoryPolicy::VolatileLru => "volatile-lru",
            MaxmemoryPolicy::AllkeysLru => "allkeys-lru",
            MaxmemoryPolicy::VolatileLfu => "volatile-lfu",
            MaxmemoryPolicy::AllkeysLfu => "allkeys-lfu",
            MaxmemoryPolicy::VolatileRandom => "volatile-random",
            MaxmemoryPolicy::AllkeysRandom => "allkeys-random",
            MaxmemoryPolicy::VolatileTtl => "volatile-ttl",
            MaxmemoryPolicy::Noeviction => "noeviction",
        }
    }
}
