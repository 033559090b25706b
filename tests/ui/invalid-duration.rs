// Durations are written in the unit their setting counts in: log retention is whole days, `<n>d`
// (CloudWatch Logs counts retention in days). `4w` is not accepted, nor `30 days` (one error for
// both tokens), nor a duration too large for any clock, which once made the macro panic.
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
            flow_logs { retention: 4w }
        }
    };
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
            flow_logs { retention: 18446744073709551615s1000000000ns }
        }
    };
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
            flow_logs { retention: 30 days, traffic: all }
        }
    };
}
