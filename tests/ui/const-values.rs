// The value constructors are `const fn`: in a `const` item, a bad value fails the build.
// (Outside a const context, `Cidr::new` returns the same error as a `Result`.)
use infra::value::{Cidr, PortRange, RetentionDays};

const VPC: Cidr = Cidr::new_assert("10.0.0.0/33");
const EPHEMERAL: PortRange = PortRange::new_assert(65535, 1024);
const LOGS: RetentionDays = RetentionDays::new_assert(31);

fn main() {
    let _ = (VPC, EPHEMERAL, LOGS);
}
