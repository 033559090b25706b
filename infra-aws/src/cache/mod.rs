//! The lowering of the cache section: for each Redis cluster, a subnet group over its tier's
//! subnets, a parameter group of the engine version's family (with `cluster-enabled` as cluster
//! mode says), a generated AUTH token in Secrets Manager, and the replication group, encrypted at
//! rest with the section's KMS key and in transit with TLS, its AUTH token resolved by dynamic
//! reference so that it never appears in the template. The services whose security groups the
//! cluster's groups admit on Redis's port may read the token: a policy on their task roles.
//! Outputs: the endpoint clients connect to
//! (the configuration endpoint in cluster mode, the primary endpoint otherwise) and the AUTH
//! token's secret.

pub(crate) mod logical_id;

use infra_core::model::{path, Caching, Peer, RedisCluster, Service};
use infra_core::rules::{
    redis_parameter_family, CACHE_ABOVE_DEFAULT_NODE_QUOTA, CACHE_MULTI_AZ_NODE_TYPE, CACHE_MULTI_AZ_SINGLE_ZONE, CACHE_MULTI_AZ_WITHOUT_REPLICA,
    CACHE_NODE_COUNT_MISMATCH, CACHE_NODE_TYPE_NOT_IN_TABLE, CACHE_SHARDS_WITHOUT_CLUSTER_MODE,
    CACHE_UNENCRYPTED, CACHE_WITHOUT_TLS, INVALID_CACHE_SNAPSHOT_RETENTION,
    INVALID_CACHE_TOPOLOGY, INVALID_MAXMEMORY_POLICY, REDIS_APPENDONLY_UNSUPPORTED,
    REDIS_VERSION_NEWER_THAN_TABLE, UNKNOWN_CACHE_NODE_TYPE, UNKNOWN_REDIS_VERSION,
    UNKNOWN_SECURITY_GROUP, UNKNOWN_TIER,
};

use crate::context::State;
use crate::kms::{account_administers, key_arn as key_arn_of};
use crate::intrinsic::{Expr, Pseudo};
use crate::network::logical_id as network_id;
use crate::stack::Stack;
use crate::template::{Output, Policy, Resource, Section, Template};

/// The port Redis listens on.
const REDIS_PORT: u16 = 6379;

/// The length of a generated AUTH token: ElastiCache takes 16 to 128 printable characters.
const AUTH_TOKEN_LENGTH: i64 = 64;

impl<'a> Stack<'a> {
    /// The platform's cache section.
    pub(crate) fn cache(&self) -> &'a Caching {
        &self.platform().cache
    }

    /// Whether `cluster` is Multi-AZ in this environment.
    fn cache_multi_az(&self, cluster: &RedisCluster) -> bool {
        let environment = self.environment();
        cluster.multi_az_in(environment.name.as_str(), environment.multi_az)
    }
}

/// Adds the Redis clusters of `stack`'s platform to `template`, and says what it added; a
/// design without a cache adds nothing.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let cache = stack.cache();
    if cache.is_empty() {
        return;
    }
    if cache.clusters.iter().any(|cluster| cluster.kms_key.is_none()) {
        key(stack, template);
    }
    for cluster in &cache.clusters {
        subnet_group(stack, template, cluster);
        parameter_group(stack, template, cluster);
        if cluster.encryption_in_transit {
            auth_token(stack, template, cluster);
            client_policy(stack, template, cluster);
        }
        replication_group(stack, template, cluster);
    }
    let summary = match cache.clusters.len() {
        1 => "cache (1 Redis cluster)".to_owned(),
        n => format!("cache ({n} Redis clusters)"),
    };
    let shapes: Vec<String> = cache.clusters.iter().map(|cluster| shape(stack, cluster)).collect();
    template.add_section(Section {
        summary,
        arch: format!("Cache: ElastiCache Redis OSS {}.", shapes.join(", ")),
    });
}

/// The ARN of the key of `cluster`: the design's key it names, or the section's own.
fn key_arn(cluster: &RedisCluster) -> Expr {
    key_arn_of(cluster.kms_key.as_ref(), &logical_id::key())
}

/// The section's KMS key of the clusters that name none of the design's: their data at rest and
/// snapshots, and their AUTH tokens; the
/// account administers it through IAM, which ElastiCache and Secrets Manager use on the
/// deployer's behalf.
fn key(stack: &Stack<'_>, template: &mut Template) {
    let administer = account_administers();
    template.add_resource(
        logical_id::key(),
        Resource::new("AWS::KMS::Key")
            .property("Description", "Encrypts the Redis clusters' data, snapshots and AUTH tokens")
            .property("EnableKeyRotation", true)
            .property(
                "KeyPolicy",
                Expr::map([
                    ("Version", Expr::from("2012-10-17")),
                    ("Statement", Expr::list([administer])),
                ]),
            )
            .property("Tags", stack.tags("cache-key"))
            .keep_on(Policy::Retain)
            .context(
                stack
                    .context(
                        path::cache(),
                        "Encrypts the Redis clusters at rest and their AUTH tokens, rotated yearly; retained, since snapshots stay readable only with it",
                        State::Stateful,
                    )
                    .must([&CACHE_UNENCRYPTED]),
            ),
    );
}

fn subnet_group(stack: &Stack<'_>, template: &mut Template, cluster: &RedisCluster) {
    let name = cluster.name.as_str();
    let subnets = stack.subnet_ids(cluster.tier.as_str());
    template.add_resource(
        logical_id::subnet_group(&cluster.name),
        Resource::new("AWS::ElastiCache::SubnetGroup")
            .property("Description", format!("Redis cluster {name}: the {} tier's subnets", cluster.tier))
            .property("SubnetIds", Expr::list(subnets))
            .property("Tags", stack.tags(&format!("redis-{name}")))
            .context(
                stack
                    .context(
                        path::cache_tier(name),
                        format!("The subnets of tier `{}` that Redis cluster `{name}`'s nodes are placed in", cluster.tier),
                        State::Stateless,
                    )
                    .must([&UNKNOWN_TIER, &CACHE_MULTI_AZ_SINGLE_ZONE]),
            ),
    );
}

/// The parameter group: the engine version's family, `cluster-enabled` as cluster mode says,
/// and the design's parameters.
fn parameter_group(stack: &Stack<'_>, template: &mut Template, cluster: &RedisCluster) {
    let name = cluster.name.as_str();
    let version = cluster.engine_version.as_str();
    // Validation rejects a malformed version, so the family is always known here.
    let family = redis_parameter_family(version).unwrap_or_else(|| format!("redis{version}"));
    let cluster_enabled = if cluster.cluster_mode_enabled() { "yes" } else { "no" };
    let mut properties = vec![("cluster-enabled", Expr::from(cluster_enabled))];
    if let Some(policy) = cluster.parameters.maxmemory_policy {
        properties.push(("maxmemory-policy", Expr::from(policy.as_str())));
    }
    template.add_resource(
        logical_id::parameter_group(&cluster.name),
        Resource::new("AWS::ElastiCache::ParameterGroup")
            .property("CacheParameterGroupFamily", family.as_str())
            .property("Description", format!("Redis cluster {name}: {family}, cluster mode {}", if cluster.cluster_mode_enabled() { "on" } else { "off" }))
            .property("Properties", Expr::map(properties))
            .property("Tags", stack.tags(&format!("redis-{name}")))
            .context(
                stack
                    .context(
                        path::cache_parameters(name),
                        format!("Redis cluster `{name}`'s parameters, of family {family}"),
                        State::Stateless,
                    )
                    .must([
                        &UNKNOWN_REDIS_VERSION,
                        &REDIS_VERSION_NEWER_THAN_TABLE,
                        &CACHE_SHARDS_WITHOUT_CLUSTER_MODE,
                        &INVALID_MAXMEMORY_POLICY,
                        &REDIS_APPENDONLY_UNSUPPORTED,
                    ]),
            ),
    );
}

/// The AUTH token: generated by Secrets Manager (letters and digits, which ElastiCache accepts),
/// encrypted with the section's key.
fn auth_token(stack: &Stack<'_>, template: &mut Template, cluster: &RedisCluster) {
    let name = cluster.name.as_str();
    let id = logical_id::auth_token(&cluster.name);
    template.add_resource(
        id.clone(),
        Resource::new("AWS::SecretsManager::Secret")
            .property("Description", format!("The AUTH token of Redis cluster {name}"))
            .property(
                "GenerateSecretString",
                Expr::map([
                    ("PasswordLength", Expr::Int(AUTH_TOKEN_LENGTH)),
                    ("ExcludePunctuation", Expr::from(true)),
                ]),
            )
            .property("KmsKeyId", key_arn(cluster))
            .property("Tags", stack.tags(&format!("redis-{name}-auth")))
            .keep_on(Policy::Delete)
            .context(
                stack
                    .context(
                        path::cache_cluster(name),
                        format!("The AUTH token clients of Redis cluster `{name}` present over TLS; generated here, never written in the template; deleted with the stack, since a cluster restored from a snapshot gets a new one"),
                        State::Stateful,
                    )
                    .must([&CACHE_WITHOUT_TLS]),
            ),
    );
    let export = format!("${{{}}}-{}", Pseudo::StackName.name(), logical_id::auth_token_arn(&cluster.name));
    template.add_output(
        logical_id::auth_token_arn(&cluster.name),
        Output::exported(
            format!("The secret holding Redis cluster `{name}`'s AUTH token"),
            Expr::reference(&id),
            Expr::sub(export),
        ),
    );
}

/// The services that reach `cluster`: those with a security group that one of the cluster's
/// groups admits on Redis's port.
pub(crate) fn clients<'a>(stack: &Stack<'a>, cluster: &RedisCluster) -> Vec<&'a Service> {
    let admitted: Vec<_> = stack
        .network()
        .security_groups
        .iter()
        .filter(|group| cluster.security_groups.contains(&group.name))
        .flat_map(|group| &group.ingress)
        .filter(|rule| {
            rule.traffic
                .tcp_ports()
                .is_some_and(|ports| (ports.from()..=ports.to()).contains(&REDIS_PORT))
        })
        .filter_map(|rule| match &rule.peer {
            Peer::Group(group) => Some(group),
            Peer::Cidr(_) => None,
        })
        .collect();
    stack
        .compute()
        .services
        .iter()
        .filter(|service| service.security_groups.iter().any(|group| admitted.contains(&group)))
        .collect()
}

/// Lets the cluster's clients read its AUTH token: the secret's value, decrypted with the
/// section's key. Nothing when no service reaches the cluster.
fn client_policy(stack: &Stack<'_>, template: &mut Template, cluster: &RedisCluster) {
    let clients = clients(stack, cluster);
    if clients.is_empty() {
        return;
    }
    let name = cluster.name.as_str();
    let statement = |sid: &str, action: &str, resource: Expr| {
        Expr::map([
            ("Sid", Expr::from(sid)),
            ("Effect", Expr::from("Allow")),
            ("Action", Expr::from(action)),
            ("Resource", resource),
        ])
    };
    // Services that share a role of the security section name it once.
    let mut roles = Vec::new();
    for service in &clients {
        let role = crate::compute::task_role(service);
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    let roles = roles.iter().map(Expr::reference);
    let names: Vec<String> = clients.iter().map(|service| format!("`{}`", service.name)).collect();
    template.add_resource(
        logical_id::client_policy(&cluster.name),
        Resource::new("AWS::IAM::Policy")
            .property("PolicyName", format!("redis-{name}-client"))
            .property(
                "PolicyDocument",
                Expr::map([
                    ("Version", Expr::from("2012-10-17")),
                    (
                        "Statement",
                        Expr::list([
                            statement(
                                "ReadAuthToken",
                                "secretsmanager:GetSecretValue",
                                Expr::reference(&logical_id::auth_token(&cluster.name)),
                            ),
                            statement(
                                "DecryptAuthToken",
                                "kms:Decrypt",
                                key_arn(cluster),
                            ),
                        ]),
                    ),
                ]),
            )
            .property("Roles", Expr::list(roles))
            .context(
                stack
                    .context(
                        path::cache_cluster(name),
                        format!(
                            "Lets the tasks of {} {}, which the security groups of Redis cluster `{name}` admit on port {REDIS_PORT}, read its AUTH token",
                            if clients.len() == 1 { "service" } else { "services" },
                            names.join(", ")
                        ),
                        State::Stateless,
                    )
                    .must([&UNKNOWN_SECURITY_GROUP]),
            ),
    );
}

fn replication_group(stack: &Stack<'_>, template: &mut Template, cluster: &RedisCluster) {
    let name = cluster.name.as_str();
    let env = stack.environment().name.as_str();
    let replicas = *stack.value(&cluster.replicas_per_shard);
    let cluster_mode = cluster.cluster_mode_enabled();
    let multi_az = stack.cache_multi_az(cluster);
    let groups = cluster
        .security_groups
        .iter()
        .map(|group| Expr::get_att(&network_id::security_group(group), "GroupId"));
    let mut resource = Resource::new("AWS::ElastiCache::ReplicationGroup")
        .property("ReplicationGroupDescription", format!("Redis cluster {}", stack.name(&format!("redis-{name}"))))
        .property("Engine", "redis")
        .property("EngineVersion", cluster.engine_version.as_str())
        .property("CacheNodeType", stack.value(&cluster.node_type).as_str())
        .property("Port", Expr::from(REDIS_PORT))
        .property("CacheSubnetGroupName", Expr::reference(&logical_id::subnet_group(&cluster.name)))
        .property("CacheParameterGroupName", Expr::reference(&logical_id::parameter_group(&cluster.name)))
        .property("SecurityGroupIds", Expr::list(groups))
        .property("AutomaticFailoverEnabled", cluster_mode || replicas > 0)
        .property("MultiAZEnabled", multi_az)
        .property("SnapshotRetentionLimit", Expr::Int(i64::from(cluster.snapshot_retention)))
        .property("AtRestEncryptionEnabled", cluster.encryption_at_rest)
        .property("TransitEncryptionEnabled", cluster.encryption_in_transit)
        .property("Tags", stack.tags(&format!("redis-{name}")));
    resource = if cluster_mode {
        resource
            .property("NumNodeGroups", Expr::Int(i64::from(cluster.shards)))
            .property("ReplicasPerNodeGroup", Expr::Int(i64::from(replicas)))
    } else {
        resource.property("NumCacheClusters", Expr::Int(1 + i64::from(replicas)))
    };
    if cluster.encryption_at_rest {
        resource = resource.property("KmsKeyId", key_arn(cluster));
    }
    if cluster.encryption_in_transit {
        let secret = logical_id::auth_token(&cluster.name);
        resource = resource.property(
            "AuthToken",
            Expr::sub(format!("{{{{resolve:secretsmanager:${{{secret}}}:SecretString}}}}")),
        );
    }
    let id = logical_id::replication_group(&cluster.name);
    template.add_resource(
        id.clone(),
        resource
            .keep_on(Policy::Snapshot)
            .context(
                stack
                    .context(
                        path::cache_cluster(name),
                        format!(
                            "Redis cluster `{name}`: {}; a final snapshot is kept when it is deleted or replaced",
                            topology(stack, cluster)
                        ),
                        State::Stateful,
                    )
                    .must([
                        &UNKNOWN_REDIS_VERSION,
                        &UNKNOWN_CACHE_NODE_TYPE,
                        &CACHE_NODE_TYPE_NOT_IN_TABLE,
                        &INVALID_CACHE_TOPOLOGY,
                        &CACHE_ABOVE_DEFAULT_NODE_QUOTA,
                        &CACHE_NODE_COUNT_MISMATCH,
                        &CACHE_SHARDS_WITHOUT_CLUSTER_MODE,
                        &CACHE_MULTI_AZ_WITHOUT_REPLICA,
                        &CACHE_MULTI_AZ_SINGLE_ZONE,
                        &CACHE_MULTI_AZ_NODE_TYPE,
                        &CACHE_WITHOUT_TLS,
                        &CACHE_UNENCRYPTED,
                        &INVALID_CACHE_SNAPSHOT_RETENTION,
                        &UNKNOWN_SECURITY_GROUP,
                    ]),
            ),
    );
    let (attribute, which) = if cluster_mode {
        ("ConfigurationEndPoint.Address", "configuration endpoint")
    } else {
        ("PrimaryEndPoint.Address", "primary endpoint")
    };
    let export = format!("${{{}}}-{}", Pseudo::StackName.name(), logical_id::endpoint(&cluster.name));
    template.add_output(
        logical_id::endpoint(&cluster.name),
        Output::exported(
            format!("The {which} of Redis cluster `{name}` ({env}), port {REDIS_PORT}"),
            Expr::get_att(&id, attribute),
            Expr::sub(export),
        ),
    );
}

/// `cluster mode, 2 shards x (1 primary + 1 replica) = 4 nodes of cache.r5.large, Multi-AZ`.
fn topology(stack: &Stack<'_>, cluster: &RedisCluster) -> String {
    let replicas = *stack.value(&cluster.replicas_per_shard);
    let nodes = cluster.node_count(stack.environment().name.as_str());
    let replica_text = match replicas {
        1 => "1 replica".to_owned(),
        n => format!("{n} replicas"),
    };
    format!(
        "Redis {}, {}, {} x (1 primary + {replica_text}) = {nodes} nodes of {}, {}",
        cluster.engine_version,
        if cluster.cluster_mode_enabled() { "cluster mode" } else { "cluster mode off" },
        match cluster.shards {
            1 => "1 shard".to_owned(),
            n => format!("{n} shards"),
        },
        stack.value(&cluster.node_type),
        if stack.cache_multi_az(cluster) { "Multi-AZ with automatic failover" } else { "single-AZ" },
    )
}

/// One cluster's shape and data flow, for the template's architecture.
fn shape(stack: &Stack<'_>, cluster: &RedisCluster) -> String {
    let groups: Vec<String> = cluster.security_groups.iter().map(|g| format!("`{g}`")).collect();
    let mut protection = Vec::new();
    if cluster.encryption_in_transit {
        protection.push("TLS with an AUTH token from Secrets Manager");
    }
    if cluster.encryption_at_rest {
        protection.push("encrypted at rest with the cache KMS key");
    }
    format!(
        "`{}` ({}, in the {} tier behind security groups {}, port {REDIS_PORT}; {}; daily snapshots kept {} days)",
        cluster.name,
        topology(stack, cluster),
        cluster.tier,
        if groups.is_empty() { "none".to_owned() } else { groups.join(", ") },
        if protection.is_empty() { "unencrypted".to_owned() } else { protection.join(", ") },
        cluster.snapshot_retention
    )
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;
    use infra_core::model::Caching;

    use crate::intrinsic::Expr;

    fn synth(platform: infra_core::model::Platform, environment: &str) -> crate::Template {
        let platform = platform.validate().expect("a valid design");
        crate::synth(&platform, environment).expect("a known environment")
    }

    #[test]
    fn each_environment_gets_its_own_size_and_multi_az() {
        for (environment, node_type, replicas, multi_az) in [
            ("production", "cache.r5.large", 1, true),
            ("staging", "cache.t3.medium", 0, false),
        ] {
            let template = synth(reference_network(), environment);
            let group = template.resource("RedisMain").expect("the replication group");
            assert_eq!(group.get("CacheNodeType"), Some(&Expr::from(node_type)));
            assert_eq!(group.get("NumNodeGroups"), Some(&Expr::Int(2)));
            assert_eq!(group.get("ReplicasPerNodeGroup"), Some(&Expr::Int(replicas)));
            assert_eq!(group.get("MultiAZEnabled"), Some(&Expr::from(multi_az)));
            // Cluster mode always fails over.
            assert_eq!(group.get("AutomaticFailoverEnabled"), Some(&Expr::from(true)));
            assert!(group.get("NumCacheClusters").is_none());
        }
    }

    #[test]
    fn the_auth_token_is_resolved_never_written() {
        let template = synth(reference_network(), "production");
        let group = template.resource("RedisMain").expect("the replication group");
        assert_eq!(
            group.get("AuthToken"),
            Some(&Expr::sub("{{resolve:secretsmanager:${RedisMainAuthToken}:SecretString}}"))
        );
        assert_eq!(group.get("TransitEncryptionEnabled"), Some(&Expr::from(true)));
        assert_eq!(group.get("KmsKeyId"), Some(&Expr::GetAtt("KmsKeyCache".into(), "Arn".into())));
        assert!(template.resource(super::logical_id::key().as_str()).is_none());
        let parameters = template
            .resource("RedisMainParameterGroup")
            .expect("the parameter group");
        assert_eq!(parameters.get("CacheParameterGroupFamily"), Some(&Expr::from("redis6.x")));
        let properties = parameters.get("Properties").expect("properties");
        assert_eq!(properties.get("cluster-enabled"), Some(&Expr::from("yes")));
        assert_eq!(properties.get("maxmemory-policy"), Some(&Expr::from("volatile-lru")));
        let endpoint = &template.outputs()["RedisMainEndpoint"];
        assert_eq!(endpoint.value(), &Expr::GetAtt("RedisMain".into(), "ConfigurationEndPoint.Address".into()));
        // The services in group `application`, which group `cache` admits on 6379, read it.
        let policy = template
            .resource("RedisMainClientPolicy")
            .expect("the clients' policy");
        assert_eq!(
            policy.get("Roles"),
            // Both assume workload role `application`, named once.
            Some(&Expr::list([Expr::Ref("WorkloadRoleApplication".into())]))
        );
        // Their tasks start once the role may read the token.
        for service in ["ServiceApi", "ServiceWorker"] {
            let service = template.resource(service).expect("the service");
            assert!(service.dependencies().iter().any(|id| id.as_str() == "RedisMainClientPolicy"));
        }
    }

    #[test]
    fn one_shard_without_cluster_mode_counts_cache_clusters() {
        let mut platform = reference_network();
        let cluster = &mut platform.cache.clusters[0];
        cluster.shards = 1;
        cluster.nodes = None;
        let template = synth(platform.clone(), "staging");
        let group = template.resource("RedisMain").expect("the replication group");
        assert_eq!(group.get("NumCacheClusters"), Some(&Expr::Int(1)));
        // A lone primary cannot fail over.
        assert_eq!(group.get("AutomaticFailoverEnabled"), Some(&Expr::from(false)));
        assert!(group.get("NumNodeGroups").is_none());
        let endpoint = &template.outputs()["RedisMainEndpoint"];
        assert_eq!(endpoint.value(), &Expr::GetAtt("RedisMain".into(), "PrimaryEndPoint.Address".into()));
        let production = synth(platform, "production");
        let group = production.resource("RedisMain").expect("the replication group");
        assert_eq!(group.get("NumCacheClusters"), Some(&Expr::Int(2)));
        assert_eq!(group.get("AutomaticFailoverEnabled"), Some(&Expr::from(true)));
    }

    #[test]
    fn plaintext_clusters_get_no_token() {
        let mut platform = reference_network();
        platform.security.minimum_tls = None;
        platform.cache.clusters[0].encryption_in_transit = false;
        let template = synth(platform, "production");
        assert!(template.resource("RedisMainAuthToken").is_none());
        assert!(template.resource("RedisMainClientPolicy").is_none());
        let group = template.resource("RedisMain").expect("the replication group");
        assert!(group.get("AuthToken").is_none());
        assert!(!template.outputs().contains_key("RedisMainAuthTokenArn"));
    }

    #[test]
    fn an_acknowledged_unencrypted_cluster_skips_checkovs_checks_with_the_reason() {
        let mut platform = reference_network();
        platform.cache.clusters[0].encryption_at_rest = false;
        let platform = platform.acknowledge(
            "cache-unencrypted",
            infra_core::model::path::cache_cluster("main"),
            "a throwaway cache of public data",
        );
        let template = synth(platform, "production");
        let group = template.resource("RedisMain").expect("the replication group");
        let skips = group.checkov_skips();
        let ids: Vec<&str> = skips.iter().map(|skip| skip.id).collect();
        assert_eq!(ids, ["CKV_AWS_29", "CKV_AWS_30", "CKV_AWS_31"]);
        assert!(skips.iter().all(|skip| skip.comment == "a throwaway cache of public data"));
        assert_eq!(group.get("AtRestEncryptionEnabled"), Some(&Expr::from(false)));
        assert!(group.get("KmsKeyId").is_none());
    }

    #[test]
    fn without_a_cache_nothing_is_added() {
        let mut platform = reference_network();
        platform.cache = Caching::new();
        // The alarms that watch it go with it.
        platform
            .monitoring
            .alarms
            .retain(|alarm| alarm.metric.component() != infra_core::model::Component::Cache);
        let template = synth(platform, "production");
        assert!(template.resource("CacheKey").is_none());
        assert!(!template.description().contains("cache ("));
    }
}
