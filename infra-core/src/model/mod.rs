//! The typed model of a platform: the platform and its environments here, and every section's
//! types re-exported; [`path`] names the parts.
//!
//! Each type is built with `new` (its required parts) and chained methods (the rest);
//! [`Platform::validate`] runs every rule and is the only way to a [`crate::Validated`] platform.

mod data;
pub mod path;
mod per_env;
mod platform;

pub use crate::sections::model::*;
pub use data::DecodeError;
pub use per_env::{override_environment_path, override_path, PerEnv};
pub use platform::{Acknowledgement, Direction, Environment, Platform};
