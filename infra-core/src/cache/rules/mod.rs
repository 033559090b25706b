//! The cache section's rules, each declared beside its check.

mod engine;
mod placement;
mod topology;

pub use engine::*;
pub use placement::*;
pub use topology::*;

use crate::diag::Diagnostic;
use crate::model::{path, Platform};
use crate::rules::names::check_unique;
use crate::rules::Rule;

/// The section's rules, one list per module.
pub(super) const RULES: &[&[Rule]] = &[engine::RULES, topology::RULES, placement::RULES];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let clusters = &platform.cache.clusters;
    check_unique(
        cx,
        "Redis cluster",
        clusters.iter().map(|cluster| {
            (
                cluster.name.as_str(),
                cluster.name.pascal_case(),
                path::cache_cluster(cluster.name.as_str()),
            )
        }),
    );
    for cluster in clusters {
        engine::check(cx, platform, cluster);
        topology::check(cx, platform, cluster);
        placement::check(cx, platform, cluster);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::model::{Caching, MaxmemoryPolicy, Platform, RedisCluster, RedisParameters};
    use crate::testing::{codes, design};
    use crate::value::Name;

    /// The reference design's cluster: Redis 6.0 on cache.r5.large, 2 shards of a primary and a
    /// replica, in the database tier.
    pub(crate) fn cluster() -> RedisCluster {
        RedisCluster::new(
            Name::new_assert("main"),
            "6.0",
            "cache.r5.large".to_owned(),
            2,
            1,
            Name::new_assert("database"),
        )
        .parameters(RedisParameters::new().maxmemory_policy(MaxmemoryPolicy::VolatileLru))
        .snapshot_retention(7)
        .security_group(Name::new_assert("database"))
    }

    /// The reference design with `cluster` as its only cache.
    pub(crate) fn with(cluster: RedisCluster) -> Platform {
        let mut platform = design();
        platform.cache = Caching::new().cluster(cluster);
        platform
    }

    #[test]
    fn the_corrected_reference_cluster_passes() {
        assert_eq!(codes(&with(cluster().nodes(4))), Vec::<&str>::new());
    }

    #[test]
    fn names_are_unique() {
        let mut platform = with(cluster());
        platform.cache.clusters.push(cluster());
        assert_eq!(codes(&platform), ["duplicate-name"]);
    }
}
