use crate::diag::{Diagnostics, ModelPath};
use crate::rules;
use crate::value::{Name, Region, Zone};
use crate::Validated;

use super::{
    Batch, Caching, Compute, Databases, LoadBalancing, Monitoring, Network, ObjectStorage, Security,
};

/// A whole platform: where it runs, its environments and its sections.
///
/// ```
/// use infra_core::model::{Environment, Network, Platform, SubnetTier};
/// use infra_core::value::{Cidr, Name, Region, Zone};
///
/// let zones = [Zone::new_assert("ap-northeast-1a"), Zone::new_assert("ap-northeast-1c")];
/// let network = Network::new(Cidr::new_assert("10.0.0.0/16")).tier(
///     SubnetTier::isolated(Name::new_assert("data"))
///         .subnet(zones[0].clone(), Cidr::new_assert("10.0.1.0/24"))
///         .subnet(zones[1].clone(), Cidr::new_assert("10.0.2.0/24")),
/// );
/// let platform = Platform::new(Name::new_assert("datasets"), Region::new_assert("ap-northeast-1"), network)
///     .environment(Environment::new(Name::new_assert("production"), zones).multi_az(true))
///     .validate()
///     .expect("a valid design");
/// assert_eq!(platform.environments.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Platform {
    /// The platform's name, used in tags and logical ids.
    pub name: Name,
    /// The AWS region everything runs in.
    pub region: Region,
    /// The environments, each lowered to its own template.
    pub environments: Vec<Environment>,
    /// The network section.
    pub network: Network,
    /// The batch section (empty when the design has none).
    #[serde(default, skip_serializing_if = "Batch::is_empty")]
    pub batch: Batch,
    /// The compute section (empty when the design has none).
    #[serde(default, skip_serializing_if = "Compute::is_empty")]
    pub compute: Compute,
    /// The load balancer section (empty when the design has none).
    #[serde(default, skip_serializing_if = "LoadBalancing::is_empty")]
    pub load_balancer: LoadBalancing,
    /// The database section (empty when the design has none).
    #[serde(default, skip_serializing_if = "Databases::is_empty")]
    pub database: Databases,
    /// The cache section (empty when the design has none).
    #[serde(default, skip_serializing_if = "Caching::is_empty")]
    pub cache: Caching,
    /// The storage section (empty when the design has none).
    #[serde(default, skip_serializing_if = "ObjectStorage::is_empty")]
    pub storage: ObjectStorage,
    /// The monitoring section (empty when the design has none).
    #[serde(default, skip_serializing_if = "Monitoring::is_empty")]
    pub monitoring: Monitoring,
    /// The security section (empty when the design has none).
    #[serde(default, skip_serializing_if = "Security::is_empty")]
    pub security: Security,
    /// Warnings the design acknowledges, each with a reason.
    pub acknowledgements: Vec<Acknowledgement>,
    /// The file the design is written in, relative to its crate (`examples/production.rs`),
    /// when known: `platform!` records it; backends cite it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Platform {
    /// A platform with no environments yet.
    pub fn new(name: Name, region: Region, network: Network) -> Platform {
        Platform {
            name,
            region,
            environments: Vec::new(),
            network,
            batch: Batch::new(),
            compute: Compute::new(),
            load_balancer: LoadBalancing::new(),
            database: Databases::new(),
            cache: Caching::new(),
            storage: ObjectStorage::new(),
            monitoring: Monitoring::new(),
            security: Security::new(),
            acknowledgements: Vec::new(),
            source: None,
        }
    }

    /// Records the file the design is written in, as a path relative to its crate; `..`
    /// segments are resolved (`tests/../examples/production.rs` is `examples/production.rs`),
    /// so the same design cites the same file whichever target includes it.
    ///
    /// ```
    /// # use infra_core::model::{Network, Platform};
    /// # use infra_core::value::{Cidr, Name, Region};
    /// let platform = Platform::new(Name::new_assert("demo"), Region::new_assert("ap-northeast-1"), Network::new(Cidr::new_assert("10.0.0.0/16")))
    ///     .written_in("tests/../examples/production.rs");
    /// assert_eq!(platform.source.as_deref(), Some("examples/production.rs"));
    /// ```
    pub fn written_in(mut self, file: &str) -> Platform {
        let mut parts: Vec<&str> = Vec::new();
        for part in file.split(['/', '\\']) {
            match part {
                "" | "." => {}
                ".." if parts.last().is_some_and(|last| *last != "..") => {
                    parts.pop();
                }
                _ => parts.push(part),
            }
        }
        self.source = Some(parts.join("/"));
        self
    }

    /// Sets the batch section.
    pub fn batch(mut self, batch: Batch) -> Platform {
        self.batch = batch;
        self
    }

    /// Sets the compute section.
    pub fn compute(mut self, compute: Compute) -> Platform {
        self.compute = compute;
        self
    }

    /// Sets the load balancer section.
    pub fn load_balancer(mut self, load_balancer: LoadBalancing) -> Platform {
        self.load_balancer = load_balancer;
        self
    }

    /// Sets the database section.
    pub fn database(mut self, database: Databases) -> Platform {
        self.database = database;
        self
    }

    /// Sets the cache section.
    pub fn cache(mut self, cache: Caching) -> Platform {
        self.cache = cache;
        self
    }

    /// Sets the storage section.
    pub fn storage(mut self, storage: ObjectStorage) -> Platform {
        self.storage = storage;
        self
    }

    /// Sets the monitoring section.
    pub fn monitoring(mut self, monitoring: Monitoring) -> Platform {
        self.monitoring = monitoring;
        self
    }

    /// Sets the security section.
    pub fn security(mut self, security: Security) -> Platform {
        self.security = security;
        self
    }

    /// Adds an environment.
    pub fn environment(mut self, environment: Environment) -> Platform {
        self.environments.push(environment);
        self
    }

    /// Acknowledges the warning `code` at `path` (and inside it), with the reason why it is fine.
    pub fn acknowledge(
        mut self,
        code: impl Into<String>,
        path: ModelPath,
        reason: impl Into<String>,
    ) -> Platform {
        self.acknowledgements.push(Acknowledgement {
            code: code.into(),
            path,
            reason: reason.into(),
        });
        self
    }

    /// Looks an environment up by name.
    pub fn find_environment(&self, name: &str) -> Option<&Environment> {
        self.environments
            .iter()
            .find(|env| env.name.as_str() == name)
    }

    /// Runs every rule.
    ///
    /// # Errors
    /// All findings, errors and warnings, if any of them is an error.
    pub fn validate(self) -> Result<Validated<Platform>, Diagnostics> {
        rules::validate(self)
    }
}

/// An environment: a copy of the platform in some zones (production, staging, ...).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Environment {
    /// Its name.
    pub name: Name,
    /// The availability zones it uses.
    pub zones: Vec<Zone>,
    /// Whether it spreads over several zones (one NAT gateway per zone).
    pub multi_az: bool,
}

impl Environment {
    /// A single-AZ environment in `zones`.
    pub fn new(name: Name, zones: impl IntoIterator<Item = Zone>) -> Environment {
        Environment {
            name,
            zones: zones.into_iter().collect(),
            multi_az: false,
        }
    }

    /// Sets whether the environment is multi-AZ.
    pub fn multi_az(mut self, multi_az: bool) -> Environment {
        self.multi_az = multi_az;
        self
    }
}

/// A warning the design accepts, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// The warning's code.
    pub code: String,
    /// The element (and everything inside it) the acknowledgement covers.
    pub path: ModelPath,
    /// Why the warning does not apply; must not be empty.
    pub reason: String,
}

/// The direction of a firewall rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// Traffic coming in (`ingress`, `inbound`).
    Inbound,
    /// Traffic going out (`egress`, `outbound`).
    Outbound,
}
