//! The `cache { ... }` section: Redis OSS clusters on ElastiCache.
//!
//! ```text
//! cache {
//!     redis main {
//!         engine_version: "7.1",
//!         node_type: match env { production => "cache.r6g.large", _ => "cache.t4g.medium" },
//!         shards: 2,
//!         replicas_per_shard: match env { production => 1, _ => 0 },
//!         nodes: match env { production => 4, _ => 2 },
//!         parameters: { "maxmemory-policy": "volatile-lru" },
//!         encryption: { at_rest: true, in_transit: true },
//!         snapshot_retention: 7d,
//!         tier: database,
//!         security_groups: [cache],
//!     }
//! }
//! ```

use infra_core::model::{path, Acknowledgement, Caching, PerEnv, RedisCluster, RedisParameters};
use infra_core::rules::parse_maxmemory_policy;
use infra_core::value::Name;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, Ident, LitStr, Token};

use super::keyword::{EncryptionKey, ParameterKey, RedisKey, SectionKey, YesNo};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, attributes};
use crate::parse::per_env::per_env;
use crate::parse::syntax::*;

/// The section's body.
pub(super) fn caching(input: ParseStream, cx: &mut Cx, acks: &mut Vec<Acknowledgement>) -> Caching {
    let mut section = Caching::new();
    entries(input, cx, SectionKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (item, _) = key::<SectionKey>(input)?;
        match item {
            SectionKey::Redis => {
                let ident = input.call(Ident::parse_any)?;
                let name = ident_name(cx, &ident, path::cache_cluster);
                acknowledge(acks, cx, allows, path::cache_cluster(name.as_str()));
                let content;
                braced!(content in input);
                if let Some(cluster) = redis(&content, cx, name, ident.span()) {
                    section.clusters.push(cluster);
                }
            }
        }
        separator(input)
    });
    section
}



/// A cluster's body; `None` without one of its required fields (an error is then recorded at
/// `at`, the name).
fn redis(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> Option<RedisCluster> {
    let redis = name.as_str().to_owned();
    let mut version: Option<String> = None;
    let mut node_type: Option<PerEnv<String>> = None;
    let mut shards = None;
    let mut replicas: Option<PerEnv<u32>> = None;
    let mut nodes: Option<PerEnv<u32>> = None;
    let mut cluster_mode = None;
    let mut multi_az: Option<PerEnv<bool>> = None;
    let mut parameters = None;
    let mut encryption: Option<(bool, bool)> = None;
    let mut retention = None;
    let mut tier = None;
    let mut groups: Option<Vec<Name>> = None;
    let mut kms_key: Option<Name> = None;
    let mut written = Vec::new();
    entries(input, cx, RedisKey::ALL, |input, cx| {
        let (field, key) = key::<RedisKey>(input)?;
        written.push(field);
        match field {
            RedisKey::EngineVersion => {
                let lit = string_field(input, cx, &version, &key)?;
                cx.span(path::cache_engine_version(&redis), lit.span());
                version = Some(lit.value());
            }
            RedisKey::NodeType => {
                once(&node_type, &key)?;
                input.parse::<Token![:]>()?;
                let at = path::cache_node_type(&redis);
                node_type = Some(per_env(input, cx, &at, |input, cx, at| {
                    let lit = string(input, cx)?;
                    cx.span(at, lit.span());
                    Ok(lit.value())
                })?);
            }
            RedisKey::Shards => {
                once(&shards, &key)?;
                input.parse::<Token![:]>()?;
                shards = Some(count(input, cx, "a number of shards", path::cache_shards(&redis))?);
            }
            RedisKey::ReplicasPerShard => {
                once(&replicas, &key)?;
                input.parse::<Token![:]>()?;
                let at = path::cache_replicas(&redis);
                replicas = Some(per_env(input, cx, &at, |input, cx, at| count(input, cx, "a number of replicas", at))?);
            }
            RedisKey::Nodes => {
                once(&nodes, &key)?;
                input.parse::<Token![:]>()?;
                let at = path::cache_nodes(&redis);
                nodes = Some(per_env(input, cx, &at, |input, cx, at| count(input, cx, "a number of nodes", at))?);
            }
            RedisKey::ClusterMode => {
                once(&cluster_mode, &key)?;
                input.parse::<Token![:]>()?;
                cluster_mode = Some(flag(input, cx, path::cache_cluster_mode(&redis))?);
            }
            RedisKey::MultiAz => {
                once(&multi_az, &key)?;
                input.parse::<Token![:]>()?;
                let at = path::cache_multi_az(&redis);
                multi_az = Some(per_env(input, cx, &at, flag)?);
            }
            RedisKey::Parameters => {
                once(&parameters, &key)?;
                input.parse::<Token![:]>()?;
                parameters = Some(redis_parameters(input, cx, &redis)?);
            }
            RedisKey::Encryption => {
                once(&encryption, &key)?;
                input.parse::<Token![:]>()?;
                encryption = Some(encryption_value(input, cx, &redis)?);
            }
            RedisKey::SnapshotRetention => {
                once(&retention, &key)?;
                input.parse::<Token![:]>()?;
                retention = Some(whole_days(input, cx, path::cache_snapshot_retention(&redis), 0)?);
            }
            RedisKey::Tier => {
                input.parse::<Token![:]>()?;
                tier = Some(name_ref(input, cx, &tier, &key, path::cache_tier(&redis))?);
            }
            RedisKey::KmsKey => {
                input.parse::<Token![:]>()?;
                kms_key = Some(name_field(input, cx, &kms_key, &key, path::cache_kms_key(&redis))?);
            }
            RedisKey::SecurityGroups => {
                once(&groups, &key)?;
                input.parse::<Token![:]>()?;
                groups = Some(names(input, cx, |idx| path::cache_security_group(&redis, idx))?);
            }
        }
        separator(input)
    });
    let (Some(version), Some(node_type), Some(shards), Some(replicas), Some(tier)) =
        (version, node_type, shards, replicas, tier)
    else {
        let required = [
            RedisKey::EngineVersion,
            RedisKey::NodeType,
            RedisKey::Shards,
            RedisKey::ReplicasPerShard,
            RedisKey::Tier,
        ];
        report_missing(cx, at, "a Redis cluster", &required, &written);
        return None;
    };
    let mut cluster = RedisCluster::new(name, version, node_type, shards, replicas, tier);
    cluster.nodes = nodes;
    cluster.cluster_mode = cluster_mode;
    cluster.multi_az = multi_az;
    cluster.parameters = parameters.unwrap_or_default();
    if let Some((at_rest, in_transit)) = encryption {
        cluster.encryption_at_rest = at_rest;
        cluster.encryption_in_transit = in_transit;
    }
    cluster.snapshot_retention = retention.unwrap_or(0);
    cluster.security_groups = groups.unwrap_or_default();
    cluster.kms_key = kms_key;
    Some(cluster)
}

/// `{ "maxmemory-policy": "volatile-lru", "appendonly": "no" }`, keyed by Redis's own names,
/// recorded from brace to brace, each value at its token.
fn redis_parameters(input: ParseStream, cx: &mut Cx, redis: &str) -> syn::Result<RedisParameters> {
    let content;
    let brace = braced!(content in input);
    cx.span_range(path::cache_parameters(redis), brace.span.open(), brace.span.close());
    let mut parameters = RedisParameters::new();
    let mut seen: Vec<ParameterKey> = Vec::new();
    entries(&content, cx, &[], |content, cx| {
        let key: LitStr = string(content, cx)?;
        let text = key.value();
        let parameter = ParameterKey::from_word(&text).ok_or_else(|| {
            syn::Error::new(
                key.span(),
                format!(
                    "unknown Redis parameter `{text}`{}; this tool sets {}",
                    suggestion(&text, ParameterKey::ALL),
                    list(ParameterKey::ALL)
                ),
            )
        })?;
        if seen.contains(&parameter) {
            return Err(syn::Error::new(key.span(), format!("duplicate `{text}`")));
        }
        seen.push(parameter);
        content.parse::<Token![:]>()?;
        let value = string(content, cx)?;
        let at = path::cache_parameter(redis, parameter.as_str());
        cx.span(at.clone(), value.span());
        match parameter {
            ParameterKey::MaxmemoryPolicy => match parse_maxmemory_policy(&value.value(), at.clone()) {
                Ok(policy) => parameters.maxmemory_policy = Some(policy),
                Err(finding) => {
                    cx.value_errors.push(finding);
                    cx.stand_in_at(at);
                }
            },
            ParameterKey::Appendonly => {
                let on = match YesNo::from_word(&value.value()) {
                    Some(YesNo::Yes) => true,
                    Some(YesNo::No) => false,
                    None => {
                        return Err(syn::Error::new(
                            value.span(),
                            format!("`appendonly` is `\"yes\"` or `\"no\"`, not `\"{}\"`", value.value()),
                        ))
                    }
                };
                parameters.appendonly = Some(on);
            }
        }
        separator(content)
    });
    Ok(parameters)
}

/// `{ at_rest: true, in_transit: true }`; a field left out is `true`.
fn encryption_value(input: ParseStream, cx: &mut Cx, redis: &str) -> syn::Result<(bool, bool)> {
    let content;
    let brace = braced!(content in input);
    cx.span_range(path::cache_encryption(redis), brace.span.open(), brace.span.close());
    let mut at_rest = None;
    let mut in_transit = None;
    entries(&content, cx, EncryptionKey::ALL, |content, cx| {
        let (field, key) = key::<EncryptionKey>(content)?;
        let slot = match field {
            EncryptionKey::AtRest => &mut at_rest,
            EncryptionKey::InTransit => &mut in_transit,
        };
        once(slot, &key)?;
        content.parse::<Token![:]>()?;
        *slot = Some(flag(content, cx, path::cache_encryption_field(redis, field.as_str()))?);
        separator(content)
    });
    Ok((at_rest.unwrap_or(true), in_transit.unwrap_or(true)))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proc_macro2::TokenStream;

    use crate::expand::platform;

    /// The expansion of a small design around the cache cluster's fields, as text.
    fn expand(fields: &str) -> String {
        let text = format!(
            r#"name: "demo", region: "ap-northeast-1",
            environments {{ production {{ zones: ["ap-northeast-1a", "ap-northeast-1c"] }} }}
            network {{
                vpc: "10.0.0.0/16",
                subnets {{ isolated database {{ "ap-northeast-1a": "10.0.21.0/24", "ap-northeast-1c": "10.0.22.0/24" }} }}
            }}
            cache {{ redis main {{ {fields} }} }}"#
        );
        let tokens = TokenStream::from_str(&text).expect("balanced tokens");
        std::panic::catch_unwind(|| platform(tokens).to_string())
            .unwrap_or_else(|_| panic!("the macro panicked on {fields}"))
    }

    const FIELDS: &str =
        r#"engine_version: "7.1", node_type: "cache.t4g.medium", shards: 1, replicas_per_shard: 1, tier: database,"#;

    #[test]
    fn a_whole_cluster_expands_without_errors() {
        let expansion = expand(&format!(
            r#"{FIELDS} nodes: 2, cluster_mode: false, multi_az: match env {{ production => true, _ => false }},
            parameters: {{ "maxmemory-policy": "allkeys-lru" }}, encryption: {{ in_transit: true }},
            snapshot_retention: 1d"#
        ));
        assert!(!expansion.contains("compile_error"), "{expansion}");
    }

    #[test]
    fn parameters_are_redis_names_with_their_values() {
        let unknown = expand(&format!(r#"{FIELDS} parameters: {{ "appendfsync": "always" }}"#));
        assert!(unknown.contains("unknown Redis parameter `appendfsync`"), "{unknown}");
        assert!(unknown.contains("`maxmemory-policy` or `appendonly`"), "{unknown}");
        let typo = expand(&format!(r#"{FIELDS} parameters: {{ "maxmemory_policy": "volatile-lru" }}"#));
        assert!(typo.contains("did you mean `maxmemory-policy`?"), "{typo}");
        let twice = expand(&format!(
            r#"{FIELDS} parameters: {{ "appendonly": "no", "appendonly": "no" }}"#
        ));
        assert!(twice.contains("duplicate `appendonly`"), "{twice}");
        let maybe = expand(&format!(r#"{FIELDS} parameters: {{ "appendonly": "maybe" }}"#));
        assert!(maybe.contains("`appendonly` is"), "{maybe}");
    }

    #[test]
    fn missing_fields_are_named() {
        let missing = expand(r#"engine_version: "7.1", tier: database"#);
        assert!(
            missing.contains("missing `node_type`, `shards`, `replicas_per_shard`"),
            "{missing}"
        );
    }

    #[test]
    fn broken_values_never_panic() {
        for fields in [
            "",
            "shards: -1, replicas_per_shard: 99999999999999999999999999999",
            "snapshot_retention: 7, snapshot_retention: 7s",
            "snapshot_retention: 99999999999999999999999d",
            "parameters: {}, parameters: { : }, encryption: { at_rest }",
            "encryption: { at_rest: 1, in_transit: \"no\" }",
            "nodes: match env { _ => }, multi_az: match env { production => 1 }",
            "node_type: match env {}",
            "security_groups: [, x], tier: 1",
        ] {
            let with_fields = expand(&format!("{FIELDS} {fields}"));
            let alone = expand(fields);
            // Each is an error, alone (the required fields are missing) and after valid ones.
            assert!(alone.contains("compile_error"), "no error for {fields:?}");
            if !fields.is_empty() {
                assert!(with_fields.contains("compile_error"), "no error for {fields:?}");
            }
        }
    }
}
