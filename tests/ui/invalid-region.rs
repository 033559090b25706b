// A region is written as its code, not its display name.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "Tokyo",
        environments {
            production { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated data { "ap-northeast-1a": "10.0.1.0/24" }
            }
        }
    };
}
