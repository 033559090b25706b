//! The security section's keywords.

use crate::keyword::keywords;

keywords! {
    /// The items of `security { ... }`.
    pub enum SectionKey: "security item" {
        MinimumTls = "minimum_tls",
        KmsKey = "kms_key",
        WebAcl = "web_acl",
        Role = "role",
        Group = "group",
        User = "user",
        Secret = "secret",
    }

    /// The fields of a web ACL.
    pub enum WebAclKey: "web ACL field" {
        LoadBalancer = "load_balancer",
        Rule = "rule",
        Logging = "logging",
    }

    /// The fields of a web ACL rule.
    pub enum RuleKey: "web ACL rule field" {
        Priority = "priority",
        RateLimit = "rate_limit",
        Managed = "managed",
        CountOnly = "count_only",
        Action = "action",
    }

    /// The fields of a rate limit.
    pub enum RateKey: "rate limit field" {
        Limit = "limit",
        Window = "window",
    }

    /// An AWS managed rule group.
    pub enum ManagedKey: "managed rule group" {
        SqlInjection = "sql_injection",
        Common = "common",
        KnownBadInputs = "known_bad_inputs",
    }

    /// The fields of a web ACL's logging.
    pub enum LoggingKey: "logging field" {
        LogGroup = "log_group",
        Retention = "retention",
        RedactHeaders = "redact_headers",
        KmsKey = "kms_key",
    }

    /// The fields of a KMS key.
    pub enum KmsKeyKey: "KMS key field" {
        RotationPeriod = "rotation_period",
        DeletionWindow = "deletion_window",
    }

    /// The fields of a role.
    pub enum RoleKey: "role field" {
        Trust = "trust",
        Policies = "policies",
        Connect = "connect",
        Read = "read",
        Write = "write",
    }

    /// Who may assume a role.
    pub enum TrustKey: "trusted principal" {
        EcsTasks = "ecs_tasks",
    }

    /// The fields of a group.
    pub enum GroupKey: "group field" {
        Policies = "policies",
    }

    /// The fields of a user.
    pub enum UserKey: "user field" {
        Groups = "groups",
    }

    /// The fields of a secret.
    pub enum SecretKey: "secret field" {
        Rotation = "rotation",
        KmsKey = "kms_key",
    }

    /// The fields of a secret's rotation.
    pub enum RotationKey: "rotation field" {
        Every = "every",
        Function = "function",
    }

    /// Where a rotation function comes from.
    pub enum FunctionWord: "rotation function source" {
        Parameter = "parameter",
    }
}
