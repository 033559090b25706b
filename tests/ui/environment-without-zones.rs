// An environment needs at least one zone to run in.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: [] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated data { "ap-northeast-1a": "10.0.1.0/24" }
            }
        }
    };
}
