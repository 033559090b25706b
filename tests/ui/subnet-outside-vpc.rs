// A subnet's block must lie inside the VPC's block: `10.1.2.0/24` is outside `10.0.0.0/16`.
// The error points at the subnet's block and names the VPC block it falls outside of.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: true }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated database { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1c": "10.1.2.0/24" }
            }
        }
    };
}
