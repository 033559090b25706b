// Subnets of one VPC cannot share addresses: `10.0.0.0/22` covers `10.0.1.0/24` and
// `10.0.2.0/24` of another tier.
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
                isolated data  { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1c": "10.0.2.0/24" }
                isolated cache { "ap-northeast-1a": "10.0.0.0/22", "ap-northeast-1c": "10.0.8.0/24" }
            }
        }
    };
}
