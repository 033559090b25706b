//! Template tests on the reference design: structure, references, determinism, routing.

mod common;

use common::{design, ids_of, synth, ENVIRONMENTS};
use infra_aws::{Expr, SynthError, Template};

#[test]
fn an_unknown_environment_is_an_error_not_a_panic() {
    let error = infra_aws::synth(&design(), "prod").expect_err("no environment `prod`");
    assert_eq!(
        error,
        SynthError::UnknownEnvironment {
            name: "prod".into(),
            known: ENVIRONMENTS.map(String::from).to_vec(),
        }
    );
    assert_eq!(
        error.to_string(),
        "unknown environment `prod`: the platform defines `production`, `staging`, `development`"
    );
}

#[test]
fn every_reference_names_a_resource_or_parameter() {
    let design = design();
    for env in ENVIRONMENTS {
        let template = synth(&design, env);
        let references = template.references();
        assert!(!references.is_empty());
        for reference in references {
            let target = reference.target.as_str();
            assert!(
                template.resource(target).is_some() || template.parameters().contains_key(target),
                "{env}: {reference:?} names nothing"
            );
        }
    }
}

#[test]
fn the_same_design_gives_the_same_bytes() {
    for env in ENVIRONMENTS {
        let first = synth(&design(), env).to_json();
        let second = synth(&design(), env).to_json();
        assert_eq!(first, second, "{env}");
        assert!(first.ends_with("}\n"));
        assert!(first.starts_with("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n"));
    }
}

#[test]
fn the_description_names_platform_and_environment() {
    let template = synth(&design(), "staging");
    assert!(template.description().starts_with("datasets staging: "));
}

#[test]
fn resource_counts_per_environment() {
    let design = design();
    // The network's, then batch's: one compute environment, three job queues and the jobs' log
    // group; then
    // compute's: the cluster, six resources per service (log group, two roles, task definition,
    // service, scalable target), the api's two target tracking policies, the queue's two (the
    // queue and its dead-letter queue, under the design's `queue` key) and the worker's queue-depth
    // scaling (two step scaling policies and their two alarms); then the load balancer's: itself,
    // its HTTPS listener, one target group and the listener's second certificate (the design
    // redirects no HTTP); then the database's
    // (under the design's `database` key): its subnet group, parameter group, monitoring role,
    // secret, secret attachment, rotation schedule, primary, backup vault, role, plan and
    // selection, a resource per replica (two in production, none elsewhere), and a log group per
    // exported log (two) and instance.
    // The network's count includes the password rotation's group, its egress rule to the
    // database's group and that group's ingress rule from it. Then storage's: three buckets,
    // each with its policy.
    // Then the cache's (under the design's `cache` key): the Redis cluster's subnet group, parameter group, AUTH
    // token, its clients' policy and replication group; the network's count includes the cache's
    // security group and its ingress rule. Then monitoring's: a topic per severity
    // (two), the warning's e-mail subscription, the Slack channel's Chatbot configuration and
    // role, the eight alarms on services, the load balancer and the database, and the three
    // cache alarms once per Redis node: 2 shards x (1 + 1) = 4 in production, 2 x 1 elsewhere.
    // (under the design's `alerts` key). Then security's: seven KMS keys with their aliases, the
    // web ACL, its association, log group and logging configuration, two roles, the MFA policy,
    // two groups and two users, and the API keys' secret (under the design's `secrets` key) and
    // its rotation schedule.
    let compute = 1 + 6 * 2 + 2 + 2 + 4;
    let cache = 5;
    let monitoring = 2 + 1 + 2 + 8;
    let security = 7 * 2 + 4 + 2 + 1 + 2 + 2 + 2;
    assert_eq!(
        synth(&design, "production").resources().len(),
        59 + 5 + compute + 4 + (11 + 2 + 2 * 3) + cache + 6 + monitoring + 3 * 4 + security
    );
    assert_eq!(
        synth(&design, "staging").resources().len(),
        57 + 5 + compute + 4 + (11 + 2) + cache + 6 + monitoring + 3 * 2 + security
    );
    assert_eq!(
        synth(&design, "development").resources().len(),
        57 + 5 + compute + 4 + (11 + 2) + cache + 6 + monitoring + 3 * 2 + security
    );
}

#[test]
fn multi_az_gets_a_nat_gateway_per_zone_single_az_one() {
    let design = design();
    let production = synth(&design, "production");
    assert_eq!(
        ids_of(&production, "AWS::EC2::NatGateway"),
        ["NatGatewayApNortheast1a", "NatGatewayApNortheast1c"]
    );
    assert_eq!(ids_of(&production, "AWS::EC2::EIP").len(), 2);
    assert_eq!(
        nat_of(&production, "DefaultRoutePrivateApNortheast1c"),
        "NatGatewayApNortheast1c"
    );

    let staging = synth(&design, "staging");
    assert_eq!(
        ids_of(&staging, "AWS::EC2::NatGateway"),
        ["NatGatewayApNortheast1a"]
    );
    for route in [
        "DefaultRoutePrivateApNortheast1a",
        "DefaultRoutePrivateApNortheast1c",
    ] {
        assert_eq!(nat_of(&staging, route), "NatGatewayApNortheast1a");
    }
    let nat = staging
        .resource("NatGatewayApNortheast1a")
        .expect("the NAT gateway");
    assert_eq!(
        nat.get("SubnetId"),
        Some(&Expr::Ref("SubnetPublicApNortheast1a".into()))
    );
    assert_eq!(
        nat.get("AllocationId"),
        Some(&Expr::GetAtt(
            "NatEipApNortheast1a".into(),
            "AllocationId".into()
        ))
    );
}

fn nat_of(template: &Template, route: &str) -> String {
    match template.resource(route).and_then(|r| r.get("NatGatewayId")) {
        Some(Expr::Ref(nat)) => nat.clone(),
        other => panic!("{route} routes to {other:?}"),
    }
}

#[test]
fn elastic_ips_and_the_internet_route_wait_for_the_gateway_attachment() {
    let template = synth(&design(), "production");
    for id in ["NatEipApNortheast1a", "DefaultRoutePublic"] {
        let resource = template.resource(id).expect("exists");
        let deps: Vec<&str> = resource.dependencies().iter().map(|d| d.as_str()).collect();
        assert_eq!(deps, ["InternetGatewayAttachment"], "{id}");
    }
}

#[test]
fn group_to_group_rules_are_separate_resources() {
    let template = synth(&design(), "production");
    assert_eq!(
        ids_of(&template, "AWS::EC2::SecurityGroupIngress"),
        [
            "SecurityGroupApplicationIngress0",
            "SecurityGroupCacheIngress0",
            "SecurityGroupDatabaseIngress0",
            "SecurityGroupDatabaseIngress1"
        ]
    );
    let rule = template
        .resource("SecurityGroupDatabaseIngress0")
        .expect("the database's rule");
    let get_att = |id: &str| Some(Expr::GetAtt(id.into(), "GroupId".into()));
    assert_eq!(
        rule.get("GroupId").cloned(),
        get_att("SecurityGroupDatabase")
    );
    assert_eq!(
        rule.get("SourceSecurityGroupId").cloned(),
        get_att("SecurityGroupApplication")
    );
    assert_eq!(rule.get("FromPort"), Some(&Expr::Int(5432)));
    assert_eq!(rule.get("IpProtocol"), Some(&Expr::from("tcp")));
    // The group itself has no inline ingress: its only rule names a group.
    let database = template.resource("SecurityGroupDatabase").expect("group");
    assert_eq!(database.get("SecurityGroupIngress"), None);
}

#[test]
fn cidr_rules_are_inline() {
    let template = synth(&design(), "production");
    let alb = template
        .resource("SecurityGroupAlb")
        .expect("the ALB group");
    let expected_ingress = Expr::list([Expr::map([
        ("CidrIp", Expr::from("0.0.0.0/0")),
        ("Description", "HTTPS".into()),
        ("FromPort", 443i64.into()),
        ("IpProtocol", "tcp".into()),
        ("ToPort", 443i64.into()),
    ])]);
    assert_eq!(alb.get("SecurityGroupIngress"), Some(&expected_ingress));
    // The design gives this rule no description: one is derived from the rule.
    let expected_egress = Expr::list([Expr::map([
        ("CidrIp", Expr::from("0.0.0.0/0")),
        ("Description", "all to 0.0.0.0/0".into()),
        ("IpProtocol", "-1".into()),
    ])]);
    assert_eq!(alb.get("SecurityGroupEgress"), Some(&expected_egress));
}

#[test]
fn a_group_without_egress_gets_the_disallow_all_rule() {
    let mut platform = common::platform();
    let database = platform
        .network
        .security_groups
        .iter_mut()
        .find(|group| group.name.as_str() == "database")
        .expect("the database group");
    database.egress.clear();
    let design = platform.validate().expect("still valid");
    let template = synth(&design, "production");
    let database = template.resource("SecurityGroupDatabase").expect("group");
    let Some(Expr::List(egress)) = database.get("SecurityGroupEgress") else {
        panic!("the database group has inline egress");
    };
    assert_eq!(egress.len(), 1);
    assert_eq!(
        egress[0].get("CidrIp").and_then(Expr::as_str),
        Some("255.255.255.255/32")
    );
    assert_eq!(
        egress[0].get("Description").and_then(Expr::as_str),
        Some("Disallow all traffic")
    );
}

#[test]
fn logical_ids_are_alphanumeric_and_at_most_255_characters() {
    let design = design();
    for env in ENVIRONMENTS {
        let template = synth(&design, env);
        let ids = template
            .resources()
            .keys()
            .chain(template.parameters().keys())
            .chain(template.outputs().keys());
        for id in ids {
            let id = id.as_str();
            assert!(!id.is_empty() && id.len() <= 255, "{id}");
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric()), "{id}");
        }
    }
}

#[test]
fn subnets_are_in_the_zones_the_design_names() {
    let design = design();
    let template = synth(&design, "production");
    assert_eq!(ids_of(&template, "AWS::EC2::Subnet").len(), 6);
    for tier in &design.network.tiers {
        for subnet in &tier.subnets {
            let id = format!(
                "Subnet{}{}",
                tier.name.pascal_case(),
                subnet.zone.pascal_case()
            );
            let resource = template.resource(&id).expect("a subnet per tier and zone");
            let Some(Expr::Ref(parameter)) = resource.get("AvailabilityZone") else {
                panic!("{id} takes its zone from a parameter");
            };
            let parameter = &template.parameters()[parameter.as_str()];
            assert_eq!(
                parameter.parameter_type(),
                "AWS::EC2::AvailabilityZone::Name"
            );
            assert_eq!(parameter.default(), Some(subnet.zone.as_str()), "{id}");
            assert_eq!(
                resource.get("CidrBlock"),
                Some(&Expr::String(subnet.cidr.default_value().to_string()))
            );
        }
    }
}

#[test]
fn every_taggable_resource_has_name_environment_and_platform_tags() {
    let template = synth(&design(), "staging");
    let untaggable = [
        "AWS::EC2::VPCGatewayAttachment",
        "AWS::EC2::Route",
        "AWS::EC2::SubnetRouteTableAssociation",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroupEgress",
        "AWS::EC2::NetworkAclEntry",
        "AWS::EC2::SubnetNetworkAclAssociation",
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        "AWS::SecretsManager::SecretTargetAttachment",
        "AWS::SecretsManager::RotationSchedule",
        "AWS::Backup::BackupSelection",
        "AWS::KMS::Alias",
        "AWS::ElasticLoadBalancingV2::ListenerCertificate",
        "AWS::IAM::Policy",
        "AWS::S3::BucketPolicy",
        "AWS::SNS::Subscription",
        // IAM groups and customer managed policies, a web ACL's association and its logging
        // configuration take no tags.
        "AWS::IAM::Group",
        "AWS::IAM::ManagedPolicy",
        "AWS::WAFv2::WebACLAssociation",
        "AWS::WAFv2::LoggingConfiguration",
    ];
    for (id, resource) in template.resources() {
        if untaggable.contains(&resource.resource_type()) {
            continue;
        }
        // AWS Batch and AWS Backup take their tags as a map of key to value.
        let map = ["Tags", "BackupVaultTags", "BackupPlanTags"]
            .into_iter()
            .find_map(|key| resource.get(key));
        if let Some(Expr::Map(tags)) = map {
            let keys: Vec<&str> = tags.keys().map(String::as_str).collect();
            assert_eq!(keys, ["Environment", "Name", "Platform"], "{id}");
            let kind = resource.resource_type();
            assert!(
                kind.starts_with("AWS::Batch::") || kind.starts_with("AWS::Backup::"),
                "{id}"
            );
            let name = tags["Name"].as_str().unwrap_or("");
            assert!(name.starts_with("datasets-staging-"), "{id}: {name}");
            continue;
        }
        let Some(Expr::List(tags)) = resource.get("Tags") else {
            panic!("{id} has no tags");
        };
        let keys: Vec<_> = tags
            .iter()
            .filter_map(|tag| tag.get("Key").and_then(Expr::as_str))
            .collect();
        assert_eq!(keys, ["Name", "Environment", "Platform"], "{id}");
        let name = tags[0].get("Value").and_then(Expr::as_str).unwrap_or("");
        assert!(name.starts_with("datasets-staging-"), "{id}: {name}");
    }
}

#[test]
fn outputs_export_the_vpc_every_subnet_and_the_cluster() {
    let template = synth(&design(), "production");
    // And the load balancer's DNS name, the queue's URL, the database's endpoint and its
    // secret's ARN, the cache's endpoint and its AUTH token's secret, the three buckets' names,
    // the two workload roles' ARNs (for batch jobs submitted outside the stack), and the API keys'
    // secret's ARN and its key's (for the rotation function's permissions), and the batch jobs'
    // log group's name.
    assert_eq!(template.outputs().len(), 14 + 3 + 2 + 2 + 1);
    assert!(template.outputs().contains_key("BatchJobsLogGroupName"));
    assert!(template.outputs().contains_key("WorkloadRoleBatchArn"));
    assert!(template.outputs().contains_key("SecretApiKeysArn"));
    assert!(template.outputs().contains_key("SecretApiKeysKeyArn"));
    assert!(template.outputs().contains_key("LoadBalancerWebDnsName"));
    assert!(template.outputs().contains_key("RedisMainEndpoint"));
    assert!(template.outputs().contains_key("RedisMainAuthTokenArn"));
    let datasets = &template.outputs()["BucketDatasetsName"];
    assert_eq!(datasets.value(), &Expr::Ref("BucketDatasets".into()));
    assert_eq!(
        datasets.export_name(),
        &Expr::sub("${AWS::StackName}-BucketDatasetsName")
    );
    let queue = &template.outputs()["QueueJobsUrl"];
    assert_eq!(queue.value(), &Expr::Ref("QueueJobs".into()));
    assert_eq!(
        queue.export_name(),
        &Expr::sub("${AWS::StackName}-QueueJobsUrl")
    );
    let endpoint = &template.outputs()["DatabaseMainEndpoint"];
    assert_eq!(
        endpoint.value(),
        &Expr::GetAtt("DatabaseMain".into(), "Endpoint.Address".into())
    );
    assert!(template.outputs().contains_key("DatabaseMainSecretArn"));
    let cluster = &template.outputs()["EcsClusterName"];
    assert_eq!(cluster.value(), &Expr::Ref("EcsCluster".into()));
    assert_eq!(
        cluster.export_name(),
        &Expr::sub("${AWS::StackName}-EcsClusterName")
    );
    let vpc = &template.outputs()["VpcId"];
    assert_eq!(vpc.value(), &Expr::Ref("Vpc".into()));
    assert_eq!(vpc.export_name(), &Expr::sub("${AWS::StackName}-Vpc"));
    let subnet = &template.outputs()["SubnetDatabaseApNortheast1cId"];
    assert_eq!(
        subnet.export_name(),
        &Expr::sub("${AWS::StackName}-SubnetDatabaseApNortheast1c")
    );
}

#[test]
fn gateway_endpoints_serve_the_private_route_tables() {
    let template = synth(&design(), "production");
    let s3 = template
        .resource("GatewayEndpointS3")
        .expect("the S3 endpoint");
    assert_eq!(
        s3.get("ServiceName"),
        Some(&Expr::sub("com.amazonaws.${AWS::Region}.s3"))
    );
    assert_eq!(
        s3.get("RouteTableIds"),
        Some(&Expr::list([
            Expr::Ref("RouteTablePrivateApNortheast1a".into()),
            Expr::Ref("RouteTablePrivateApNortheast1c".into()),
        ]))
    );
    assert!(template.resource("GatewayEndpointDynamoDb").is_some());
}

#[test]
fn network_acl_entries_use_protocol_numbers_and_port_ranges() {
    let template = synth(&design(), "production");
    let ephemeral = template
        .resource("NetworkAclPublicInbound110")
        .expect("the public ACL's rule 110");
    assert_eq!(ephemeral.get("Protocol"), Some(&Expr::Int(6)));
    assert_eq!(ephemeral.get("Egress"), Some(&Expr::Bool(false)));
    assert_eq!(ephemeral.get("RuleAction"), Some(&Expr::from("allow")));
    assert_eq!(
        ephemeral.get("PortRange"),
        Some(&Expr::map([
            ("From", Expr::Int(1024)),
            ("To", Expr::Int(65535))
        ]))
    );
    let all = template
        .resource("NetworkAclPrivateOutbound100")
        .expect("the private ACL's outbound rule");
    assert_eq!(all.get("Protocol"), Some(&Expr::Int(-1)));
    assert_eq!(all.get("Egress"), Some(&Expr::Bool(true)));
    assert_eq!(all.get("PortRange"), None);
    assert_eq!(
        ids_of(&template, "AWS::EC2::SubnetNetworkAclAssociation").len(),
        4
    );
}

#[test]
fn flow_logs_deliver_to_a_retained_log_group() {
    let template = synth(&design(), "production");
    let group = template.resource("FlowLogGroup").expect("the log group");
    assert_eq!(group.get("RetentionInDays"), Some(&Expr::Int(30)));
    assert_eq!(group.deletion_policy(), Some(infra_aws::Policy::Retain));
    let flow_log = template.resource("FlowLog").expect("the flow log");
    assert_eq!(flow_log.get("ResourceId"), Some(&Expr::Ref("Vpc".into())));
    assert_eq!(flow_log.get("TrafficType"), Some(&Expr::from("ALL")));
    assert_eq!(
        flow_log.get("DeliverLogsPermissionArn"),
        Some(&Expr::GetAtt("FlowLogRole".into(), "Arn".into()))
    );
}
