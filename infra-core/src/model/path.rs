//! The paths of model elements. Rules, the `platform!` span table and the backends' citations
//! all use these functions: a path is never spelled by hand. Each section's own paths are
//! re-exported here.

use crate::diag::ModelPath;

pub use crate::sections::path::*;

/// `name`
pub fn platform_name() -> ModelPath {
    ModelPath::root("name")
}

/// `region`
pub fn region() -> ModelPath {
    ModelPath::root("region")
}

/// `environments.<env>`
pub fn environment(env: &str) -> ModelPath {
    ModelPath::root("environments").field(env)
}

/// `environments.<env>.zones`
pub fn environment_zones(env: &str) -> ModelPath {
    environment(env).field("zones")
}

/// `environments.<env>.zones[<idx>]`
pub fn environment_zone(env: &str, idx: usize) -> ModelPath {
    environment_zones(env).index(idx)
}

/// `environments.<env>.multi_az`
pub fn environment_multi_az(env: &str) -> ModelPath {
    environment(env).field("multi_az")
}

/// `acknowledgements[<idx>]`
pub fn acknowledgement(idx: usize) -> ModelPath {
    ModelPath::root("acknowledgements").index(idx)
}
