//! The typed model of a platform, section by section, and the paths that name its parts.
//!
//! Each type is built with `new` (its required parts) and chained methods (the rest);
//! [`Platform::validate`] runs every rule and is the only way to a [`crate::Validated`] platform.

mod data;
mod endpoints;
mod network;
pub mod path;
mod per_env;
mod platform;

pub use data::DecodeError;
pub use endpoints::InterfaceEndpoints;
pub use network::{
    AclAction, AclRule, FlowLogTraffic, FlowLogs, GatewayEndpoint, NatGateways, Network,
    NetworkAcl, Peer, SecurityGroup, SecurityGroupRule, Subnet, SubnetTier, TierRole,
};
pub use per_env::{override_environment_path, override_path, PerEnv};
pub use platform::{Acknowledgement, Direction, Environment, Platform};
