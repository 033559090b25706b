//! The security section: the platform's minimum TLS version in transit, a WAF web ACL on the
//! load balancer, IAM roles for workloads, groups for people (MFA enforced) and users without
//! credentials, and Secrets Manager secrets.

pub mod model;
pub mod path;
pub mod rules;
pub mod tables;

pub use model::*;

use crate::model::Platform;
use crate::section::Section;
use crate::ModelPath;

/// The security section, as registered in the crate root.
pub const SECTION: Section = Section {
    name: "security",
    rules: rules::RULES,
    check: rules::check,
    paths,
};

/// Every element of the security section that a front end must be able to point at.
fn paths(platform: &Platform) -> Vec<ModelPath> {
    let section = &platform.security;
    if section.is_empty() {
        return Vec::new();
    }
    let mut paths = vec![path::security()];
    if section.minimum_tls.is_some() {
        paths.push(path::minimum_tls());
    }
    for key in &section.kms_keys {
        let name = key.name.as_str();
        paths.push(path::kms_key(name));
        if key.rotation_period_days.is_some() {
            paths.push(path::kms_key_rotation_period(name));
        }
        if key.deletion_window_days.is_some() {
            paths.push(path::kms_key_deletion_window(name));
        }
    }
    for acl in &section.web_acls {
        let name = acl.name.as_str();
        paths.extend([path::web_acl(name), path::web_acl_load_balancer(name)]);
        for rule in &acl.rules {
            let at = rule.name.as_str();
            paths.extend([path::waf_rule(name, at), path::waf_rule_priority(name, at)]);
            match rule.statement {
                WafStatement::RateLimit { .. } => {
                    paths.extend([path::waf_rate_limit(name, at), path::waf_rate_window(name, at)]);
                }
                WafStatement::Managed { .. } => {}
            }
        }
        if let Some(logging) = &acl.logging {
            paths.extend([path::waf_logging(name), path::waf_log_retention(name)]);
            if logging.log_group.is_some() {
                paths.push(path::waf_log_group(name));
            }
            if logging.kms_key.is_some() {
                paths.push(path::waf_log_kms_key(name));
            }
        }
    }
    for role in &section.roles {
        let name = role.name.as_str();
        paths.push(path::role(name));
        paths.extend((0..role.policies.len()).map(|idx| path::role_policy(name, idx)));
        paths.extend((0..role.connect.len()).map(|idx| path::role_connect(name, idx)));
        paths.extend((0..role.read.len()).map(|idx| path::role_read(name, idx)));
        paths.extend((0..role.write.len()).map(|idx| path::role_write(name, idx)));
    }
    for group in &section.groups {
        let name = group.name.as_str();
        paths.push(path::group(name));
        paths.extend((0..group.policies.len()).map(|idx| path::group_policy(name, idx)));
    }
    for user in &section.users {
        let name = user.name.as_str();
        paths.push(path::user(name));
        paths.extend((0..user.groups.len()).map(|idx| path::user_group(name, idx)));
    }
    for secret in &section.secrets {
        let name = secret.name.as_str();
        paths.push(path::secret(name));
        if secret.kms_key.is_some() {
            paths.push(path::secret_kms_key(name));
        }
        if secret.rotation.is_some() {
            paths.extend([
                path::secret_rotation(name),
                path::secret_rotation_days(name),
                path::secret_rotation_function(name),
            ]);
        }
    }
    paths
}
