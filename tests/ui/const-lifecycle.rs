// A lifecycle built in a `const` item is checked by the compiler: objects stay 30 days in
// STANDARD_IA before S3 moves them to GLACIER, so a GLACIER transition at day 45 fails the build.
// (Outside a const context, `Lifecycle::from_parts` returns the same error as a `Result`.)
use infra::value::{Lifecycle, StorageClass, Transition};

const DATASETS: Lifecycle = Lifecycle::new_assert(
    &[
        Transition::after(30, StorageClass::StandardIa),
        Transition::after(45, StorageClass::Glacier),
    ],
    Some(365),
    Some(90),
    Some(7),
);

fn main() {
    let _ = DATASETS;
}
