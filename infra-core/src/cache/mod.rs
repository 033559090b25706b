//! The cache section: Redis OSS on ElastiCache, as replication groups of shards and replicas,
//! encrypted at rest and in transit, in a tier's subnets.

pub mod model;
pub mod path;
pub mod rules;

pub use model::*;

use crate::model::Platform;
use crate::section::Section;
use crate::ModelPath;

/// The cache section, as registered in the crate root.
pub const SECTION: Section = Section {
    name: "cache",
    rules: rules::RULES,
    check: rules::check,
    paths,
};

/// Every element of the cache section that a front end must be able to point at.
fn paths(platform: &Platform) -> Vec<ModelPath> {
    let section = &platform.cache;
    if section.is_empty() {
        return Vec::new();
    }
    let mut paths = vec![path::cache()];
    for cluster in &section.clusters {
        let name = cluster.name.as_str();
        paths.extend([
            path::cache_cluster(name),
            path::cache_engine_version(name),
            path::cache_node_type(name),
            path::cache_shards(name),
            path::cache_replicas(name),
            path::cache_snapshot_retention(name),
            path::cache_tier(name),
        ]);
        paths.extend(
            (0..cluster.security_groups.len()).map(|idx| path::cache_security_group(name, idx)),
        );
        if cluster.nodes.is_some() {
            paths.push(path::cache_nodes(name));
        }
        if cluster.cluster_mode.is_some() {
            paths.push(path::cache_cluster_mode(name));
        }
        if cluster.multi_az.is_some() {
            paths.push(path::cache_multi_az(name));
        }
        if cluster.kms_key.is_some() {
            paths.push(path::cache_kms_key(name));
        }
        let parameters = &cluster.parameters;
        if !parameters.is_empty() {
            paths.push(path::cache_parameters(name));
        }
        if parameters.maxmemory_policy.is_some() {
            paths.push(path::cache_parameter(name, "maxmemory-policy"));
        }
        if parameters.appendonly.is_some() {
            paths.push(path::cache_parameter(name, "appendonly"));
        }
        if !cluster.encryption_at_rest {
            paths.push(path::cache_encryption_field(name, "at_rest"));
        }
        if !cluster.encryption_in_transit {
            paths.push(path::cache_encryption_field(name, "in_transit"));
        }
    }
    paths
}
