// An EC2 or Spot compute environment says which instance types it may launch (`optimal` lets
// AWS Batch choose).
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
            compute_environment instances { type: spot, max_vcpus: 64, subnets: [jobs], security_groups: [jobs] }
        }
    };
}
