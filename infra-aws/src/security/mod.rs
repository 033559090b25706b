//! The lowering of the security section: the design's KMS keys (see [`kms`]), each web ACL with its association and logging, the
//! workload roles, the groups with the policy requiring MFA, and the users.

mod iam;
mod kms;
pub(crate) mod logical_id;
mod waf;

#[cfg(test)]
mod tests;

use crate::stack::Stack;
use crate::template::{Section, Template};

/// Adds the security section of `stack`'s platform to `template`; a design without one adds
/// nothing.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let security = &stack.platform().security;
    if security.is_empty() {
        return;
    }
    for key in &security.kms_keys {
        kms::lower(stack, template, key);
    }
    for acl in &security.web_acls {
        waf::lower(stack, template, acl);
    }
    for role in &security.roles {
        iam::role(stack, template, role);
    }
    if !security.groups.is_empty() {
        iam::require_mfa(stack, template, &security.groups);
    }
    for group in &security.groups {
        iam::group(stack, template, group);
    }
    for user in &security.users {
        iam::user(stack, template, user);
    }
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let acls: Vec<String> = security
        .web_acls
        .iter()
        .map(|acl| format!("web ACL `{}` on load balancer `{}`", acl.name, acl.load_balancer))
        .collect();
    let names = |items: Vec<&str>| if items.is_empty() { "none".to_owned() } else { items.join(", ") };
    template.add_section(Section {
        summary: format!(
            "security ({}, {}, {}, {}, {})",
            count(security.kms_keys.len(), "KMS key", "KMS keys"),
            count(security.web_acls.len(), "web ACL", "web ACLs"),
            count(security.roles.len(), "role", "roles"),
            count(security.groups.len(), "group", "groups"),
            count(security.users.len(), "user", "users"),
        ),
        arch: format!(
            "Security: KMS keys {} (rotated); {}; workload roles {}; groups {} (MFA required); users {} (no credentials in the template).",
            names(security.kms_keys.iter().map(|k| k.name.as_str()).collect()),
            if acls.is_empty() { "no web ACL".to_owned() } else { acls.join(", ") },
            names(security.roles.iter().map(|r| r.name.as_str()).collect()),
            names(security.groups.iter().map(|g| g.name.as_str()).collect()),
            names(security.users.iter().map(|u| u.name.as_str()).collect()),
        ),
    });
}
