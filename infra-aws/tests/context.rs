//! Templates explain themselves: every resource's Metadata Context, the template's `arch`, the
//! derived description, and acknowledgements carried into checkov's skip metadata.

mod common;

use common::{design, platform, synth, ENVIRONMENTS};
use infra_aws::{State, Template, CONTEXT_KEY};
use infra_core::model::{path, Peer, Platform, SecurityGroupRule};
use infra_core::rules::{
    DATABASE_OPEN_TO_WORLD, INVALID_LOG_RETENTION, SUBNET_OUTSIDE_VPC, SUBNET_OVERLAP,
    SUBNET_PREFIX_LENGTH, UNKNOWN_KMS_KEY, ZONE_NOT_COVERED,
};
use infra_core::value::{Cidr, PortRange, Traffic};
use serde_json::Value;

fn json(template: &Template) -> Value {
    serde_json::from_str(&template.to_json()).expect("valid JSON")
}

fn codes(template: &Template, id: &str) -> Vec<&'static str> {
    let context = template
        .resource(id)
        .and_then(|resource| resource.metadata_context())
        .unwrap_or_else(|| panic!("{id} has a context"));
    context.rules().iter().map(|rule| rule.code).collect()
}

#[test]
fn every_resource_says_where_it_comes_from_and_why() {
    let design = design();
    for env in ENVIRONMENTS {
        let template = synth(&design, env);
        let value = json(&template);
        for (id, resource) in value["Resources"].as_object().expect("resources") {
            let context = &resource["Metadata"][CONTEXT_KEY];
            let why = context["why"].as_str().unwrap_or_default();
            assert!(why.len() > 20, "{env} {id}: why {why:?}");
            assert!(
                ["change-with-constraints", "review-required"]
                    .contains(&context["mutable"].as_str().unwrap_or_default()),
                "{env} {id}"
            );
            assert_eq!(context["trust"]["src"], "authored", "{env} {id}");
            assert_eq!(context["trust"]["conf"], "high", "{env} {id}");
            let path = template
                .resource(id)
                .and_then(|resource| resource.metadata_context())
                .expect("a context")
                .path()
                .to_string();
            assert_eq!(
                context["trust"]["cite"],
                format!("examples/production.rs, platform `datasets`, model path {path}"),
                "{env} {id}"
            );
            let keys: Vec<&str> = context
                .as_object()
                .expect("a context object")
                .keys()
                .map(String::as_str)
                .collect();
            assert!(
                keys.iter()
                    .all(|key| ["must", "mutable", "trust", "why"].contains(key)),
                "{env} {id}: {keys:?}"
            );
        }
    }
}

#[test]
fn a_subnet_lists_the_rules_that_checked_it() {
    let template = synth(&design(), "production");
    let rules = [
        &SUBNET_PREFIX_LENGTH,
        &SUBNET_OUTSIDE_VPC,
        &SUBNET_OVERLAP,
        &ZONE_NOT_COVERED,
    ];
    assert_eq!(
        codes(&template, "SubnetDatabaseApNortheast1a"),
        rules.map(|rule| rule.code)
    );
    let value = json(&template);
    let context = &value["Resources"]["SubnetPrivateApNortheast1a"]["Metadata"][CONTEXT_KEY];
    assert_eq!(
        context["must"][0],
        format!(
            "{} [{}]",
            SUBNET_PREFIX_LENGTH.summary, SUBNET_PREFIX_LENGTH.code
        )
    );
    assert_eq!(
        context["why"],
        "Private subnet `private` in ap-northeast-1a: its members reach the internet only through \
         the NAT gateway in ap-northeast-1a"
    );
    assert_eq!(
        context["trust"]["cite"],
        "examples/production.rs, platform `datasets`, model path network.subnets.private[\"ap-northeast-1a\"]"
    );
    // Staging is single-AZ: both zones' private subnets use the NAT gateway of the first zone.
    let staging = json(&synth(&design(), "staging"));
    let why = &staging["Resources"]["SubnetPrivateApNortheast1c"]["Metadata"][CONTEXT_KEY]["why"];
    assert!(
        why.as_str()
            .is_some_and(|why| why.ends_with("the NAT gateway in ap-northeast-1a")),
        "{why}"
    );
}

#[test]
fn statefulness_decides_mutable() {
    let template = synth(&design(), "production");
    let state = |id: &str| {
        template
            .resource(id)
            .and_then(|resource| resource.metadata_context())
            .map(|context| context.state())
    };
    assert_eq!(state("FlowLogGroup"), Some(State::Stateful));
    assert_eq!(state("Vpc"), Some(State::Stateful));
    assert_eq!(state("NatEipApNortheast1a"), Some(State::Stateful));
    assert_eq!(state("DefaultRoutePublic"), Some(State::Stateless));
    assert_eq!(state("SecurityGroupAlb"), Some(State::Stateless));
    assert_eq!(
        codes(&template, "FlowLogGroup"),
        [INVALID_LOG_RETENTION.code, UNKNOWN_KMS_KEY.code]
    );
    let value = json(&template);
    let mutable = |id: &str| value["Resources"][id]["Metadata"][CONTEXT_KEY]["mutable"].clone();
    assert_eq!(mutable("FlowLogGroup"), "change-with-constraints");
    assert_eq!(mutable("DefaultRoutePublic"), "review-required");
}

#[test]
fn the_template_states_its_architecture_and_a_derived_description() {
    let production = synth(&design(), "production");
    assert_eq!(
        production.description(),
        "datasets production: the network (VPC, 3 subnet tiers in 2 zones, 2 NAT gateways, 5 \
         security groups, 2 network ACLs, 2 gateway endpoints, 5 interface endpoints, flow logs); \
         batch (1 compute environment, 3 job queues); compute (2 services, 1 queue); load \
         balancing (1 load balancer); the database (1 PostgreSQL instance); cache (1 Redis \
         cluster); storage (3 buckets); monitoring (11 alarms, 2 severities); security (7 KMS keys, \
         1 web ACL, 2 roles, 2 groups, 2 users, 1 secret). Generated by infra-aws from the validated design."
    );
    let staging = synth(&design(), "staging");
    assert!(staging.description().contains("1 NAT gateway,"));
    assert!(staging
        .arch()
        .is_some_and(|arch| arch.contains("VPC 10.1.0.0/16")));
    let arch = production.arch().expect("an arch");
    for part in [
        "environment `production` in ap-northeast-1",
        "(multi-AZ)",
        "VPC 10.0.0.0/16",
        "isolated `database` (no route out)",
        "0.0.0.0/0 -> alb (tcp 443)",
        "alb -> application (tcp 8080)",
        "application -> database (tcp 5432)",
        "Gateway endpoints: s3, dynamodb.",
        "Interface endpoints in tier `private` (private DNS): ecr.api, ecr.dkr, logs, secretsmanager, sts.",
        "Batch: compute environment `fargate` (FARGATE, up to 100 vCPUs, tier `private`)",
        "`high_priority` (priority 3) -> fargate; `default` (priority 2) -> fargate; `low_priority` (priority 1) -> fargate.",
        "kept 30 days",
        "Compute: ECS on Fargate, services `api` (1024 cpu / 2048 MiB, port 8080, private tier, 2-10 tasks starting at 4, tracking cpu and memory, sending to queue `jobs`)",
        "Database: `main` (PostgreSQL 14.23 on db.r5.large, multi-AZ, 1000 GiB of gp3 in the database tier, 2 read replicas, backups kept 7 days, daily snapshots kept 30 days)",
        "application -> cache (tcp 6379)",
        "Cache: ElastiCache Redis OSS `main` (Redis 6.0, cluster mode, 2 shards x (1 primary + 1 replica) = 4 nodes of cache.r5.large, Multi-AZ with automatic failover",
        "Security: KMS keys database, cache, storage, logs, queue, alerts, secrets (rotated)",
        "Monitoring: 11 CloudWatch alarms (20 in the template: a Redis cluster's alarm has one per node) notify their severity's encrypted SNS topic: critical (respond within 15 minutes), warning (respond within 4 hours)",
    ] {
        assert!(arch.contains(part), "{part:?} not in {arch}");
    }
    let value = json(&production);
    let context = &value["Metadata"][CONTEXT_KEY];
    assert_eq!(context["arch"], arch);
    let must = context["must"].as_array().expect("must");
    assert!(must.iter().any(|entry| entry
        .as_str()
        .is_some_and(|e| e.ends_with("[multi-az-single-zone]"))));
    // A single-AZ environment is not checked by the multi-AZ rule.
    let staging = json(&staging);
    let must = staging["Metadata"][CONTEXT_KEY]["must"].to_string();
    assert!(!must.contains("multi-az-single-zone"), "{must}");
}

#[test]
fn rules_without_a_description_get_one_derived_from_the_rule() {
    let mut platform = platform();
    let database = platform
        .network
        .security_groups
        .iter_mut()
        .find(|group| group.name.as_str() == "database")
        .expect("the database group");
    database.ingress[0].description = None;
    let design = platform.validate().expect("valid");
    let value = json(&synth(&design, "production"));
    let resources = &value["Resources"];
    assert_eq!(
        resources["SecurityGroupDatabaseIngress0"]["Properties"]["Description"],
        "tcp 5432 from security group application"
    );
    assert_eq!(
        resources["SecurityGroupAlb"]["Properties"]["SecurityGroupEgress"][0]["Description"],
        "all to 0.0.0.0/0"
    );
    // The design's own description is kept.
    assert_eq!(
        resources["SecurityGroupAlb"]["Properties"]["SecurityGroupIngress"][0]["Description"],
        "HTTPS"
    );
}

/// The fixture with a database group open to every address on every TCP port.
fn open_database() -> Platform {
    let mut platform = platform();
    let database = platform
        .network
        .security_groups
        .iter_mut()
        .find(|group| group.name.as_str() == "database")
        .expect("the database group");
    database.ingress.push(SecurityGroupRule::new(
        Traffic::Tcp(PortRange::ALL),
        Peer::Cidr(Cidr::ANYWHERE),
    ));
    // Without the load balancer, the database, the buckets, the security section and their
    // acknowledged warnings, whose checkov skips would blur what these tests count.
    platform.load_balancer = infra_core::model::LoadBalancing::new();
    platform.database = infra_core::model::Databases::new();
    platform.storage = infra_core::model::ObjectStorage::new();
    // The alarms that watch them go with them.
    platform
        .monitoring
        .alarms
        .retain(|alarm| alarm.metric.component() == infra_core::model::Component::Service);
    // The KMS keys the remaining elements name stay.
    let keys = std::mem::take(&mut platform.security.kms_keys);
    platform.security = infra_core::model::Security::new();
    let named: Vec<String> = infra_core::model::key_references(&platform)
        .iter()
        .map(|reference| reference.key.to_string())
        .collect();
    platform.security.kms_keys = keys
        .into_iter()
        .filter(|key| named.iter().any(|name| name == key.name.as_str()))
        .collect();
    // The services then take task roles of their own, and read no secrets.
    for service in &mut platform.compute.services {
        service.role = None;
        service.secrets.clear();
    }
    platform.acknowledgements.retain(|ack| {
        ack.code != infra_core::rules::LOAD_BALANCER_WITHOUT_ACCESS_LOGS.code
            && ack.code != infra_core::rules::DATABASE_SINGLE_AZ.code
            && ack.code != infra_core::rules::BUCKET_WITHOUT_ACCESS_LOGS.code
            && ack.code != infra_core::rules::WORKLOAD_FULL_ACCESS.code
    });
    platform
}

const REASON: &str = "a read-only demo database, reachable by partners";

fn skips(template: &Template, id: &str) -> Vec<(String, String)> {
    template
        .resource(id)
        .expect("a resource")
        .checkov_skips()
        .iter()
        .map(|skip| (skip.id.to_owned(), skip.comment.clone()))
        .collect()
}

#[test]
fn an_acknowledged_warning_skips_its_checkov_checks_on_the_element() {
    let design = open_database()
        .acknowledge(
            DATABASE_OPEN_TO_WORLD.code,
            path::security_group("database"),
            REASON,
        )
        .validate()
        .expect("valid");
    assert!(design.warnings().is_empty());
    let template = synth(&design, "production");
    let expected: Vec<(String, String)> = DATABASE_OPEN_TO_WORLD
        .checkov
        .iter()
        .map(|id| ((*id).to_owned(), REASON.to_owned()))
        .collect();
    assert_eq!(expected.len(), 3);
    // The group (with its inline rule to 0.0.0.0/0) and its standalone rule lie inside the path.
    assert_eq!(skips(&template, "SecurityGroupDatabase"), expected);
    assert_eq!(skips(&template, "SecurityGroupDatabaseIngress0"), expected);
    for (id, resource) in template.resources() {
        if !id.as_str().starts_with("SecurityGroupDatabase") {
            assert!(resource.checkov_skips().is_empty(), "{id}");
        }
    }
    let value = json(&template);
    let metadata = &value["Resources"]["SecurityGroupDatabase"]["Metadata"];
    assert_eq!(
        metadata["checkov"]["skip"][0],
        serde_json::json!({ "id": "CKV_AWS_24", "comment": REASON })
    );
    assert!(metadata[CONTEXT_KEY]["why"].is_string());
}

#[test]
fn an_acknowledgement_covers_everything_inside_its_path_and_nothing_else() {
    // Unacknowledged: the design validates with a warning, and no resource skips a check.
    let design = open_database().validate().expect("valid");
    assert_eq!(design.warnings().len(), 1);
    let template = synth(&design, "production");
    assert!(template
        .resources()
        .values()
        .all(|resource| resource.checkov_skips().is_empty()));
    // Acknowledged for the whole network: every resource lowered from it skips the checks.
    let design = open_database()
        .acknowledge(DATABASE_OPEN_TO_WORLD.code, path::network(), REASON)
        .validate()
        .expect("valid");
    let template = synth(&design, "staging");
    for (id, resource) in template.resources() {
        let in_network = resource
            .metadata_context()
            .is_some_and(|context| context.path().starts_with(&path::network()));
        let skips = if in_network { 3 } else { 0 };
        assert_eq!(resource.checkov_skips().len(), skips, "{id}");
    }
    assert!(template.resource("BatchJobQueueDefault").is_some());
}
