//! Values that differ between environments: one default, and settings for named environments.

use crate::diag::ModelPath;
use crate::value::Name;

/// A value with a default and, optionally, its own setting in some environments.
///
/// Staging and development often run smaller or on other address blocks than production; any
/// value of the model that may differ is a `PerEnv`. It has no `Display`: a backend writes one
/// environment's value ([`PerEnv::get`]), never the whole setting by mistake. Rules check each environment's effective
/// value ([`PerEnv::get`]) and name the environment when a finding belongs to some of them only.
///
/// ```
/// use infra_core::model::PerEnv;
/// use infra_core::value::{Cidr, Name};
///
/// let vpc = PerEnv::new(Cidr::new_assert("10.0.0.0/16"))
///     .with(Name::new_assert("staging"), Cidr::new_assert("10.1.0.0/16"));
/// assert_eq!(vpc.get("staging").to_string(), "10.1.0.0/16");
/// assert_eq!(vpc.get("production").to_string(), "10.0.0.0/16");
/// assert!(!vpc.is_uniform());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PerEnv<T> {
    default: T,
    overrides: Vec<(Name, T)>,
}

impl<T> PerEnv<T> {
    /// The same value in every environment.
    pub const fn new(default: T) -> PerEnv<T> {
        PerEnv {
            default,
            overrides: Vec::new(),
        }
    }

    /// Gives `environment` its own value. A second setting for the same environment is kept,
    /// and reported by the `duplicate-name` rule; the first one is the effective one.
    pub fn with(mut self, environment: Name, value: T) -> PerEnv<T> {
        self.overrides.push((environment, value));
        self
    }

    /// The value in `environment`: its own setting, or else the default.
    pub fn get(&self, environment: &str) -> &T {
        self.overrides
            .iter()
            .find(|(env, _)| env.as_str() == environment)
            .map_or(&self.default, |(_, value)| value)
    }

    /// The value of environments without a setting of their own.
    pub fn default_value(&self) -> &T {
        &self.default
    }

    /// The environments with a setting of their own, in the order they were given.
    pub fn overrides(&self) -> impl Iterator<Item = (&Name, &T)> {
        self.overrides.iter().map(|(env, value)| (env, value))
    }

    /// Whether every environment has the default.
    pub fn is_uniform(&self) -> bool {
        self.overrides.is_empty()
    }

    /// Where the value of `environment` is written: `at` for the default, `at["<env>"]` for an
    /// environment's own setting.
    pub fn path_in(&self, at: &ModelPath, environment: &str) -> ModelPath {
        if self
            .overrides
            .iter()
            .any(|(env, _)| env.as_str() == environment)
        {
            override_path(at, environment)
        } else {
            at.clone()
        }
    }

    /// The same settings with each value mapped.
    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> PerEnv<U> {
        PerEnv {
            default: f(&self.default),
            overrides: self
                .overrides
                .iter()
                .map(|(env, value)| (env.clone(), f(value)))
                .collect(),
        }
    }
}

impl<T> From<T> for PerEnv<T> {
    fn from(value: T) -> PerEnv<T> {
        PerEnv::new(value)
    }
}

/// `at["<env>"]`: where an environment's own setting of the value at `at` is written.
pub fn override_path(at: &ModelPath, environment: &str) -> ModelPath {
    at.key(environment)
}

/// `at["<env>"].environment`: where the environment of such a setting is named.
pub fn override_environment_path(at: &ModelPath, environment: &str) -> ModelPath {
    override_path(at, environment).field("environment")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_setting_of_an_environment_wins() {
        let value = PerEnv::new(1)
            .with(Name::new_assert("staging"), 2)
            .with(Name::new_assert("staging"), 3);
        assert_eq!(*value.get("staging"), 2);
        assert_eq!(*value.get("development"), 1);
        assert_eq!(value.overrides().count(), 2);
    }

    #[test]
    fn paths_name_the_setting_in_use() {
        let at = ModelPath::root("network").field("vpc");
        let value = PerEnv::new(1).with(Name::new_assert("staging"), 2);
        assert_eq!(
            value.path_in(&at, "staging").as_str(),
            "network.vpc[\"staging\"]"
        );
        assert_eq!(value.path_in(&at, "production").as_str(), "network.vpc");
        assert_eq!(value.map(|v| v * 10).get("staging"), &20);
    }
}
