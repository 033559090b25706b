// Network ACL rule numbers are unique per direction (the same number inbound and outbound is fine).
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
            network_acl data {
                inbound: [
                    100 allow 5432 from "10.0.0.0/16",
                    100 deny all from "0.0.0.0/0",
                ],
                outbound: [100 allow all to "10.0.0.0/16"],
            }
        }
    };
}
