// Network ACL rule numbers are 1 to 32766; AWS reserves 32767 and above.
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
            network_acl data { inbound: [40000 allow 5432 from "10.0.0.0/16"] }
        }
    };
}
