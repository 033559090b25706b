// A zone must belong to the platform's region: `us-east-1a` is not in `ap-northeast-1`. Written in
// an environment and in a subnet map, it is reported once, with a note on the other place.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["us-east-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated data { "us-east-1a": "10.0.1.0/24" }
            }
        }
    };
}
