//! Typed values: each constructor is a `const fn` that rejects what AWS rejects.
//!
//! In a `const` item the `new_assert` constructors turn a bad value into a build error;
//! everywhere else `new` returns a [`ValueError`].

mod cidr;
mod error;
mod name;
mod port;
mod retention;
mod rule_number;
mod serial;
mod service;

pub use crate::batch::value::{JobQueuePriority, MaxVcpus};
pub use crate::compute::queue_value::{
    parse_duration, MaxReceiveCount, MessageRetention, QueueThreshold, VisibilityTimeout,
};
pub use crate::compute::value::Capacity;
pub use crate::storage::error::LifecycleError;
pub use crate::storage::value::{Lifecycle, StorageClass, Transition};
pub use cidr::Cidr;
pub use error::ValueError;
pub use name::{Name, Region, Zone};
pub use port::{PortRange, Protocol, Traffic};
pub use retention::{parse_days, parse_seconds, RetentionDays, ALLOWED_RETENTION_DAYS};
pub use rule_number::AclRuleNumber;
pub use service::EndpointService;
