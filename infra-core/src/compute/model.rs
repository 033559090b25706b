//! The compute section's model: ECS services on Fargate and their scaling.

pub use super::queue::{DeadLetter, Queue, QueueScaling};
use crate::model::PerEnv;
use crate::value::{Capacity, Name, RetentionDays};

/// The compute section: the ECS services of one cluster and the queues they send to and consume.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Compute {
    /// The services.
    pub services: Vec<Service>,
    /// The queues.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queues: Vec<Queue>,
}

impl Compute {
    /// No services.
    pub fn new() -> Compute {
        Compute::default()
    }

    /// Whether the section holds nothing (a platform without compute).
    pub fn is_empty(&self) -> bool {
        self.services.is_empty() && self.queues.is_empty()
    }

    /// Adds a service.
    pub fn service(mut self, service: Service) -> Compute {
        self.services.push(service);
        self
    }

    /// Adds a queue.
    pub fn queue(mut self, queue: Queue) -> Compute {
        self.queues.push(queue);
        self
    }

    /// The queue named `name`, if the section has one.
    pub fn find_queue(&self, name: &str) -> Option<&Queue> {
        self.queues.iter().find(|queue| queue.name.as_str() == name)
    }
}

/// A service's container image.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Image {
    /// A repository with a `:tag` or an `@sha256:` digest, fixed in the design.
    Fixed(String),
    /// A repository whose tag each deployment passes as a template parameter.
    TagParameter(TagParameter),
}

impl Image {
    /// The image's repository with its tag as a template parameter.
    pub fn tag_parameter(repository: impl Into<String>) -> Image {
        Image::TagParameter(TagParameter {
            repository: repository.into(),
            tag: TagSource::Parameter,
        })
    }
}

impl From<&str> for Image {
    fn from(image: &str) -> Image {
        Image::Fixed(image.to_owned())
    }
}

impl From<String> for Image {
    fn from(image: String) -> Image {
        Image::Fixed(image)
    }
}

impl std::fmt::Display for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Image::Fixed(image) => f.write_str(image),
            Image::TagParameter(image) => write!(f, "{}:<parameter>", image.repository),
        }
    }
}

/// A repository whose tag is a template parameter: `{"repository": "worker", "tag": "parameter"}`
/// in the data form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagParameter {
    /// The repository, without a tag.
    pub repository: String,
    /// Where the tag comes from.
    pub tag: TagSource,
}

/// Where an image's tag comes from, when the design does not fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TagSource {
    /// A template parameter, which the deployment pipeline passes.
    Parameter,
}

/// An environment variable of a service's container.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    /// Its name, such as `LOG_LEVEL`.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// An environment variable of a service's container whose value ECS reads from a Secrets Manager
/// secret of the security section when it starts the task (with the service's execution role).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretVariable {
    /// Its name, such as `API_KEYS`.
    pub name: String,
    /// The secret, by name.
    pub secret: Name,
}

/// An ECS service on Fargate: one container per task, its tasks in a tier's subnets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Service {
    /// Its name.
    pub name: Name,
    /// The container image.
    pub image: Image,
    /// The task's CPU units (1024 is one vCPU).
    pub cpu: u32,
    /// The task's memory, in MiB.
    pub memory: u32,
    /// The container's port, if it serves one (a queue worker does not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// The container's environment variables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub environment: Vec<Variable>,
    /// The container's environment variables read from secrets: a new task reads the current
    /// value, so a rotated value reaches the service at its next deployment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<SecretVariable>,
    /// How long CloudWatch Logs keeps the service's logs.
    pub log_retention: RetentionDays,
    /// The KMS key of the design (`security { kms_key <name> {} }`) that encrypts the service's log group, by name;
    /// the compute section's own key without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_kms_key: Option<Name>,
    /// The subnet tier its tasks run in.
    pub tier: Name,
    /// The queue it consumes, by name: its task role may receive and delete the queue's messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumes: Option<Name>,
    /// The queues it sends to, by name: its task role may send messages to each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sends_to: Vec<Name>,
    /// The security groups of its tasks, by name.
    pub security_groups: Vec<Name>,
    /// The security section's role its tasks assume, by name; without one, the service gets a
    /// task role of its own. Either way the role gets the grants of `consumes` and `sends_to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Name>,
    /// Whether the container's root filesystem is read-only (the default).
    #[serde(default = "read_only_default")]
    pub read_only_root: bool,
    /// The number of tasks, per environment.
    pub capacity: PerEnv<Capacity>,
    /// Its Application Auto Scaling.
    #[serde(default, skip_serializing_if = "Scaling::is_empty")]
    pub scaling: Scaling,
}

fn read_only_default() -> bool {
    true
}

impl Service {
    /// A service with a read-only root filesystem and no port, variables, groups or scaling yet.
    pub fn new(
        name: Name,
        image: impl Into<Image>,
        cpu: u32,
        memory: u32,
        log_retention: RetentionDays,
        tier: Name,
        capacity: impl Into<PerEnv<Capacity>>,
    ) -> Service {
        Service {
            name,
            image: image.into(),
            cpu,
            memory,
            port: None,
            environment: Vec::new(),
            secrets: Vec::new(),
            log_retention,
            log_kms_key: None,
            tier,
            consumes: None,
            sends_to: Vec::new(),
            security_groups: Vec::new(),
            role: None,
            read_only_root: true,
            capacity: capacity.into(),
            scaling: Scaling::default(),
        }
    }

    /// Encrypts its log group with the design's KMS key `key`.
    pub fn log_kms_key(mut self, key: Name) -> Service {
        self.log_kms_key = Some(key);
        self
    }

    /// Serves on the container port `port`.
    pub fn port(mut self, port: u16) -> Service {
        self.port = Some(port);
        self
    }

    /// Sets the environment variable `name` to `value`.
    pub fn variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Service {
        self.environment.push(Variable {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// Sets the environment variable `name` to the value of the secret `secret`.
    pub fn secret(mut self, name: impl Into<String>, secret: Name) -> Service {
        self.secrets.push(SecretVariable {
            name: name.into(),
            secret,
        });
        self
    }

    /// Consumes the queue `queue`.
    pub fn consumes(mut self, queue: Name) -> Service {
        self.consumes = Some(queue);
        self
    }

    /// Sends messages to the queue `queue`, besides any it already sends to.
    pub fn sends_to(mut self, queue: Name) -> Service {
        self.sends_to.push(queue);
        self
    }

    /// Gives its tasks the security group `group`.
    pub fn security_group(mut self, group: Name) -> Service {
        self.security_groups.push(group);
        self
    }

    /// Its tasks assume the security section's role `role`.
    pub fn role(mut self, role: Name) -> Service {
        self.role = Some(role);
        self
    }

    /// Sets its scaling.
    pub fn scaling(mut self, scaling: Scaling) -> Service {
        self.scaling = scaling;
        self
    }
}

/// The metric a target tracking policy holds at its target.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// The service's average CPU utilization.
    Cpu,
    /// The service's average memory utilization.
    Memory,
}

impl Metric {
    /// The DSL keyword: `cpu` or `memory`.
    pub const fn keyword(&self) -> &'static str {
        match self {
            Self::Cpu => "cpu",
            Self::Memory => "memory",
        }
    }

    /// Application Auto Scaling's predefined metric.
    pub const fn aws_name(&self) -> &'static str {
        match self {
            Self::Cpu => "ECSServiceAverageCPUUtilization",
            Self::Memory => "ECSServiceAverageMemoryUtilization",
        }
    }
}

/// A service's Application Auto Scaling: target tracking and scheduled capacity.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Scaling {
    /// Target tracking on the average CPU utilization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<TargetTracking>,
    /// Target tracking on the average memory utilization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<TargetTracking>,
    /// Scaling on the depth of the service's queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_depth: Option<QueueScaling>,
    /// Scheduled changes of the minimum and maximum capacity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<ScheduledCapacity>,
}

impl Scaling {
    /// No scaling: the service keeps its desired count.
    pub fn new() -> Scaling {
        Scaling::default()
    }

    /// Whether it holds no policy and no schedule.
    pub fn is_empty(&self) -> bool {
        self.cpu.is_none()
            && self.memory.is_none()
            && self.queue_depth.is_none()
            && self.schedules.is_empty()
    }

    /// Scales on the depth of the service's queue.
    pub fn queue_depth(mut self, scaling: QueueScaling) -> Scaling {
        self.queue_depth = Some(scaling);
        self
    }

    /// Tracks `metric` at `tracking`'s target.
    pub fn track(mut self, metric: Metric, tracking: TargetTracking) -> Scaling {
        match metric {
            Metric::Cpu => self.cpu = Some(tracking),
            Metric::Memory => self.memory = Some(tracking),
        }
        self
    }

    /// Adds a scheduled capacity.
    pub fn schedule(mut self, schedule: ScheduledCapacity) -> Scaling {
        self.schedules.push(schedule);
        self
    }

    /// The target tracking policies, CPU first.
    pub fn tracking(&self) -> impl Iterator<Item = (Metric, &TargetTracking)> {
        [(Metric::Cpu, &self.cpu), (Metric::Memory, &self.memory)]
            .into_iter()
            .filter_map(|(metric, tracking)| tracking.as_ref().map(|t| (metric, t)))
    }
}

/// A target tracking policy: adds or removes tasks to hold a metric at its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetTracking {
    /// The target utilization, in percent.
    pub target: u32,
    /// Seconds after a scale-in before the next scale-in.
    pub scale_in_cooldown: u32,
    /// Seconds after a scale-out before the next scale-out.
    pub scale_out_cooldown: u32,
}

/// A scheduled action: at each time of its schedule, the minimum and maximum capacity change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScheduledCapacity {
    /// Its name.
    pub name: Name,
    /// `cron(...)` with 6 fields, `rate(...)` or `at(...)`.
    pub schedule: String,
    /// The IANA time zone the schedule is read in, such as `Asia/Tokyo`.
    pub time_zone: String,
    /// The minimum capacity from then on, per environment.
    pub min: PerEnv<u32>,
    /// The maximum capacity from then on, per environment.
    pub max: PerEnv<u32>,
    /// A desired capacity, which a scheduled action cannot set: kept only to be reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired: Option<u32>,
}

impl ScheduledCapacity {
    /// A scheduled action setting `min` and `max`.
    pub fn new(
        name: Name,
        schedule: impl Into<String>,
        time_zone: impl Into<String>,
        min: impl Into<PerEnv<u32>>,
        max: impl Into<PerEnv<u32>>,
    ) -> ScheduledCapacity {
        ScheduledCapacity {
            name,
            schedule: schedule.into(),
            time_zone: time_zone.into(),
            min: min.into(),
            max: max.into(),
            desired: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Service {
        Service::new(
            Name::new_assert("api"),
            "api-server:1.0.0",
            1024,
            2048,
            RetentionDays::new_assert(30),
            Name::new_assert("private"),
            Capacity::new_assert(1, 1, 2),
        )
    }

    #[test]
    fn a_producer_names_its_queues_in_order_and_in_the_data_form() {
        let service = api()
            .sends_to(Name::new_assert("jobs"))
            .sends_to(Name::new_assert("reports"));
        assert_eq!(service.sends_to, ["jobs", "reports"].map(Name::new_assert));
        assert_eq!(service.consumes, None);
        let json = serde_json::to_value(&service).expect("JSON");
        assert_eq!(json["sends_to"], serde_json::json!(["jobs", "reports"]));
        assert!(json.get("consumes").is_none(), "{json}");
        let back: Service = serde_json::from_value(json).expect("it reads back");
        assert_eq!(back, service);
    }

    #[test]
    fn a_service_without_queues_writes_neither_key_and_the_old_key_is_refused() {
        let json = serde_json::to_value(api()).expect("JSON");
        assert!(json.get("sends_to").is_none() && json.get("consumes").is_none(), "{json}");
        let mut old = json;
        old["queue"] = serde_json::json!("jobs");
        let error = serde_json::from_value::<Service>(old).expect_err("`queue` is no field");
        assert!(error.to_string().contains("unknown field `queue`"), "{error}");
    }
}
