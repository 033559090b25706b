//! The reference design's network (infra-core's fixture), for the template tests.

// Each test crate uses a part of this module.
#![allow(dead_code, unused_imports)]

use infra_core::model::Platform;
use infra_core::Validated;

pub use infra_core::fixtures::{reference_network as platform, A};

/// The environments of [`design`].
pub const ENVIRONMENTS: [&str; 3] = ["production", "staging", "development"];

/// The design, validated.
pub fn design() -> Validated<Platform> {
    platform()
        .validate()
        .expect("the reference design is valid")
}

/// The template of `environment` of `design`.
pub fn synth(design: &Validated<Platform>, environment: &str) -> infra_aws::Template {
    infra_aws::synth(design, environment).expect("an environment of the design")
}

/// The logical ids of the resources of `resource_type`.
pub fn ids_of(template: &infra_aws::Template, resource_type: &str) -> Vec<String> {
    template
        .resources_of_type(resource_type)
        .map(|(id, _)| id.to_string())
        .collect()
}
