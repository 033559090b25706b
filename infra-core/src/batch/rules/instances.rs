//! Rules on the EC2 settings of compute environments: what EC2 and Spot environments need, and
//! what Fargate ones must not be given.

use crate::diag::Diagnostic;
use crate::model::{path, AllocationStrategy, ComputeEnvironment, ComputeKind, Platform};
use crate::rules::declare_rules;
use crate::rules::per_env::{check_settings, per_environment};

declare_rules! {
    /// A Fargate compute environment is given a setting only EC2 takes.
    INSTANCE_SETTING_ON_FARGATE = "instance-setting-on-fargate", Error,
        "a Fargate compute environment has no `min_vcpus`, `instance_types` or `allocation_strategy`",
        "AWS Batch API ComputeResource.minvCpus, instanceTypes and allocationStrategy (\"This parameter isn't applicable to jobs that are running on Fargate resources. Don't specify it.\"); Batch User Guide, Fargate compute environments; aws-rules.md §8";
    /// An EC2 or Spot compute environment keeps more vCPUs than it may run.
    MIN_VCPUS_ABOVE_MAX = "min-vcpus-above-max", Error,
        "an EC2 or Spot compute environment's `min_vcpus` is at most its `max_vcpus` in every environment",
        "AWS Batch API ComputeResource.minvCpus and maxvCpus (the minimum the environment keeps running, the maximum it may run)";
    /// An allocation strategy that does not fit the compute environment's type.
    INVALID_ALLOCATION_STRATEGY = "invalid-allocation-strategy", Error,
        "`spot_*` allocation strategies are for Spot environments; `best_fit` on Spot needs a Spot Fleet role, which the design does not create",
        "AWS Batch API ComputeResource.allocationStrategy (SPOT_CAPACITY_OPTIMIZED and SPOT_PRICE_CAPACITY_OPTIMIZED are only for Spot) and spotIamFleetRole (required for a SPOT environment with BEST_FIT); Batch User Guide, allocation strategies";
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    for environment in &platform.batch.compute_environments {
        if environment.kind.is_fargate() {
            check_fargate(cx, environment);
            continue;
        }
        check_allocation_strategy(cx, environment);
        if let Some(min) = &environment.min_vcpus {
            let at = path::compute_environment_min_vcpus(environment.name.as_str());
            check_settings(cx, platform, min, &at);
            per_environment(cx, platform, |cx, env| {
                check_min_vcpus(cx, environment, *min.get(env), env);
            });
        }
    }
}

/// A Fargate environment is given none of EC2's settings.
///
/// Source: AWS Batch API `ComputeResource`: `minvCpus`, `instanceTypes` and
/// `allocationStrategy` each say "This parameter isn't applicable to jobs that are running on
/// Fargate resources. Don't specify it."; Batch User Guide, "Fargate compute environments".
fn check_fargate(cx: &mut Vec<Diagnostic>, environment: &ComputeEnvironment) {
    let name = environment.name.as_str();
    let kind = environment.kind.keyword();
    let settings = [
        (
            environment.min_vcpus.is_some(),
            "min_vcpus",
            path::compute_environment_min_vcpus(name),
        ),
        (
            !environment.instance_types.is_empty(),
            "instance_types",
            path::compute_environment_instance_types(name),
        ),
        (
            environment.allocation_strategy.is_some(),
            "allocation_strategy",
            path::compute_environment_allocation_strategy(name),
        ),
    ];
    for (given, setting, at) in settings {
        if given {
            cx.push(
                INSTANCE_SETTING_ON_FARGATE
                    .at(
                        at,
                        format!("compute environment `{name}` runs on `{kind}`, which takes no `{setting}`; AWS Batch rejects it on Fargate resources"),
                    )
                    .with_related(
                        path::compute_environment_kind(name),
                        format!("`{name}` is `{kind}`"),
                    )
                    .with_help(format!("remove `{setting}`, or make the environment `ec2` or `spot`")),
            );
        }
    }
}

/// The allocation strategy fits the environment's type: Spot strategies on Spot only, and no
/// `best_fit` on Spot, which would need a Spot Fleet role.
///
/// Source: AWS Batch API `ComputeResource.allocationStrategy` ("SPOT_CAPACITY_OPTIMIZED ...
/// This allocation strategy is only available for Spot Instance compute resources") and
/// `spotIamFleetRole` (required for a SPOT compute environment that uses BEST_FIT).
fn check_allocation_strategy(cx: &mut Vec<Diagnostic>, environment: &ComputeEnvironment) {
    let Some(strategy) = environment.allocation_strategy else {
        return;
    };
    let name = environment.name.as_str();
    let (message, help) = match (environment.kind, strategy) {
        (
            ComputeKind::Ec2,
            AllocationStrategy::SpotCapacityOptimized | AllocationStrategy::SpotPriceCapacityOptimized,
        ) => (
            format!("compute environment `{name}` runs on-demand `ec2` instances, but `{}` is for Spot environments only", strategy.keyword()),
            "use `best_fit_progressive` (or `best_fit`), or make the environment `spot`".to_owned(),
        ),
        (ComputeKind::Spot, AllocationStrategy::BestFit) => (
            format!("compute environment `{name}` runs `spot` instances with `best_fit`, which needs a Spot Fleet role the design does not create"),
            "use `spot_price_capacity_optimized` (AWS's recommendation) or `spot_capacity_optimized`".to_owned(),
        ),
        (ComputeKind::Ec2 | ComputeKind::Spot, _)
        | (ComputeKind::Fargate | ComputeKind::FargateSpot, _) => return,
    };
    cx.push(
        INVALID_ALLOCATION_STRATEGY
            .at(path::compute_environment_allocation_strategy(name), message)
            .with_help(help),
    );
}

/// The minimum vCPUs is at most the maximum.
///
/// Source: AWS Batch API `ComputeResource.minvCpus` (the vCPUs the environment keeps, even
/// without jobs) and `maxvCpus` (the most it runs): a minimum above the maximum cannot be kept.
fn check_min_vcpus(cx: &mut Vec<Diagnostic>, environment: &ComputeEnvironment, min: u32, env: &str) {
    let max = environment.max_vcpus.get(env).get();
    if min <= max {
        return;
    }
    let name = environment.name.as_str();
    let at = path::compute_environment_min_vcpus(name);
    let min_at = environment
        .min_vcpus
        .as_ref()
        .map_or(at.clone(), |value| value.path_in(&at, env));
    cx.push(
        MIN_VCPUS_ABOVE_MAX
            .at(
                min_at,
                format!("compute environment `{name}` keeps at least {min} vCPUs but may run at most {max}"),
            )
            .with_related(
                environment
                    .max_vcpus
                    .path_in(&path::compute_environment_max_vcpus(name), env),
                format!("`max_vcpus` is {max}"),
            )
            .with_help(format!("lower `min_vcpus` to {max} or less (0 lets the environment scale to nothing), or raise `max_vcpus`")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Batch, PerEnv};
    use crate::testing::design;
    use crate::value::{MaxVcpus, Name};

    fn ec2(kind: ComputeKind) -> ComputeEnvironment {
        ComputeEnvironment::new(Name::new_assert("instances"), kind, MaxVcpus::new_assert(64))
            .subnets(Name::new_assert("private"))
            .security_group(Name::new_assert("application"))
            .instance_type("optimal")
    }

    /// The findings of this module's rules, as (code, path).
    fn findings(environment: ComputeEnvironment) -> Vec<(&'static str, String)> {
        let mut platform = design();
        platform.batch = Batch::new().compute_environment(environment);
        crate::rules::check(&platform)
            .into_iter()
            .filter(|d| RULES.iter().any(|rule| rule.code == d.code))
            .map(|d| (d.code, d.path.as_str().to_owned()))
            .collect()
    }

    const AT: &str = "batch.compute_environments.instances";

    #[test]
    fn ec2_and_spot_with_their_settings_pass() {
        assert_eq!(findings(ec2(ComputeKind::Ec2).min_vcpus(0)), []);
        let spot = ec2(ComputeKind::Spot)
            .allocation_strategy(AllocationStrategy::SpotPriceCapacityOptimized);
        assert_eq!(findings(spot), []);
        let progressive =
            ec2(ComputeKind::Ec2).allocation_strategy(AllocationStrategy::BestFitProgressive);
        assert_eq!(findings(progressive), []);
    }

    #[test]
    fn fargate_takes_no_ec2_setting() {
        let mut fargate = ec2(ComputeKind::Fargate)
            .min_vcpus(0)
            .allocation_strategy(AllocationStrategy::BestFit);
        assert_eq!(
            findings(fargate.clone()),
            [
                ("instance-setting-on-fargate", format!("{AT}.allocation_strategy")),
                ("instance-setting-on-fargate", format!("{AT}.instance_types")),
                ("instance-setting-on-fargate", format!("{AT}.min_vcpus")),
            ]
        );
        fargate.min_vcpus = None;
        fargate.instance_types.clear();
        fargate.allocation_strategy = None;
        assert_eq!(findings(fargate), []);
    }

    #[test]
    fn ec2_may_leave_instance_types_to_aws_batch() {
        let mut bare = ec2(ComputeKind::Spot);
        bare.instance_types.clear();
        assert_eq!(findings(bare), []);
    }

    #[test]
    fn strategies_fit_the_type() {
        for (kind, strategy, ok) in [
            (ComputeKind::Ec2, AllocationStrategy::SpotCapacityOptimized, false),
            (ComputeKind::Ec2, AllocationStrategy::SpotPriceCapacityOptimized, false),
            (ComputeKind::Ec2, AllocationStrategy::BestFit, true),
            (ComputeKind::Spot, AllocationStrategy::BestFit, false),
            (ComputeKind::Spot, AllocationStrategy::BestFitProgressive, true),
            (ComputeKind::Spot, AllocationStrategy::SpotCapacityOptimized, true),
        ] {
            let found = findings(ec2(kind).allocation_strategy(strategy));
            assert_eq!(found.is_empty(), ok, "{kind:?} {strategy:?}: {found:?}");
        }
    }

    #[test]
    fn min_vcpus_at_most_max_in_every_environment() {
        assert_eq!(findings(ec2(ComputeKind::Ec2).min_vcpus(64)), []);
        assert_eq!(
            findings(ec2(ComputeKind::Ec2).min_vcpus(65)),
            [("min-vcpus-above-max", format!("{AT}.min_vcpus"))]
        );
        // Staging runs at most 8: a minimum of 16 holds elsewhere only.
        let mut staging_small = ec2(ComputeKind::Ec2).min_vcpus(16);
        staging_small.max_vcpus = PerEnv::new(MaxVcpus::new_assert(64))
            .with(Name::new_assert("staging"), MaxVcpus::new_assert(8));
        let mut platform = design();
        platform.batch = Batch::new().compute_environment(staging_small);
        let found: Vec<_> = crate::rules::check(&platform)
            .into_iter()
            .filter(|d| d.code == "min-vcpus-above-max")
            .collect();
        assert_eq!(found.len(), 1);
        assert!(found[0].message.ends_with("(environment `staging`)"), "{}", found[0].message);
    }
}
