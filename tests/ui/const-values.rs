// The value constructors are `const fn`: in a `const` item, a bad value fails the build.
// (Outside a const context, `Cidr::new` returns the same error as a `Result`.)
// A lifecycle too: objects stay 30 days in STANDARD_IA before S3 moves them to GLACIER.
use infra::value::{Cidr, Lifecycle, PortRange, RetentionDays, StorageClass, Transition};

const VPC: Cidr = Cidr::new_assert("10.0.0.0/33");
const EPHEMERAL: PortRange = PortRange::new_assert(65535, 1024);
const LOGS: RetentionDays = RetentionDays::new_assert(31);
const DATASETS: Lifecycle = Lifecycle::new_assert(
    &[Transition::after(30, StorageClass::StandardIa), Transition::after(45, StorageClass::Glacier)],
    Some(365),
    Some(90),
    Some(7),
);

fn main() {
    let _ = (VPC, EPHEMERAL, LOGS, DATASETS);
}
