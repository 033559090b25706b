//! Helpers for the rules' unit tests.

use crate::model::{NetworkAcl, Platform, SecurityGroup};

pub(crate) use crate::fixtures::reference_network as design;

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
