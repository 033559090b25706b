//! The paths of the security section's elements.

use crate::diag::ModelPath;

/// `security`
pub fn security() -> ModelPath {
    ModelPath::root("security")
}

/// `security.minimum_tls`
pub fn minimum_tls() -> ModelPath {
    security().field("minimum_tls")
}

/// `security.web_acls.<name>`
pub fn web_acl(name: &str) -> ModelPath {
    security().field("web_acls").field(name)
}

/// `security.web_acls.<name>.load_balancer`
pub fn web_acl_load_balancer(name: &str) -> ModelPath {
    web_acl(name).field("load_balancer")
}

/// `security.web_acls.<name>.rules.<rule>`
pub fn waf_rule(name: &str, rule: &str) -> ModelPath {
    web_acl(name).field("rules").field(rule)
}

/// `security.web_acls.<name>.rules.<rule>.priority`
pub fn waf_rule_priority(name: &str, rule: &str) -> ModelPath {
    waf_rule(name, rule).field("priority")
}

/// `security.web_acls.<name>.rules.<rule>.limit`
pub fn waf_rate_limit(name: &str, rule: &str) -> ModelPath {
    waf_rule(name, rule).field("limit")
}

/// `security.web_acls.<name>.rules.<rule>.window`
pub fn waf_rate_window(name: &str, rule: &str) -> ModelPath {
    waf_rule(name, rule).field("window")
}

/// `security.web_acls.<name>.logging`
pub fn waf_logging(name: &str) -> ModelPath {
    web_acl(name).field("logging")
}

/// `security.web_acls.<name>.logging.log_group`
pub fn waf_log_group(name: &str) -> ModelPath {
    waf_logging(name).field("log_group")
}

/// `security.web_acls.<name>.logging.retention`
pub fn waf_log_retention(name: &str) -> ModelPath {
    waf_logging(name).field("retention")
}

/// `security.roles.<name>`
pub fn role(name: &str) -> ModelPath {
    security().field("roles").field(name)
}

/// `security.roles.<name>.policies.<idx>`
pub fn role_policy(name: &str, idx: usize) -> ModelPath {
    role(name).field("policies").index(idx)
}

/// `security.roles.<name>.connect.<idx>`
pub fn role_connect(name: &str, idx: usize) -> ModelPath {
    role(name).field("connect").index(idx)
}

/// `security.roles.<name>.read.<idx>`
pub fn role_read(name: &str, idx: usize) -> ModelPath {
    role(name).field("read").index(idx)
}

/// `security.roles.<name>.write.<idx>`
pub fn role_write(name: &str, idx: usize) -> ModelPath {
    role(name).field("write").index(idx)
}

/// `security.groups.<name>`
pub fn group(name: &str) -> ModelPath {
    security().field("groups").field(name)
}

/// `security.groups.<name>.policies.<idx>`
pub fn group_policy(name: &str, idx: usize) -> ModelPath {
    group(name).field("policies").index(idx)
}

/// `security.users.<name>`
pub fn user(name: &str) -> ModelPath {
    security().field("users").field(name)
}

/// `security.users.<name>.groups.<idx>`
pub fn user_group(name: &str, idx: usize) -> ModelPath {
    user(name).field("groups").index(idx)
}

/// `security.secrets.<name>`
pub fn secret(name: &str) -> ModelPath {
    security().field("secrets").field(name)
}

/// `security.secrets.<name>.rotation`
pub fn secret_rotation(name: &str) -> ModelPath {
    secret(name).field("rotation")
}

/// `security.secrets.<name>.rotation.every`
pub fn secret_rotation_days(name: &str) -> ModelPath {
    secret_rotation(name).field("every")
}

/// `security.secrets.<name>.kms_key`
pub fn secret_kms_key(name: &str) -> ModelPath {
    secret(name).field("kms_key")
}

/// `security.secrets.<name>.rotation.function`
pub fn secret_rotation_function(name: &str) -> ModelPath {
    secret_rotation(name).field("function")
}

/// `security.web_acls.<name>.logging.kms_key`
pub fn waf_log_kms_key(name: &str) -> ModelPath {
    waf_logging(name).field("kms_key")
}

/// `security.kms_keys.<name>`
pub fn kms_key(name: &str) -> ModelPath {
    security().field("kms_keys").field(name)
}

/// `security.kms_keys.<name>.rotation_period`
pub fn kms_key_rotation_period(name: &str) -> ModelPath {
    kms_key(name).field("rotation_period")
}

/// `security.kms_keys.<name>.deletion_window`
pub fn kms_key_deletion_window(name: &str) -> ModelPath {
    kms_key(name).field("deletion_window")
}
