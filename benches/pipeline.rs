//! Benchmarks: validating and lowering the reference design, and how validation scales with the
//! number of subnets and security groups (the overlap check sorts; it does not compare all pairs).
//!
//! `cargo bench --bench pipeline`

#[path = "../examples/production.rs"]
#[allow(dead_code)]
mod production;

use criterion::{criterion_main, BenchmarkId, Criterion};
use infra::model::{
    Environment, Network, Peer, Platform, SecurityGroup, SecurityGroupRule, SubnetTier,
};
use infra::value::{Cidr, Name, PortRange, Region, Traffic, Zone};

fn reference(c: &mut Criterion) {
    let design = production::design();
    let model = design.clone().into_inner();
    c.bench_function("validate reference design", |b| {
        b.iter(|| model.clone().validate().expect("valid"))
    });
    c.bench_function("synth production template", |b| {
        b.iter(|| {
            infra::aws::synth(&design, "production")
                .expect("synth")
                .to_json()
        })
    });
}

/// A VPC with `n_subnets` /28 subnets over 64 isolated tiers in two zones, and as many groups,
/// each admitting the previous one.
fn sized(n_subnets: usize) -> Platform {
    let zones = [
        Zone::new_assert("ap-northeast-1a"),
        Zone::new_assert("ap-northeast-1c"),
    ];
    let mut network = Network::new(Cidr::new_assert("10.0.0.0/16"));
    let per_tier = n_subnets / 64;
    for tier_idx in 0..64 {
        let mut tier =
            SubnetTier::isolated(format!("tier{tier_idx}").parse::<Name>().expect("name"));
        for subnet_idx in 0..per_tier {
            let block = (tier_idx * per_tier + subnet_idx) * 16;
            let cidr = format!("10.0.{}.{}/28", block / 256, block % 256);
            tier = tier.subnet(
                zones[subnet_idx % 2].clone(),
                cidr.parse::<Cidr>().expect("cidr"),
            );
        }
        network = network.tier(tier);
    }
    for group_idx in 0..n_subnets {
        let mut group =
            SecurityGroup::new(format!("group{group_idx}").parse().expect("name"), "bench");
        if group_idx > 0 {
            let peer = Peer::Group(format!("group{}", group_idx - 1).parse().expect("name"));
            group = group.ingress(SecurityGroupRule::new(
                Traffic::Tcp(PortRange::single(443)),
                peer,
            ));
        }
        network = network.security_group(group);
    }
    Platform::new(
        Name::new_assert("bench"),
        Region::new_assert("ap-northeast-1"),
        network,
    )
    .environment(Environment::new(Name::new_assert("production"), zones).multi_az(true))
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate by size");
    for n_subnets in [128, 512, 2048] {
        let platform = sized(n_subnets);
        group.bench_with_input(
            BenchmarkId::from_parameter(n_subnets),
            &platform,
            |b, platform| b.iter(|| infra::rules::check(platform).len()),
        );
    }
    group.finish();
}

mod group {
    #![allow(missing_docs)] // criterion_group! defines an undocumented public function.
    criterion::criterion_group!(benches, super::reference, super::scaling);
}

criterion_main!(group::benches);
