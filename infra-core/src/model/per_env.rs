//! Values that differ between environments: one default, and settings for named environments.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

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

/// The data form: the value alone when every environment has it, else a map from environment
/// names to their values with `_` for the others, as the DSL's `match env { ... }` reads:
/// `{"staging": "10.1.0.0/16", "_": "10.0.0.0/16"}`.
impl<T: Serialize> Serialize for PerEnv<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_uniform() {
            return self.default.serialize(serializer);
        }
        let mut map = serializer.serialize_map(Some(self.overrides.len() + 1))?;
        for (env, value) in &self.overrides {
            map.serialize_entry(env.as_str(), value)?;
        }
        map.serialize_entry("_", &self.default)?;
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for PerEnv<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Settings(PhantomData))
    }
}

/// Serde's visitor for a [`PerEnv`]: a plain value (text, number or boolean) or a map.
struct Settings<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Settings<T> {
    type Value = PerEnv<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value, or a map from environment names (and `_` for the others) to values")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<PerEnv<T>, E> {
        T::deserialize(text.into_deserializer()).map(PerEnv::new)
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<PerEnv<T>, E> {
        T::deserialize(number.into_deserializer()).map(PerEnv::new)
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<PerEnv<T>, E> {
        T::deserialize(number.into_deserializer()).map(PerEnv::new)
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<PerEnv<T>, E> {
        T::deserialize(flag.into_deserializer()).map(PerEnv::new)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PerEnv<T>, A::Error> {
        let mut default = None;
        let mut overrides = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "_" {
                if default.is_some() {
                    return Err(de::Error::duplicate_field("_"));
                }
                default = Some(map.next_value()?);
            } else {
                let env = key
                    .parse::<Name>()
                    .map_err(|error| de::Error::custom(format_args!("`{key}`: {error}")))?;
                overrides.push((env, map.next_value()?));
            }
        }
        let default = default.ok_or_else(|| de::Error::missing_field("_"))?;
        Ok(PerEnv { default, overrides })
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

    #[test]
    fn data_form_reads_like_the_dsl() {
        use crate::value::Cidr;
        let vpc = PerEnv::new(Cidr::new_assert("10.0.0.0/16"))
            .with(Name::new_assert("staging"), Cidr::new_assert("10.1.0.0/16"));
        let json = serde_json::to_string(&vpc).expect("serializes");
        assert_eq!(json, r#"{"staging":"10.1.0.0/16","_":"10.0.0.0/16"}"#);
        assert_eq!(
            serde_json::from_str::<PerEnv<Cidr>>(&json).expect("reads"),
            vpc
        );
        let uniform: PerEnv<Cidr> = serde_json::from_str(r#""10.0.0.0/16""#).expect("reads");
        assert!(uniform.is_uniform());
        let missing = serde_json::from_str::<PerEnv<Cidr>>(r#"{"staging":"10.1.0.0/16"}"#);
        assert!(missing.unwrap_err().to_string().contains("`_`"));
        let bad = serde_json::from_str::<PerEnv<Cidr>>(r#"{"_":"10.0.0.1/16"}"#);
        assert!(bad.unwrap_err().to_string().contains("10.0.0.1/16"));
    }
}
