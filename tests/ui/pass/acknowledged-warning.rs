// A warning acknowledged with a reason compiles without a warning, even under `deny(deprecated)`.
#![deny(deprecated)]

use infra::platform;

fn main() {
    let demo = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated database { "ap-northeast-1a": "10.0.21.0/24" }
            }
            #[allow(database-open-to-world, reason = "a throwaway demo database behind a VPN-less VPC")]
            security_group postgres { tier: database, ingress: [5432 from "0.0.0.0/0"] }
        }
    };
    assert!(demo.warnings().is_empty());
}
