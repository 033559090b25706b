// A warning can be acknowledged only together with a reason string.
use infra::platform;

fn main() {
    let _ = platform! {
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
            #[allow(database-open-to-world)]
            security_group postgres { tier: database, ingress: [5432 from "0.0.0.0/0"] }
        }
    };
}
