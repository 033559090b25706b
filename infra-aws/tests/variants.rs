//! Template tests on variations of the reference design.

mod common;

use common::{ids_of, platform, synth, A};
use infra_aws::Expr;
use infra_core::model::{
    AclRule, Batch, Caching, Component, Compute, Databases, LoadBalancing, MasterPassword, Peer,
    Platform, Security, SecurityGroupRule,
};
use infra_core::value::{AclRuleNumber, Cidr, Name, PortRange, Traffic};

/// The variation, validated; the alarms go with the components they watch.
fn validate(mut platform: Platform) -> infra_core::Validated<Platform> {
    let services: Vec<Name> = platform
        .compute
        .services
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let balancers: Vec<Name> = platform
        .load_balancer
        .load_balancers
        .iter()
        .map(|lb| lb.name.clone())
        .collect();
    let databases: Vec<Name> = platform
        .database
        .postgres
        .iter()
        .map(|pg| pg.name.clone())
        .collect();
    let caches: Vec<Name> = platform
        .cache
        .clusters
        .iter()
        .map(|cluster| cluster.name.clone())
        .collect();
    platform
        .monitoring
        .alarms
        .retain(|alarm| match alarm.metric.component() {
            Component::Service => services.contains(&alarm.target),
            Component::LoadBalancer => balancers.contains(&alarm.target),
            Component::Database => databases.contains(&alarm.target),
            Component::Cache => caches.contains(&alarm.target),
        });
    let security = &mut platform.security;
    security
        .web_acls
        .retain(|acl| balancers.contains(&acl.load_balancer));
    for role in &mut security.roles {
        role.connect.retain(|database| databases.contains(database));
    }
    platform.validate().expect("a valid variation")
}

/// The design without the tiers named in `tiers`, and without what refers to them.
fn without_tiers(tiers: &[&str]) -> Platform {
    let mut platform = platform();
    let network = &mut platform.network;
    network.tiers.retain(|t| !tiers.contains(&t.name.as_str()));
    network.acls.retain(|a| !tiers.contains(&a.tier.as_str()));
    network
        .interface_endpoints
        .retain(|e| !tiers.contains(&e.tier.as_str()));
    for group in &mut network.security_groups {
        if group
            .tier
            .as_ref()
            .is_some_and(|t| tiers.contains(&t.as_str()))
        {
            group.tier = None;
        }
    }
    // Batch runs in the private tier: without it, the batch section goes too.
    let batch_tiers = platform
        .batch
        .compute_environments
        .iter()
        .flat_map(|environment| &environment.subnets);
    if batch_tiers
        .into_iter()
        .any(|tier| tiers.contains(&tier.as_str()))
    {
        platform.batch = Batch::new();
    }
    // So do the services, when their tier goes.
    if platform
        .compute
        .services
        .iter()
        .any(|service| tiers.contains(&service.tier.as_str()))
    {
        platform.compute = Compute::new();
    }
    // And the load balancers, when their tier or their targets go.
    let compute_gone = platform.compute.services.is_empty();
    if platform
        .load_balancer
        .load_balancers
        .iter()
        .any(|lb| compute_gone || tiers.contains(&lb.tier.as_str()))
    {
        platform.load_balancer = LoadBalancing::new();
    }
    // And the databases, when their tier or their password rotation's tier goes.
    let gone = |tier: &Name| tiers.contains(&tier.as_str());
    if platform.database.postgres.iter().any(|pg| {
        gone(&pg.tier)
            || match &pg.master_password {
                MasterPassword::Secret { tier, .. } => gone(tier),
                MasterPassword::RdsManaged { .. } => false,
            }
    }) {
        platform.database = Databases::new();
    }
    // And the Redis clusters, when their tier goes.
    if platform
        .cache
        .clusters
        .iter()
        .any(|cluster| tiers.contains(&cluster.tier.as_str()))
    {
        platform.cache = Caching::new();
    }
    platform
}

#[test]
fn only_the_environments_zones_are_lowered() {
    let mut platform = platform();
    platform.environments[2].zones = vec![A];
    // An Application Load Balancer needs two zones (`load-balancer-single-zone`), and so does a
    // DB subnet group (`database-single-zone`).
    platform.load_balancer = LoadBalancing::new();
    platform.database = Databases::new();
    let template = synth(&validate(platform), "development");
    assert_eq!(
        ids_of(&template, "AWS::EC2::Subnet"),
        [
            "SubnetDatabaseApNortheast1a",
            "SubnetPrivateApNortheast1a",
            "SubnetPublicApNortheast1a"
        ]
    );
    let parameters: Vec<&str> = template.parameters().keys().map(|id| id.as_str()).collect();
    // The zone, the alert channels' e-mail address, SNS topic and Slack ids, the API keys'
    // rotation function, and the worker's image tag.
    assert_eq!(
        parameters,
        [
            "AvailabilityZoneApNortheast1a",
            "ChannelOncallEmailAddress",
            "ChannelPagerTopicArn",
            "ChannelTeamSlackChannelId",
            "ChannelTeamSlackWorkspaceId",
            "RotationFunctionApiKeysArn",
            "ServiceWorkerImageTag"
        ]
    );
    assert_eq!(ids_of(&template, "AWS::EC2::NatGateway").len(), 1);
    // The VPC and three subnets, the cluster's name, the queue's URL, the Redis endpoint and its
    // AUTH token, the three buckets' names, the two workload roles' ARNs, and the API keys'
    // secret's and its key's ARNs, and the batch jobs' log group's name.
    assert_eq!(template.outputs().len(), 8 + 3 + 2 + 2 + 1);
}

#[test]
fn without_a_private_tier_endpoints_serve_the_isolated_tiers() {
    let template = synth(&validate(without_tiers(&["private"])), "production");
    assert!(ids_of(&template, "AWS::EC2::NatGateway").is_empty());
    assert!(ids_of(&template, "AWS::EC2::EIP").is_empty());
    let s3 = template
        .resource("GatewayEndpointS3")
        .expect("the S3 endpoint");
    assert_eq!(
        s3.get("RouteTableIds"),
        Some(&Expr::list([Expr::Ref("RouteTableDatabase".into())]))
    );
}

#[test]
fn with_only_public_tiers_there_are_no_endpoints() {
    let template = synth(
        &validate(without_tiers(&["private", "database"])),
        "staging",
    );
    assert!(ids_of(&template, "AWS::EC2::VPCEndpoint").is_empty());
    assert!(ids_of(&template, "AWS::EC2::NatGateway").is_empty());
    assert_eq!(ids_of(&template, "AWS::EC2::InternetGateway").len(), 1);
    // The description names only what was lowered.
    assert!(
        !template.description().contains("endpoint"),
        "{}",
        template.description()
    );
}

#[test]
fn without_a_public_tier_there_is_no_internet_gateway() {
    let template = synth(
        &validate(without_tiers(&["public", "private"])),
        "production",
    );
    assert!(ids_of(&template, "AWS::EC2::InternetGateway").is_empty());
    assert!(ids_of(&template, "AWS::EC2::Route").is_empty());
    for reference in template.references() {
        assert!(
            template.resource(&reference.target).is_some()
                || template
                    .parameters()
                    .contains_key(reference.target.as_str())
        );
    }
}

#[test]
fn egress_only_to_groups_still_replaces_the_default_allow_all_rule() {
    let mut platform = platform();
    let application = &mut platform.network.security_groups[1];
    application.egress = vec![SecurityGroupRule::new(
        Traffic::Tcp(PortRange::single(5432)),
        Peer::Group(Name::new_assert("database")),
    )];
    let template = synth(&validate(platform), "production");
    let group = template
        .resource("SecurityGroupApplication")
        .expect("the application group");
    let Some(Expr::List(egress)) = group.get("SecurityGroupEgress") else {
        panic!("inline egress");
    };
    assert_eq!(
        egress[0].get("Description").and_then(Expr::as_str),
        Some("Disallow all traffic")
    );
    let rule = template
        .resource("SecurityGroupApplicationEgress0")
        .expect("the egress rule to the database");
    assert_eq!(rule.resource_type(), "AWS::EC2::SecurityGroupEgress");
    assert_eq!(
        rule.get("DestinationSecurityGroupId"),
        Some(&Expr::GetAtt(
            "SecurityGroupDatabase".into(),
            "GroupId".into()
        ))
    );
}

#[test]
fn icmp_and_udp_acl_entries() {
    let mut platform = platform();
    let public = &mut platform.network.acls[0];
    public.inbound.push(AclRule::allow(
        AclRuleNumber::new_assert(120),
        Traffic::Icmp,
        Cidr::new_assert("10.0.0.0/16"),
    ));
    public.inbound.push(AclRule::deny(
        AclRuleNumber::new_assert(130),
        Traffic::Udp(PortRange::new_assert(53, 53)),
        Cidr::new_assert("10.0.0.0/16"),
    ));
    let template = synth(&validate(platform), "production");
    let icmp = template
        .resource("NetworkAclPublicInbound120")
        .expect("the ICMP rule");
    assert_eq!(icmp.get("Protocol"), Some(&Expr::Int(1)));
    assert_eq!(
        icmp.get("Icmp"),
        Some(&Expr::map([
            ("Code", Expr::Int(-1)),
            ("Type", Expr::Int(-1))
        ]))
    );
    let udp = template
        .resource("NetworkAclPublicInbound130")
        .expect("the UDP rule");
    assert_eq!(udp.get("Protocol"), Some(&Expr::Int(17)));
    assert_eq!(udp.get("RuleAction"), Some(&Expr::from("deny")));
}

#[test]
fn without_flow_logs_there_is_no_log_group_or_role() {
    let mut platform = platform();
    platform.network.flow_logs = None;
    // The services have log groups and roles of their own; the load balancer targets one; the
    // database has its monitoring and backup roles; AWS Chatbot's Slack channel has its own; the
    // security section has its workload roles and the web ACL's log group; the batch jobs have
    // theirs.
    platform.batch.log_retention = None;
    platform.batch.log_kms_key = None;
    platform.compute = Compute::new();
    platform.load_balancer = LoadBalancing::new();
    platform.database = Databases::new();
    platform.monitoring = infra_core::model::Monitoring::new();
    // The cache and the buckets keep their keys.
    let keys = std::mem::take(&mut platform.security.kms_keys);
    platform.security = Security::new();
    platform.security.kms_keys = keys;
    platform
        .acknowledgements
        .retain(|ack| ack.code != infra_core::rules::WORKLOAD_FULL_ACCESS.code);
    let template = synth(&validate(platform), "production");
    for resource_type in ["AWS::Logs::LogGroup", "AWS::IAM::Role", "AWS::EC2::FlowLog"] {
        assert!(
            ids_of(&template, resource_type).is_empty(),
            "{resource_type}"
        );
    }
}

#[test]
fn a_logical_id_clash_is_an_error_not_a_lost_resource() {
    // The public tier's route table `RouteTable` + `PrivateApNortheast1a` meets the private
    // tier `private`'s route table in zone `ap-northeast-1a`.
    let mut platform = platform();
    let public = platform
        .network
        .tiers
        .iter_mut()
        .find(|t| t.name.as_str() == "public")
        .expect("a public tier");
    public.name = Name::new_assert("private_ap_northeast1a");
    platform.load_balancer = LoadBalancing::new();
    for acl in &mut platform.network.acls {
        if acl.tier.as_str() == "public" {
            acl.tier = Name::new_assert("private_ap_northeast1a");
        }
    }
    let error = infra_aws::synth(&validate(platform), "production").expect_err("a clash");
    assert_eq!(
        error,
        infra_aws::SynthError::LogicalIdClash {
            id: "RouteTablePrivateApNortheast1a".into()
        }
    );
}
