//! The security section's model: the platform's minimum TLS version in transit, customer managed
//! KMS keys that the other sections name, a WAF web ACL in front of a load balancer, IAM roles,
//! groups and users, and Secrets Manager secrets.

use crate::value::{Name, RetentionDays};

/// The security section: the minimum TLS version in transit, KMS keys, web ACLs, IAM identities
/// and secrets.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Security {
    /// The lowest TLS version the platform accepts in transit, if the design states one: the
    /// load balancers' policies, the Redis clusters' in-transit encryption, the databases'
    /// `rds.force_ssl` and `ssl_min_protocol_version` and the buckets' policies follow it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_tls: Option<TlsVersion>,
    /// The customer managed KMS keys, each named by the elements it encrypts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kms_keys: Vec<KmsKey>,
    /// The WAF web ACLs, each protecting one load balancer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub web_acls: Vec<WebAcl>,
    /// The IAM roles workloads assume.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// The IAM groups people belong to; each denies everything but MFA set-up without MFA.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// The IAM users, without credentials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<User>,
    /// The Secrets Manager secrets services read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<Secret>,
}

impl Security {
    /// Nothing yet.
    pub fn new() -> Security {
        Security::default()
    }

    /// Whether the section holds nothing.
    pub fn is_empty(&self) -> bool {
        self.minimum_tls.is_none()
            && self.kms_keys.is_empty()
            && self.web_acls.is_empty()
            && self.roles.is_empty()
            && self.groups.is_empty()
            && self.users.is_empty()
            && self.secrets.is_empty()
    }

    /// The secret named `name`, if the section defines it.
    pub fn find_secret(&self, name: &str) -> Option<&Secret> {
        self.secrets.iter().find(|secret| secret.name.as_str() == name)
    }

    /// States the lowest TLS version the platform accepts.
    pub fn minimum_tls(mut self, version: TlsVersion) -> Security {
        self.minimum_tls = Some(version);
        self
    }

    /// The lowest TLS version the platform's own settings enforce: the stated minimum, or
    /// [`DEFAULT_MINIMUM_TLS`] without one. The databases' `ssl_min_protocol_version` and the
    /// buckets' policies follow it; the values a design writes itself (a load balancer's policy,
    /// a Redis cluster's `in_transit: false`) are checked against a stated minimum only.
    pub fn effective_minimum_tls(&self) -> TlsVersion {
        self.minimum_tls.unwrap_or(DEFAULT_MINIMUM_TLS)
    }

    /// Adds a KMS key.
    pub fn kms_key(mut self, key: KmsKey) -> Security {
        self.kms_keys.push(key);
        self
    }

    /// The KMS key named `name`, if the design declares one.
    pub fn find_kms_key(&self, name: &str) -> Option<&KmsKey> {
        self.kms_keys.iter().find(|key| key.name.as_str() == name)
    }

    /// Adds a web ACL.
    pub fn web_acl(mut self, web_acl: WebAcl) -> Security {
        self.web_acls.push(web_acl);
        self
    }

    /// Adds a role.
    pub fn role(mut self, role: Role) -> Security {
        self.roles.push(role);
        self
    }

    /// Adds a group.
    pub fn group(mut self, group: Group) -> Security {
        self.groups.push(group);
        self
    }

    /// Adds a user.
    pub fn user(mut self, user: User) -> Security {
        self.users.push(user);
        self
    }

    /// Adds a secret.
    pub fn secret(mut self, secret: Secret) -> Security {
        self.secrets.push(secret);
        self
    }
}

/// A TLS protocol version.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum TlsVersion {
    /// TLS 1.0.
    #[serde(rename = "1.0")]
    Tls10,
    /// TLS 1.1.
    #[serde(rename = "1.1")]
    Tls11,
    /// TLS 1.2.
    #[serde(rename = "1.2")]
    Tls12,
    /// TLS 1.3.
    #[serde(rename = "1.3")]
    Tls13,
}

impl TlsVersion {
    /// The version from its number, such as `1.2`.
    pub fn parse(text: &str) -> Option<TlsVersion> {
        match text {
            "1.0" => Some(TlsVersion::Tls10),
            "1.1" => Some(TlsVersion::Tls11),
            "1.2" => Some(TlsVersion::Tls12),
            "1.3" => Some(TlsVersion::Tls13),
            _ => None,
        }
    }

    /// Its number, such as `1.2`.
    pub fn as_str(self) -> &'static str {
        match self {
            TlsVersion::Tls10 => "1.0",
            TlsVersion::Tls11 => "1.1",
            TlsVersion::Tls12 => "1.2",
            TlsVersion::Tls13 => "1.3",
        }
    }
}

/// The minimum TLS version the platform's own settings enforce when the design states none:
/// TLS 1.2, the minimum of every AWS API endpoint since 2024 (AWS Security Blog, "TLS 1.2 to
/// become the minimum TLS protocol level for all AWS API endpoints").
pub const DEFAULT_MINIMUM_TLS: TlsVersion = TlsVersion::Tls12;

/// A customer managed KMS key (symmetric, for encryption), rotated automatically. Elements of the
/// other sections name it by its name (`kms_key: logs`); the stack gives it the alias
/// `alias/<platform>-<environment>-<name>` and a key policy that lets the services of those
/// elements use it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct KmsKey {
    /// Its name.
    pub name: Name,
    /// Days between automatic rotations, 90-2560 (KMS's default, 365, without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_period_days: Option<u64>,
    /// Days KMS waits before deleting it once the stack deletes it, 7-30 (KMS's default, 30,
    /// without it). The stack deletes only a key that protects no stored data (one of alert
    /// topics only); it retains the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_window_days: Option<u64>,
}

impl KmsKey {
    /// A key with KMS's default rotation period and deletion window.
    pub fn new(name: Name) -> KmsKey {
        KmsKey {
            name,
            rotation_period_days: None,
            deletion_window_days: None,
        }
    }

    /// Rotates it every `days` days.
    pub fn rotation_period(mut self, days: u64) -> KmsKey {
        self.rotation_period_days = Some(days);
        self
    }

    /// Waits `days` days before deleting it.
    pub fn deletion_window(mut self, days: u64) -> KmsKey {
        self.deletion_window_days = Some(days);
        self
    }
}

/// A regional WAF web ACL associated with a load balancer: requests no rule blocks are allowed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct WebAcl {
    /// Its name.
    pub name: Name,
    /// The load balancer it protects, by name.
    pub load_balancer: Name,
    /// Its rules.
    pub rules: Vec<WafRule>,
    /// Where it logs requests, if anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging: Option<WafLogging>,
}

impl WebAcl {
    /// A web ACL on `load_balancer` without rules.
    pub fn new(name: Name, load_balancer: Name) -> WebAcl {
        WebAcl {
            name,
            load_balancer,
            rules: Vec::new(),
            logging: None,
        }
    }

    /// Adds a rule.
    pub fn rule(mut self, rule: WafRule) -> WebAcl {
        self.rules.push(rule);
        self
    }

    /// Logs requests to CloudWatch Logs.
    pub fn logging(mut self, logging: WafLogging) -> WebAcl {
        self.logging = Some(logging);
        self
    }
}

/// A web ACL rule: its name, its priority (unique in the web ACL, the lowest evaluated first)
/// and what it does.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct WafRule {
    /// Its name.
    pub name: Name,
    /// Its priority.
    pub priority: u32,
    /// What it matches and does.
    pub statement: WafStatement,
}

impl WafStatement {
    /// The web ACL capacity units (WCU) the statement uses: 2 for a rate-based rule without a
    /// scope-down statement (WAF Developer Guide, waf-rule-statement-type-rate-based.html), the
    /// group's for a managed group.
    pub fn capacity(&self) -> u32 {
        match self {
            WafStatement::RateLimit { .. } => 2,
            WafStatement::Managed { group, .. } => group.capacity(),
        }
    }
}

impl WafRule {
    /// A rule.
    pub fn new(name: Name, priority: u32, statement: WafStatement) -> WafRule {
        WafRule {
            name,
            priority,
            statement,
        }
    }
}

/// What a web ACL rule does. A rate limit takes an action (it blocks); a managed rule group
/// takes an override action instead, so it has none to write.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WafStatement {
    /// Blocks a client IP address that sends more than `limit` requests in `window` seconds.
    RateLimit {
        /// Requests per window, 10-2,000,000,000.
        limit: u64,
        /// The evaluation window: 60, 120, 300 or 600 seconds.
        window: u32,
    },
    /// An AWS managed rule group, its rules' own actions kept or counted only.
    Managed {
        /// Which group.
        group: ManagedRuleGroup,
        /// Whether its rules only count matches instead of acting on them.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        count_only: bool,
    },
}

/// An AWS managed rule group of the vendor `AWS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManagedRuleGroup {
    /// `AWSManagedRulesSQLiRuleSet`: SQL injection.
    SqlInjection,
    /// `AWSManagedRulesCommonRuleSet`: the core rule set, cross-site scripting among it.
    Common,
    /// `AWSManagedRulesKnownBadInputsRuleSet`: known bad inputs, Log4j among them.
    KnownBadInputs,
}

impl ManagedRuleGroup {
    /// The web ACL capacity units (WCU) the group uses: 200 for SQL injection and known bad
    /// inputs, 700 for the core rule set (WAF Developer Guide, aws-managed-rule-groups-baseline.html
    /// and aws-managed-rule-groups-use-case.html).
    pub fn capacity(self) -> u32 {
        match self {
            ManagedRuleGroup::SqlInjection | ManagedRuleGroup::KnownBadInputs => 200,
            ManagedRuleGroup::Common => 700,
        }
    }

    /// AWS's name of the group.
    pub fn aws_name(self) -> &'static str {
        match self {
            ManagedRuleGroup::SqlInjection => "AWSManagedRulesSQLiRuleSet",
            ManagedRuleGroup::Common => "AWSManagedRulesCommonRuleSet",
            ManagedRuleGroup::KnownBadInputs => "AWSManagedRulesKnownBadInputsRuleSet",
        }
    }
}

/// A web ACL's logging to a CloudWatch Logs log group.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct WafLogging {
    /// The log group's name, if the design names it; it must start with `aws-waf-logs-`.
    /// Without one, the stack names it `aws-waf-logs-<platform>-<environment>-<web acl>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_group: Option<String>,
    /// How long the log group keeps events.
    pub retention: RetentionDays,
    /// The KMS key of the design that encrypts the log group, by name; unencrypted without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<Name>,
    /// Request headers whose values are redacted from the logs (`authorization`, `cookie`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redacted_headers: Vec<String>,
}

impl WafLogging {
    /// Logging to a log group named by the stack.
    pub fn new(retention: RetentionDays) -> WafLogging {
        WafLogging {
            log_group: None,
            retention,
            kms_key: None,
            redacted_headers: Vec::new(),
        }
    }

    /// Encrypts the log group with the design's KMS key `key`.
    pub fn kms_key(mut self, key: Name) -> WafLogging {
        self.kms_key = Some(key);
        self
    }

    /// Names the log group.
    pub fn log_group(mut self, name: impl Into<String>) -> WafLogging {
        self.log_group = Some(name.into());
        self
    }

    /// Redacts a request header from the logs.
    pub fn redact_header(mut self, header: impl Into<String>) -> WafLogging {
        self.redacted_headers.push(header.into());
        self
    }
}

/// The prefix AWS WAF requires of a log group it logs to.
pub const WAF_LOG_GROUP_PREFIX: &str = "aws-waf-logs-";

/// Who may assume a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trust {
    /// ECS tasks (`ecs-tasks.amazonaws.com`): the services and batch jobs on Fargate.
    EcsTasks,
}

impl Trust {
    /// The service principal.
    pub fn principal(self) -> &'static str {
        match self {
            Trust::EcsTasks => "ecs-tasks.amazonaws.com",
        }
    }
}

/// An IAM role a workload assumes (the services that name it, and batch jobs submitted outside
/// the stack), with AWS managed policies by name and grants on the design's databases and
/// buckets by name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Role {
    /// Its name.
    pub name: Name,
    /// Who may assume it.
    pub trust: Trust,
    /// AWS managed policies, by name (`AmazonS3ReadOnlyAccess`).
    pub policies: Vec<String>,
    /// The databases of the design whose credentials it may read (their master secret, and its
    /// key through Secrets Manager only), by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connect: Vec<Name>,
    /// The buckets of the design whose objects it may list and read (and decrypt, with a key
    /// the bucket names), by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read: Vec<Name>,
    /// The buckets of the design it may put objects into (and encrypt them, with a key the
    /// bucket names), by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub write: Vec<Name>,
}

impl Role {
    /// A role without policies.
    pub fn new(name: Name, trust: Trust) -> Role {
        Role {
            name,
            trust,
            policies: Vec::new(),
            connect: Vec::new(),
            read: Vec::new(),
            write: Vec::new(),
        }
    }

    /// Lets the role list and read the objects of the bucket `name`.
    pub fn read(mut self, name: Name) -> Role {
        self.read.push(name);
        self
    }

    /// Lets the role put objects into the bucket `name`.
    pub fn write(mut self, name: Name) -> Role {
        self.write.push(name);
        self
    }

    /// Lets the role read the credentials of the database `name`.
    pub fn connect(mut self, name: Name) -> Role {
        self.connect.push(name);
        self
    }

    /// Attaches an AWS managed policy.
    pub fn policy(mut self, name: impl Into<String>) -> Role {
        self.policies.push(name.into());
        self
    }
}

/// An IAM group: its members get its AWS managed policies, and are denied everything but setting
/// up their own MFA device until they sign in with MFA.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Group {
    /// Its name.
    pub name: Name,
    /// AWS managed policies, by name.
    pub policies: Vec<String>,
}

impl Group {
    /// A group without policies.
    pub fn new(name: Name) -> Group {
        Group {
            name,
            policies: Vec::new(),
        }
    }

    /// Attaches an AWS managed policy.
    pub fn policy(mut self, name: impl Into<String>) -> Group {
        self.policies.push(name.into());
        self
    }
}

/// An IAM user: a member of groups, with no credentials in the template (no access keys, no
/// password: the administrator sets a console password out of band, and MFA is then required).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct User {
    /// Its name.
    pub name: Name,
    /// The groups it belongs to, by name.
    pub groups: Vec<Name>,
}

impl User {
    /// A user in `groups`.
    pub fn new(name: Name, groups: impl IntoIterator<Item = Name>) -> User {
        User {
            name,
            groups: groups.into_iter().collect(),
        }
    }
}

/// A Secrets Manager secret, such as API keys, encrypted with a customer managed KMS key. Its
/// value is never in the design or the template: the stack generates a random initial value,
/// which the rotation function replaces.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Secret {
    /// Its name.
    pub name: Name,
    /// How it rotates; without rotation its value lives until someone changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation: Option<SecretRotation>,
    /// The design's KMS key it is encrypted with, by name; without one, a key of the section's
    /// own that encrypts every such secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<Name>,
}

impl Secret {
    /// A secret without rotation.
    pub fn new(name: Name) -> Secret {
        Secret {
            name,
            rotation: None,
            kms_key: None,
        }
    }

    /// Encrypts it with the design's KMS key `name`.
    pub fn kms_key(mut self, name: Name) -> Secret {
        self.kms_key = Some(name);
        self
    }

    /// Rotates the secret.
    pub fn rotation(mut self, rotation: SecretRotation) -> Secret {
        self.rotation = Some(rotation);
        self
    }
}

/// A secret's rotation: every `days` days, by a Lambda function the team owns (AWS's hosted
/// rotation functions exist only for database credentials).
///
/// The function must exist before the stack is deployed, since Secrets Manager rotates the secret
/// once when the schedule is created. Its resource policy must allow the service principal
/// `secretsmanager.amazonaws.com` to invoke it (`lambda:InvokeFunction`, narrowed with
/// `aws:SourceAccount`, or with `aws:SourceArn` once the secret's ARN is known from the stack's
/// output), and its role needs `secretsmanager:DescribeSecret`, `GetSecretValue`,
/// `PutSecretValue` and `UpdateSecretVersionStage` on the secret, and `kms:Decrypt` and
/// `kms:GenerateDataKey` on its key (Secrets Manager User Guide, rotate-secrets_lambda-permissions).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SecretRotation {
    /// Days between rotations, 1-1000.
    pub days: u32,
    /// Where the rotation function's ARN comes from.
    pub function: RotationFunction,
}

impl SecretRotation {
    /// Rotation every `days` days by `function`.
    pub fn new(days: u32, function: RotationFunction) -> SecretRotation {
        SecretRotation { days, function }
    }
}

/// Where a secret's rotation function comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RotationFunction {
    /// A template parameter holding the Lambda function's ARN, passed at deployment.
    Parameter,
}

/// What an element that names a KMS key uses it for, which decides the statements of the key's
/// policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyUse {
    /// A CloudWatch Logs log group: CloudWatch Logs itself encrypts with the key, so the key
    /// policy must name it.
    LogGroup,
    /// The SNS topic a severity's alarms notify: CloudWatch publishes to it, so the key policy
    /// must let CloudWatch make data keys.
    AlarmTopic,
    /// Data a service encrypts on behalf of the account's principals (RDS, ElastiCache, S3,
    /// SQS, Secrets Manager, AWS Backup): the account's IAM policies grant its use.
    Data,
}

/// An element of the design that names a KMS key: the key's name, where it is written, what it
/// uses the key for and what it encrypts, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeyReference<'a> {
    /// The key's name as written.
    pub key: &'a Name,
    /// Where it is written.
    pub at: crate::ModelPath,
    /// What for.
    pub usage: KeyUse,
    /// What it encrypts, such as "queue `jobs` and its dead-letter queue".
    pub what: String,
}

/// Every element of `platform` that names a KMS key, section by section in the platform's order.
pub fn key_references(platform: &crate::model::Platform) -> Vec<KeyReference<'_>> {
    use crate::model::path;
    fn add<'a>(
        references: &mut Vec<KeyReference<'a>>,
        key: &'a Option<Name>,
        at: crate::ModelPath,
        usage: KeyUse,
        what: String,
    ) {
        if let Some(key) = key {
            references.push(KeyReference { key, at, usage, what });
        }
    }
    let mut references: Vec<KeyReference<'_>> = Vec::new();
    let refs = &mut references;
    if let Some(logs) = &platform.network.flow_logs {
        add(refs, &logs.kms_key, path::flow_logs_kms_key(), KeyUse::LogGroup, "the VPC flow log group".to_owned());
    }
    add(refs, &platform.batch.log_kms_key, path::batch_log_kms_key(), KeyUse::LogGroup, "the batch jobs' log group".to_owned());
    for queue in &platform.compute.queues {
        let name = queue.name.as_str();
        add(refs, &queue.kms_key, path::queue_kms_key(name), KeyUse::Data, format!("queue `{name}` and its dead-letter queue"));
    }
    for service in &platform.compute.services {
        let name = service.name.as_str();
        add(refs, &service.log_kms_key, path::service_log_kms_key(name), KeyUse::LogGroup, format!("service `{name}`'s log group"));
    }
    for pg in &platform.database.postgres {
        let name = pg.name.as_str();
        add(refs, &pg.kms_key, path::postgres_kms_key(name), KeyUse::Data, format!("database `{name}` (storage, secret, Performance Insights, backups)"));
        add(refs, &pg.log_kms_key, path::postgres_log_kms_key(name), KeyUse::LogGroup, format!("database `{name}`'s log groups"));
    }
    for cluster in &platform.cache.clusters {
        let name = cluster.name.as_str();
        add(refs, &cluster.kms_key, path::cache_kms_key(name), KeyUse::Data, format!("Redis cluster `{name}` (data, snapshots, AUTH token)"));
    }
    for bucket in &platform.storage.buckets {
        let name = bucket.name.as_str();
        add(refs, &bucket.encryption.kms_key, path::bucket_kms_key(name), KeyUse::Data, format!("bucket `{name}`"));
    }
    for severity in &platform.monitoring.severities {
        let name = severity.name.as_str();
        add(refs, &severity.kms_key, path::severity_kms_key(name), KeyUse::AlarmTopic, format!("the `{name}` alert topic"));
    }
    for secret in &platform.security.secrets {
        let name = secret.name.as_str();
        add(refs, &secret.kms_key, path::secret_kms_key(name), KeyUse::Data, format!("secret `{name}`"));
    }
    for acl in &platform.security.web_acls {
        if let Some(logging) = &acl.logging {
            let name = acl.name.as_str();
            add(refs, &logging.kms_key, path::waf_log_kms_key(name), KeyUse::LogGroup, format!("web ACL `{name}`'s log group"));
        }
    }
    references
}
