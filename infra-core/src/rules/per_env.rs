//! Rules over per-environment values: each environment is checked on its effective values, and a
//! finding that holds in some environments only says which.

use crate::diag::{Diagnostic, ModelPath};
use crate::model::{override_environment_path, PerEnv, Platform};
use crate::rules::declare_rules;

use super::names::check_unique;
use super::suggest::help_for;

declare_rules! {
    /// A per-environment setting names an environment the platform does not define.
    UNKNOWN_ENVIRONMENT = "unknown-environment", Error,
        "a per-environment setting names an environment of the platform",
        "CloudFormation: one stack per environment; a setting for an environment without a stack is never deployed";
}

/// Runs `check` for each environment of `platform` (with the environment's name) and merges the
/// findings: one that every environment gives is reported once, as is; one that only some give
/// ends with the environments it holds in. A platform without environments is checked once, on
/// the default values.
pub(crate) fn per_environment(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    mut check: impl FnMut(&mut Vec<Diagnostic>, &str),
) {
    let environments: Vec<&str> = platform
        .environments
        .iter()
        .map(|env| env.name.as_str())
        .collect();
    // With one environment (or none, checked on the defaults) there is nothing to merge.
    if environments.len() <= 1 {
        check(cx, environments.first().copied().unwrap_or(""));
        return;
    }
    let mut merged: Vec<(Diagnostic, Vec<&str>)> = Vec::new();
    for &env in &environments {
        let mut found = Vec::new();
        check(&mut found, env);
        for finding in found {
            match merged.iter_mut().find(|(known, _)| *known == finding) {
                Some((_, envs)) if !envs.contains(&env) => envs.push(env),
                Some(_) => {}
                None => merged.push((finding, vec![env])),
            }
        }
    }
    for (mut finding, envs) in merged {
        if envs.len() < environments.len() {
            finding.message.push_str(&in_environments(&envs));
        }
        cx.push(finding);
    }
}

/// ` (environment `a`)` or ` (environments `a`, `b`)`.
fn in_environments(envs: &[&str]) -> String {
    let names: Vec<String> = envs.iter().map(|env| format!("`{env}`")).collect();
    let noun = if names.len() == 1 {
        "environment"
    } else {
        "environments"
    };
    format!(" ({noun} {})", names.join(", "))
}

/// Every environment-specific setting of `value` (written at `at`) names an environment of the
/// platform, once.
///
/// Source: CloudFormation, one stack per environment: a setting for an environment that has no
/// stack is never deployed, and the environment it was meant for silently gets the default.
pub(crate) fn check_settings<T>(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    value: &PerEnv<T>,
    at: &ModelPath,
) {
    if value.is_uniform() {
        return;
    }
    let known = || platform.environments.iter().map(|env| env.name.as_str());
    check_unique(
        cx,
        "setting for environment",
        value.overrides().map(|(env, _)| {
            (
                env.as_str(),
                env.as_str().to_owned(),
                override_environment_path(at, env.as_str()),
            )
        }),
    );
    for (env, _) in value.overrides() {
        if platform.find_environment(env.as_str()).is_none() {
            cx.push(
                UNKNOWN_ENVIRONMENT
                    .at(
                        override_environment_path(at, env.as_str()),
                        format!("a setting names environment `{env}`, but the platform has no environment `{env}`"),
                    )
                    .with_help(help_for("environments", env.as_str(), known())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::PerEnv;
    use crate::testing::{codes, one_block};
    use crate::value::{Cidr, Name};

    #[test]
    fn a_setting_for_an_unknown_environment_is_an_error() {
        let mut platform = one_block();
        platform.network.vpc = PerEnv::new(Cidr::new_assert("10.0.0.0/16"))
            .with(Name::new_assert("stagin"), Cidr::new_assert("10.0.0.0/16"));
        let findings = crate::rules::check(&platform);
        assert_eq!(codes(&platform), ["unknown-environment"]);
        assert_eq!(
            findings[0].path.as_str(),
            "network.vpc[\"stagin\"].environment"
        );
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `staging`?"));
    }

    #[test]
    fn an_environment_is_set_once() {
        let mut platform = one_block();
        let cidr = Cidr::new_assert("10.0.0.0/16");
        platform.network.vpc = PerEnv::new(cidr)
            .with(Name::new_assert("staging"), cidr)
            .with(Name::new_assert("staging"), cidr);
        assert_eq!(codes(&platform), ["duplicate-name"]);
    }

    #[test]
    fn findings_of_some_environments_name_them() {
        let mut platform = one_block();
        // Staging moves to another block, but one of its subnets stays behind.
        platform.network.vpc = PerEnv::new(Cidr::new_assert("10.0.0.0/16"))
            .with(Name::new_assert("staging"), Cidr::new_assert("10.1.0.0/16"));
        for tier in &mut platform.network.tiers {
            for subnet in &mut tier.subnets {
                let block = subnet
                    .cidr
                    .default_value()
                    .to_string()
                    .replacen("10.0.", "10.1.", 1);
                subnet.cidr = subnet.cidr.clone().with(
                    Name::new_assert("staging"),
                    block.parse::<Cidr>().expect("a block"),
                );
            }
        }
        assert_eq!(codes(&platform), Vec::<&str>::new());
        let subnet = &mut platform.network.tiers[0].subnets[0];
        subnet.cidr = PerEnv::new(*subnet.cidr.default_value());
        let findings = crate::rules::check(&platform);
        assert_eq!(codes(&platform), ["subnet-outside-vpc"]);
        assert!(
            findings[0].message.ends_with("(environment `staging`)"),
            "{}",
            findings[0].message
        );
    }
}
