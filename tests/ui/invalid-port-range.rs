// A port range runs upwards: `65535..=1024` is reversed. Ports run 0 to 65535: `70000` and `-1`
// get this rule's error on the whole number, not a message about parsing integers.
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
            security_group app { ingress: [65535..=1024 from "10.0.0.0/16"] }
            security_group web { ingress: [70000 from "10.0.0.0/16", -1 from "10.0.0.0/16"] }
        }
    };
}
