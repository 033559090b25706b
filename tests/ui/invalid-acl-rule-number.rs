// Network ACL rule numbers are 1 to 32766; AWS reserves 32767 and above. A number too large for
// any integer type, or a negative one, gets the same error on the whole number.
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
                inbound: [40000 allow 5432 from "10.0.0.0/16"],
                outbound: [4294967296 allow all to "10.0.0.0/16", -5 allow all to "10.0.0.0/16"],
            }
        }
    };
}
