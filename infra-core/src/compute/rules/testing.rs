//! The services the compute section's rule tests start from.

use crate::model::Service;
use crate::value::{Capacity, Name, RetentionDays};

/// The seed's `api` service (1 vCPU, 2 GiB, port 8080, 2-10 tasks starting at 4) in `tier`,
/// behind security group `group`.
pub(crate) fn api(tier: &'static str, group: &'static str) -> Service {
    Service::new(
        Name::new_assert("api"),
        "api-server:1.0.0",
        1024,
        2048,
        RetentionDays::new_assert(30),
        Name::new_assert(tier),
        Capacity::new_assert(2, 4, 10),
    )
    .port(8080)
    .security_group(Name::new_assert(group))
}
