// A per-environment value is `match env { <environment> => <value>, _ => <value> }`: the `_` arm
// gives the other environments their value, so it cannot be left out; and `vpc` in a network
// ACL rule stands for each environment's VPC block, so the VPC must be written first.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
            staging    { zones: ["ap-northeast-1a"] }
        }
        network {
            network_acl data { inbound: [100 allow all from vpc] }
            vpc: match env { staging => "10.1.0.0/16" },
            subnets {
                isolated data { "ap-northeast-1a": match environment { _ => "10.0.1.0/24" } }
            }
            flow_logs { retention: match env { production => 90d, _ => 30d, _ => 7d } }
        }
    };
}
