// Names are unique within their kind: two security groups called `web`. The error points at
// the second and names the first.
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
            security_group web { ingress: [443 from "0.0.0.0/0"] }
            security_group web { ingress: [80 from "0.0.0.0/0"] }
        }
    };
}
