//! The paths of the cache section's elements.

use crate::diag::ModelPath;

/// `cache`
pub fn cache() -> ModelPath {
    ModelPath::root("cache")
}

/// `cache.clusters.<name>`
pub fn cache_cluster(name: &str) -> ModelPath {
    cache().field("clusters").field(name)
}

/// `cache.clusters.<name>.engine_version`
pub fn cache_engine_version(name: &str) -> ModelPath {
    cache_cluster(name).field("engine_version")
}

/// `cache.clusters.<name>.node_type`
pub fn cache_node_type(name: &str) -> ModelPath {
    cache_cluster(name).field("node_type")
}

/// `cache.clusters.<name>.shards`
pub fn cache_shards(name: &str) -> ModelPath {
    cache_cluster(name).field("shards")
}

/// `cache.clusters.<name>.replicas_per_shard`
pub fn cache_replicas(name: &str) -> ModelPath {
    cache_cluster(name).field("replicas_per_shard")
}

/// `cache.clusters.<name>.nodes`
pub fn cache_nodes(name: &str) -> ModelPath {
    cache_cluster(name).field("nodes")
}

/// `cache.clusters.<name>.cluster_mode`
pub fn cache_cluster_mode(name: &str) -> ModelPath {
    cache_cluster(name).field("cluster_mode")
}

/// `cache.clusters.<name>.parameters`
pub fn cache_parameters(name: &str) -> ModelPath {
    cache_cluster(name).field("parameters")
}

/// `cache.clusters.<name>.parameters.<parameter>`: `maxmemory-policy` or `appendonly`, as
/// Redis spells them.
pub fn cache_parameter(name: &str, parameter: &str) -> ModelPath {
    cache_parameters(name).field(parameter)
}

/// `cache.clusters.<name>.encryption`
pub fn cache_encryption(name: &str) -> ModelPath {
    cache_cluster(name).field("encryption")
}

/// `cache.clusters.<name>.encryption.<at_rest|in_transit>`
pub fn cache_encryption_field(name: &str, field: &str) -> ModelPath {
    cache_encryption(name).field(field)
}

/// `cache.clusters.<name>.multi_az`
pub fn cache_multi_az(name: &str) -> ModelPath {
    cache_cluster(name).field("multi_az")
}

/// `cache.clusters.<name>.snapshot_retention`
pub fn cache_snapshot_retention(name: &str) -> ModelPath {
    cache_cluster(name).field("snapshot_retention")
}

/// `cache.clusters.<name>.tier`
pub fn cache_tier(name: &str) -> ModelPath {
    cache_cluster(name).field("tier")
}

/// `cache.clusters.<name>.security_groups[<idx>]`
pub fn cache_security_group(name: &str, idx: usize) -> ModelPath {
    cache_cluster(name).field("security_groups").index(idx)
}

/// `cache.clusters.<name>.kms_key`
pub fn cache_kms_key(name: &str) -> ModelPath {
    cache_cluster(name).field("kms_key")
}
