// The reference design's network, corrected, compiles and builds the model it describes.
#[path = "../../../examples/production.rs"]
mod production;

fn main() {
    let datasets = production::design();
    assert_eq!(datasets.environments.len(), 3);
    assert_eq!(datasets.network.tiers.len(), 3);
    assert!(datasets.warnings().is_empty());
}
