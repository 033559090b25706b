//! Helpers for the rules' unit tests.

use crate::fixtures::reference_network;
use crate::model::{NetworkAcl, PerEnv, Platform, Security, SecurityGroup};

/// The reference design without its alarms and its security section (and the acknowledgement
/// there, and the services' reading of its secrets) but for its minimum TLS version: they watch or
/// protect the services, load balancer and database that the other sections' tests replace or
/// remove. The monitoring and security sections' tests start from
/// [`reference_network`](crate::fixtures::reference_network) or add theirs back.
pub(crate) fn design() -> Platform {
    let mut platform = reference_network();
    platform.monitoring.alarms.clear();
    let minimum = platform.security.minimum_tls;
    platform.security = Security::new();
    platform.security.minimum_tls = minimum;
    // The services' roles and secrets are the security section's.
    for service in &mut platform.compute.services {
        service.role = None;
        service.secrets.clear();
    }
    without_key_references(&mut platform);
    platform
        .acknowledgements
        .retain(|ack| !ack.path.starts_with(&crate::model::path::security()));
    platform
}

/// Takes every KMS key name out of the design's elements, whose keys lived in the security section:
/// each element falls back to its section's own key (or to none).
fn without_key_references(platform: &mut Platform) {
    if let Some(flow_logs) = platform.network.flow_logs.as_mut() {
        flow_logs.kms_key = None;
    }
    platform.batch.log_kms_key = None;
    for queue in &mut platform.compute.queues {
        queue.kms_key = None;
    }
    for service in &mut platform.compute.services {
        service.log_kms_key = None;
    }
    for pg in &mut platform.database.postgres {
        pg.kms_key = None;
        pg.log_kms_key = None;
    }
    for cluster in &mut platform.cache.clusters {
        cluster.kms_key = None;
    }
    for bucket in &mut platform.storage.buckets {
        bucket.encryption.kms_key = None;
    }
    for severity in &mut platform.monitoring.severities {
        severity.kms_key = None;
    }
}

/// The reference design with every environment on the default (production's) address blocks,
/// for tests that rewrite a block and expect only the finding they cause.
pub(crate) fn one_block() -> Platform {
    let mut platform = design();
    let network = &mut platform.network;
    network.vpc = PerEnv::new(*network.vpc.default_value());
    for subnet in network.tiers.iter_mut().flat_map(|tier| &mut tier.subnets) {
        subnet.cidr = PerEnv::new(*subnet.cidr.default_value());
    }
    for acl in &mut network.acls {
        for rule in acl.inbound.iter_mut().chain(&mut acl.outbound) {
            rule.cidr = PerEnv::new(*rule.cidr.default_value());
        }
    }
    platform
}

/// The codes of every finding on `platform`, in validation order.
pub(crate) fn codes(platform: &Platform) -> Vec<&'static str> {
    crate::rules::check(platform)
        .iter()
        .map(|d| d.code)
        .collect()
}

pub(crate) fn group_mut<'a>(platform: &'a mut Platform, name: &str) -> &'a mut SecurityGroup {
    platform
        .network
        .security_groups
        .iter_mut()
        .find(|g| g.name.as_str() == name)
        .expect("a group of the design")
}

pub(crate) fn acl_mut<'a>(platform: &'a mut Platform, tier: &str) -> &'a mut NetworkAcl {
    platform
        .network
        .acls
        .iter_mut()
        .find(|acl| acl.tier.as_str() == tier)
        .expect("an ACL of the design")
}
