// A CIDR block must be a canonical IPv4 block: a prefix above /32, or host bits below the prefix,
// are rejected by the same constructor the builder uses, with the network address suggested.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.1/16",
            subnets {
                isolated data { "ap-northeast-1a": "10.0.1.0/33" }
            }
        }
    };
}
