//! The `security { ... }` section: the TLS minimum, KMS keys, WAF web ACLs, IAM identities and
//! Secrets Manager secrets.
//!
//! ```text
//! security {
//!     // The lowest TLS version in transit (`1.0` to `1.3`); without it, TLS 1.2 for what the
//!     // stack sets itself (the databases' parameters, the buckets' policies).
//!     minimum_tls: "1.2",
//!     // A customer managed key, rotated; elements elsewhere name it: `kms_key: logs`.
//!     kms_key logs { rotation_period: 365d, deletion_window: 30d }
//!     web_acl api {
//!         load_balancer: web,
//!         rule rate_limit { priority: 1, rate_limit: { limit: 2000, window: 300s } },
//!         // Managed rule groups block by their own rules' actions; `count_only: true` counts.
//!         rule sql_injection { priority: 2, managed: sql_injection },
//!         rule xss { priority: 3, managed: common },
//!         rule known_bad_inputs { priority: 4, managed: known_bad_inputs },
//!         // The log group is `aws-waf-logs-<platform>-<env>-api` unless `log_group` names one.
//!         logging: { retention: 90d, kms_key: logs, redact_headers: ["authorization"] },
//!     }
//!     // `connect`: read the credentials of the database `main` (its master secret).
//!     role application { trust: ecs_tasks, policies: ["AmazonS3ReadOnlyAccess"], connect: [main] }
//!     // `read` and `write`: list and get, and put, the objects of the storage section's buckets.
//!     role batch { trust: ecs_tasks, read: [datasets], write: [datasets, backups] }
//!     group developers { policies: ["ReadOnlyAccess"] }
//!     user developer { groups: [developers] }
//!     // Rotated every 90 days by the team's Lambda function, whose ARN is the template
//!     // parameter `RotationFunctionApiKeysArn`.
//!     secret api_keys { kms_key: secrets, rotation: { every: 90d, function: parameter } }
//! }
//! ```

use infra_core::model::{
    path, Acknowledgement, Group, KmsKey, ManagedRuleGroup, Role, RotationFunction, Secret,
    SecretRotation, Security, TlsVersion, Trust, User, WafLogging, WafRule, WafStatement, WebAcl,
};
use infra_core::value::{parse_seconds, Name, RetentionDays};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{ParseBuffer, ParseStream};
use syn::{braced, bracketed, Ident, LitBool, Token};

use super::keyword::{
    FunctionWord, GroupKey, KmsKeyKey, LoggingKey, ManagedKey, RateKey, RoleKey, RotationKey,
    RuleKey, SecretKey, SectionKey, TrustKey, UserKey, WebAclKey,
};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, attributes};
use crate::parse::syntax::*;

/// The section's body.
pub(super) fn security(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> Security {
    let mut section = Security::new();
    entries(input, cx, SectionKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (item, key) = key::<SectionKey>(input)?;
        match item {
            SectionKey::MinimumTls => {
                acknowledge(acks, cx, allows, path::minimum_tls());
                let lit = string_field(input, cx, &section.minimum_tls, &key)?;
                let version = TlsVersion::parse(&lit.value()).ok_or_else(|| {
                    syn::Error::new(
                        lit.span(),
                        format!("unknown TLS version `{}`; expected `1.0`, `1.1`, `1.2` or `1.3`", lit.value()),
                    )
                })?;
                cx.span(path::minimum_tls(), lit.span());
                section.minimum_tls = Some(version);
            }
            SectionKey::KmsKey => {
                let (ident, content) = named(input)?;
                let name = ident_name(cx, &ident, path::kms_key);
                acknowledge(acks, cx, allows, path::kms_key(name.as_str()));
                section.kms_keys.push(kms_key(&content, cx, name));
            }
            SectionKey::WebAcl => {
                let (ident, content) = named(input)?;
                let name = ident_name(cx, &ident, path::web_acl);
                acknowledge(acks, cx, allows, path::web_acl(name.as_str()));
                if let Some(acl) = web_acl(&content, cx, name, ident.span()) {
                    section.web_acls.push(acl);
                }
            }
            SectionKey::Role => {
                let (ident, content) = named(input)?;
                let name = ident_name(cx, &ident, path::role);
                acknowledge(acks, cx, allows, path::role(name.as_str()));
                if let Some(role) = role(&content, cx, name, ident.span()) {
                    section.roles.push(role);
                }
            }
            SectionKey::Group => {
                let (ident, content) = named(input)?;
                let name = ident_name(cx, &ident, path::group);
                acknowledge(acks, cx, allows, path::group(name.as_str()));
                section.groups.push(group(&content, cx, name));
            }
            SectionKey::User => {
                let (ident, content) = named(input)?;
                let name = ident_name(cx, &ident, path::user);
                acknowledge(acks, cx, allows, path::user(name.as_str()));
                section.users.push(user(&content, cx, name));
            }
            SectionKey::Secret => {
                let (ident, content) = named(input)?;
                let name = ident_name(cx, &ident, path::secret);
                acknowledge(acks, cx, allows, path::secret(name.as_str()));
                section.secrets.push(secret(&content, cx, name));
            }
        }
        separator(input)
    });
    section
}

/// `<name> { ... }` after an item's keyword: the name and the braced body.
fn named<'a>(input: ParseStream<'a>) -> syn::Result<(Ident, ParseBuffer<'a>)> {
    let ident = input.call(Ident::parse_any)?;
    let content;
    braced!(content in input);
    Ok((ident, content))
}

/// A KMS key's body: `{ rotation_period: 365d, deletion_window: 30d }`, both optional.
fn kms_key(input: ParseStream, cx: &mut Cx, name: Name) -> KmsKey {
    let own = name.as_str().to_owned();
    let mut rotation: Option<u64> = None;
    let mut deletion: Option<u64> = None;
    entries(input, cx, KmsKeyKey::ALL, |input, cx| {
        let (field, key) = key::<KmsKeyKey>(input)?;
        input.parse::<Token![:]>()?;
        let (slot, at, stand_in) = match field {
            KmsKeyKey::RotationPeriod => (&mut rotation, path::kms_key_rotation_period(&own), 365),
            KmsKeyKey::DeletionWindow => (&mut deletion, path::kms_key_deletion_window(&own), 30),
        };
        once(slot, &key)?;
        *slot = Some(days(input, cx, at, Ok, || stand_in)?);
        separator(input)
    });
    let mut key = KmsKey::new(name);
    key.rotation_period_days = rotation;
    key.deletion_window_days = deletion;
    key
}

/// A web ACL's body; `None` without its load balancer (an error is then recorded at `at`).
fn web_acl(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> Option<WebAcl> {
    let acl = name.as_str().to_owned();
    let mut load_balancer: Option<Name> = None;
    let mut logging: Option<Option<WafLogging>> = None;
    let mut rules = Vec::new();
    let mut lb_written = false;
    entries(input, cx, WebAclKey::ALL, |input, cx| {
        let (field, key) = key::<WebAclKey>(input)?;
        match field {
            WebAclKey::LoadBalancer => {
                once(&load_balancer, &key)?;
                lb_written = true;
                input.parse::<Token![:]>()?;
                let ident = input.call(Ident::parse_any)?;
                load_balancer = Some(ident_name(cx, &ident, |_| path::web_acl_load_balancer(&acl)));
            }
            WebAclKey::Rule => {
                let ident = input.call(Ident::parse_any)?;
                let rule_name = ident_name(cx, &ident, |at| path::waf_rule(&acl, at));
                let content;
                braced!(content in input);
                if let Some(rule) = rule(&content, cx, &acl, rule_name, ident.span()) {
                    rules.push(rule);
                }
            }
            WebAclKey::Logging => {
                once(&logging, &key)?;
                input.parse::<Token![:]>()?;
                logging = Some(logging_body(input, cx, &acl)?);
            }
        }
        separator(input)
    });
    let Some(load_balancer) = load_balancer else {
        if !lb_written {
            cx.error(missing(at, "a web ACL needs `load_balancer: <name>`, the load balancer it protects"));
        }
        return None;
    };
    let mut web_acl = WebAcl::new(name, load_balancer);
    web_acl.rules = rules;
    web_acl.logging = logging.flatten();
    Some(web_acl)
}

/// What a rule's body declares of its statement.
enum Statement {
    Rate(u64, u32),
    Managed(ManagedRuleGroup),
}

/// A rule's body: a priority and either a rate limit or a managed group; `None` (with an error
/// at `at`) without them.
fn rule(input: ParseStream, cx: &mut Cx, acl: &str, name: Name, at: Span) -> Option<WafRule> {
    let rule = name.as_str().to_owned();
    let mut priority: Option<u32> = None;
    let mut statement: Option<Statement> = None;
    let mut count_only: Option<(bool, Span)> = None;
    let mut action: Option<Span> = None;
    let mut failed = false;
    entries(input, cx, RuleKey::ALL, |input, cx| {
        let (field, key) = key::<RuleKey>(input)?;
        input.parse::<Token![:]>()?;
        match field {
            RuleKey::Priority => {
                once(&priority, &key)?;
                let number = integer(input, cx, "a priority")?;
                cx.span_range(path::waf_rule_priority(acl, &rule), number.start, number.end());
                priority = Some(u32::try_from(number.value().max(0)).unwrap_or(u32::MAX));
            }
            RuleKey::RateLimit => {
                once(&statement, &key)?;
                failed = true;
                let (limit, window) = rate_limit(input, cx, acl, &rule)?;
                failed = false;
                statement = Some(Statement::Rate(limit, window));
            }
            RuleKey::Managed => {
                once(&statement, &key)?;
                let ident = input.call(Ident::parse_any)?;
                statement = Some(Statement::Managed(match word::<ManagedKey>(&ident)? {
                    ManagedKey::SqlInjection => ManagedRuleGroup::SqlInjection,
                    ManagedKey::Common => ManagedRuleGroup::Common,
                    ManagedKey::KnownBadInputs => ManagedRuleGroup::KnownBadInputs,
                }));
            }
            RuleKey::CountOnly => {
                once(&count_only, &key)?;
                let value: LitBool = input.parse()?;
                count_only = Some((value.value, value.span()));
            }
            RuleKey::Action => {
                once(&action, &key)?;
                // The value is skipped: the error below explains what to write instead.
                let _ = input.call(Ident::parse_any)?;
                action = Some(key.span());
            }
        }
        separator(input)
    });
    if let Some(span) = action {
        let help = match statement {
            Some(Statement::Managed(_)) => "a managed rule group takes an override action, not an action: its own rules block what they match; leave `action` out, or write `count_only: true` to count matches without acting",
            _ => "a rate limit blocks the requests above its limit; leave `action` out",
        };
        cx.error(syn::Error::new(span, format!("`action` cannot be written on a web ACL rule\n  = help: {help}")));
    }
    let statement = match (statement, count_only) {
        (Some(Statement::Rate(limit, window)), None) => WafStatement::RateLimit { limit, window },
        (Some(Statement::Rate(..)), Some((_, span))) => {
            cx.error(syn::Error::new(span, "`count_only` applies to managed rule groups; a rate limit blocks"));
            return None;
        }
        (Some(Statement::Managed(group)), count_only) => WafStatement::Managed {
            group,
            count_only: count_only.is_some_and(|(value, _)| value),
        },
        (None, _) => {
            if !failed {
                cx.error(missing(at, "a web ACL rule needs `rate_limit: { limit: <n>, window: <s>s }` or `managed: sql_injection|common|known_bad_inputs`"));
            }
            return None;
        }
    };
    let Some(priority) = priority else {
        cx.error(missing(at, "a web ACL rule needs a `priority`, unique in its web ACL (the lowest is evaluated first)"));
        return None;
    };
    Some(WafRule::new(name, priority, statement))
}

/// `{ limit: 2000, window: 300s }`, each number at its own token.
fn rate_limit(input: ParseStream, cx: &mut Cx, acl: &str, rule: &str) -> syn::Result<(u64, u32)> {
    let content;
    let brace = braced!(content in input);
    let mut limit: Option<u64> = None;
    let mut window: Option<u32> = None;
    entries(&content, cx, RateKey::ALL, |content, cx| {
        let (field, key) = key::<RateKey>(content)?;
        content.parse::<Token![:]>()?;
        match field {
            RateKey::Limit => {
                once(&limit, &key)?;
                let number = integer(content, cx, "a limit")?;
                cx.span_range(path::waf_rate_limit(acl, rule), number.start, number.end());
                limit = Some(u64::try_from(number.value().max(0)).unwrap_or(u64::MAX));
            }
            RateKey::Window => {
                once(&window, &key)?;
                let number = integer_with_suffix(content)?;
                let sign = if number.negative { "-" } else { "" };
                let text = format!("{sign}{}{}", number.lit.base10_digits(), number.lit.suffix());
                let at = path::waf_rate_window(acl, rule);
                window = Some(cx.value_range(parse_seconds(&text), at, number.start, number.end(), || 300));
            }
        }
        separator(content)
    });
    match (limit, window) {
        (Some(limit), Some(window)) => Ok((limit, window)),
        _ => Err(missing(
            brace.span.join(),
            "a rate limit needs `limit` (requests per window, 10-2000000000) and `window` (60s, 120s, 300s or 600s), for example `{ limit: 2000, window: 300s }`",
        )),
    }
}

/// `{ retention: 90d, log_group: "aws-waf-logs-api", redact_headers: ["authorization"] }`;
/// `None` (with an error) without a retention.
fn logging_body(input: ParseStream, cx: &mut Cx, acl: &str) -> syn::Result<Option<WafLogging>> {
    let content;
    let brace = braced!(content in input);
    cx.span_range(path::waf_logging(acl), brace.span.open(), brace.span.close());
    let mut group: Option<String> = None;
    let mut retention: Option<RetentionDays> = None;
    let mut headers: Option<Vec<String>> = None;
    let mut kms_key: Option<Name> = None;
    entries(&content, cx, LoggingKey::ALL, |content, cx| {
        let (field, key) = key::<LoggingKey>(content)?;
        match field {
            LoggingKey::LogGroup => {
                let lit = string_field(content, cx, &group, &key)?;
                cx.span(path::waf_log_group(acl), lit.span());
                group = Some(lit.value());
            }
            LoggingKey::Retention => {
                once(&retention, &key)?;
                content.parse::<Token![:]>()?;
                retention = Some(retention_days(content, cx, path::waf_log_retention(acl))?);
            }
            LoggingKey::RedactHeaders => {
                once(&headers, &key)?;
                content.parse::<Token![:]>()?;
                headers = Some(strings(content, cx, |_| path::waf_logging(acl))?);
            }
            LoggingKey::KmsKey => {
                content.parse::<Token![:]>()?;
                kms_key = Some(name_field(content, cx, &kms_key, &key, path::waf_log_kms_key(acl))?);
            }
        }
        separator(content)
    });
    let Some(retention) = retention else {
        return Err(missing(brace.span.join(), "logging needs `retention: <days>d`, for example `{ retention: 90d }`"));
    };
    let mut logging = WafLogging::new(retention);
    logging.log_group = group;
    logging.redacted_headers = headers.unwrap_or_default();
    logging.kms_key = kms_key;
    Ok(Some(logging))
}

/// A role's body; `None` without its trust (an error is then recorded at `at`).
fn role(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> Option<Role> {
    let role = name.as_str().to_owned();
    let mut trust: Option<Trust> = None;
    let mut policies: Option<Vec<String>> = None;
    let mut connect: Option<Vec<Name>> = None;
    let mut read: Option<Vec<Name>> = None;
    let mut write: Option<Vec<Name>> = None;
    let mut trust_written = false;
    entries(input, cx, RoleKey::ALL, |input, cx| {
        let (field, key) = key::<RoleKey>(input)?;
        input.parse::<Token![:]>()?;
        match field {
            RoleKey::Trust => {
                once(&trust, &key)?;
                trust_written = true;
                let ident = input.call(Ident::parse_any)?;
                trust = Some(match word::<TrustKey>(&ident)? {
                    TrustKey::EcsTasks => Trust::EcsTasks,
                });
            }
            RoleKey::Policies => {
                once(&policies, &key)?;
                policies = Some(strings(input, cx, |idx| path::role_policy(&role, idx))?);
            }
            RoleKey::Connect => {
                once(&connect, &key)?;
                connect = Some(names(input, cx, |idx| path::role_connect(&role, idx))?);
            }
            RoleKey::Read => {
                once(&read, &key)?;
                read = Some(names(input, cx, |idx| path::role_read(&role, idx))?);
            }
            RoleKey::Write => {
                once(&write, &key)?;
                write = Some(names(input, cx, |idx| path::role_write(&role, idx))?);
            }
        }
        separator(input)
    });
    let Some(trust) = trust else {
        if !trust_written {
            cx.error(missing(at, "a role needs `trust: ecs_tasks`, who may assume it"));
        }
        return None;
    };
    let mut parsed = Role::new(name, trust);
    parsed.policies = policies.unwrap_or_default();
    parsed.connect = connect.unwrap_or_default();
    parsed.read = read.unwrap_or_default();
    parsed.write = write.unwrap_or_default();
    Some(parsed)
}

/// A group's body.
fn group(input: ParseStream, cx: &mut Cx, name: Name) -> Group {
    let group = name.as_str().to_owned();
    let mut policies: Option<Vec<String>> = None;
    entries(input, cx, GroupKey::ALL, |input, cx| {
        let (field, key) = key::<GroupKey>(input)?;
        input.parse::<Token![:]>()?;
        match field {
            GroupKey::Policies => {
                once(&policies, &key)?;
                policies = Some(strings(input, cx, |idx| path::group_policy(&group, idx))?);
            }
        }
        separator(input)
    });
    let mut parsed = Group::new(name);
    parsed.policies = policies.unwrap_or_default();
    parsed
}

/// A user's body.
fn user(input: ParseStream, cx: &mut Cx, name: Name) -> User {
    let user = name.as_str().to_owned();
    let mut groups: Option<Vec<Name>> = None;
    entries(input, cx, UserKey::ALL, |input, cx| {
        let (field, key) = key::<UserKey>(input)?;
        input.parse::<Token![:]>()?;
        match field {
            UserKey::Groups => {
                once(&groups, &key)?;
                groups = Some(names(input, cx, |idx| path::user_group(&user, idx))?);
            }
        }
        separator(input)
    });
    User::new(name, groups.unwrap_or_default())
}

/// A secret's body: `rotation: { every: 90d, function: parameter }`, or nothing.
fn secret(input: ParseStream, cx: &mut Cx, name: Name) -> Secret {
    let secret = name.as_str().to_owned();
    let mut rotation: Option<SecretRotation> = None;
    let mut kms_key: Option<Name> = None;
    entries(input, cx, SecretKey::ALL, |input, cx| {
        let (field, key) = key::<SecretKey>(input)?;
        input.parse::<Token![:]>()?;
        match field {
            SecretKey::Rotation => {
                once(&rotation, &key)?;
                rotation = rotation_body(input, cx, &secret)?;
            }
            SecretKey::KmsKey => {
                let at = path::secret_kms_key(&secret);
                kms_key = Some(name_field(input, cx, &kms_key, &key, at)?);
            }
        }
        separator(input)
    });
    let mut parsed = Secret::new(name);
    parsed.rotation = rotation;
    parsed.kms_key = kms_key;
    parsed
}

/// `{ every: 90d, function: parameter }`, recorded at the braces, each value at its token;
/// `None` (with an error at the braces) without a field that was not written.
fn rotation_body(input: ParseStream, cx: &mut Cx, secret: &str) -> syn::Result<Option<SecretRotation>> {
    let content;
    let brace = braced!(content in input);
    cx.span_range(path::secret_rotation(secret), brace.span.open(), brace.span.close());
    let mut every: Option<u32> = None;
    let mut function: Option<RotationFunction> = None;
    let mut written = Vec::new();
    entries(&content, cx, RotationKey::ALL, |content, cx| {
        let (field, key) = key::<RotationKey>(content)?;
        written.push(field);
        content.parse::<Token![:]>()?;
        match field {
            RotationKey::Every => {
                once(&every, &key)?;
                every = Some(whole_days(content, cx, path::secret_rotation_days(secret), 90)?);
            }
            RotationKey::Function => {
                once(&function, &key)?;
                let ident = content.call(Ident::parse_any)?;
                cx.span(path::secret_rotation_function(secret), ident.span());
                function = Some(match word::<FunctionWord>(&ident)? {
                    FunctionWord::Parameter => RotationFunction::Parameter,
                });
            }
        }
        separator(content)
    });
    match (every, function) {
        (Some(days), Some(function)) => Ok(Some(SecretRotation::new(days, function))),
        // A field written wrong was reported at its token.
        _ if [RotationKey::Every, RotationKey::Function].iter().all(|field| written.contains(field)) => Ok(None),
        _ => {
            cx.error(missing(
                brace.span.join(),
                "a rotation needs `every` (days between rotations, 1-1000) and `function: parameter` (the team's Lambda function, whose ARN the deployment passes), for example `{ every: 90d, function: parameter }`",
            ));
            Ok(None)
        }
    }
}

/// `["a", ...]`: strings, each recorded at `at(index)`.
fn strings(
    input: ParseStream,
    cx: &mut Cx,
    at: impl Fn(usize) -> ModelPath,
) -> syn::Result<Vec<String>> {
    let list;
    bracketed!(list in input);
    let mut parsed = Vec::new();
    entries(&list, cx, &[], |list, cx| {
        let lit = string(list, cx)?;
        cx.span(at(parsed.len()), lit.span());
        parsed.push(lit.value());
        separator(list)
    });
    Ok(parsed)
}
