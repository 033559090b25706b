// Rules run on each environment's own values. Staging moves to `10.1.0.0/16`, but the subnet in
// `ap-northeast-1c` has no staging block: its default lies outside staging's VPC, and the error
// says it holds in staging only.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: true }
            staging    { zones: ["ap-northeast-1a", "ap-northeast-1c"] }
        }
        network {
            vpc: match env { staging => "10.1.0.0/16", _ => "10.0.0.0/16" },
            subnets {
                isolated data {
                    "ap-northeast-1a": match env { staging => "10.1.1.0/24", _ => "10.0.1.0/24" },
                    "ap-northeast-1c": "10.0.2.0/24",
                }
            }
        }
    };
}
