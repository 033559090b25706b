//! The cache section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `cache { ... }`.
    pub enum SectionKey: "cache item" {
        Redis = "redis",
    }

    /// The fields of a Redis cluster.
    pub enum RedisKey: "Redis cluster field" {
        EngineVersion = "engine_version",
        NodeType = "node_type",
        Shards = "shards",
        ReplicasPerShard = "replicas_per_shard",
        Nodes = "nodes",
        ClusterMode = "cluster_mode",
        MultiAz = "multi_az",
        Parameters = "parameters",
        Encryption = "encryption",
        KmsKey = "kms_key",
        SnapshotRetention = "snapshot_retention",
        Tier = "tier",
        SecurityGroups = "security_groups",
    }

    /// The Redis parameters a design may set, as Redis spells them.
    pub enum ParameterKey: "Redis parameter" {
        MaxmemoryPolicy = "maxmemory-policy",
        Appendonly = "appendonly",
    }

    /// The values of a yes-or-no Redis parameter.
    pub enum YesNo: "yes-or-no value" {
        Yes = "yes",
        No = "no",
    }

    /// The fields of `encryption: { ... }`.
    pub enum EncryptionKey: "encryption field" {
        AtRest = "at_rest",
        InTransit = "in_transit",
    }
}
