//! What the lowering's unit tests share.

use infra_core::fixtures::reference_network;

/// The reference design's template for `environment`.
pub(crate) fn synth_reference(environment: &str) -> crate::Template {
    let platform = reference_network().validate().expect("a valid design");
    crate::synth(&platform, environment).expect("a known environment")
}
