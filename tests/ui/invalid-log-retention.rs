// CloudWatch Logs keeps logs for one of a fixed set of day counts: 31 days is not one of them.
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
                isolated data { "ap-northeast-1a": "10.0.1.0/24" }
            }
            flow_logs { retention: 31d }
        }
    };
}
