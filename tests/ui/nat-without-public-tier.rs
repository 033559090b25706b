// A private tier routes through NAT gateways, which live in a public subnet: without a public
// tier there is nowhere to put them.
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
                private app { "ap-northeast-1a": "10.0.11.0/24" }
            }
        }
    };
}
