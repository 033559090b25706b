// Spot allocation strategies are for Spot environments only, and `best_fit` on Spot needs a Spot
// Fleet role the design does not create.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
            staging { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated jobs { "ap-northeast-1a": "10.0.11.0/24" }
            }
            security_group jobs { egress: [all to "0.0.0.0/0"] }
        }
        batch {
            compute_environment on_demand {
                type: ec2,
                max_vcpus: 64,
                instance_types: ["optimal"],
                allocation_strategy: spot_price_capacity_optimized,
                subnets: [jobs],
                security_groups: [jobs],
            }
            compute_environment spare {
                type: spot,
                max_vcpus: 64,
                instance_types: ["optimal"],
                allocation_strategy: best_fit,
                subnets: [jobs],
                security_groups: [jobs],
            }
        }
    };
}
