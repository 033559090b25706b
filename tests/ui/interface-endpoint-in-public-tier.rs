// Interface endpoints in the public tier work (they serve the whole VPC), but they then sit in the
// internet-facing subnets: a warning, here turned into an error. An acknowledgement with a reason
// on `interface_endpoints` silences it.
#![deny(deprecated)]
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
                public { "ap-northeast-1a": "10.0.1.0/24" }
                isolated app { "ap-northeast-1a": "10.0.2.0/24" }
            }
            interface_endpoints { tier: public, services: [logs] }
            #[allow(interface-endpoint-in-public-tier, reason = "a shared services tier, by design")]
            interface_endpoints { tier: public, services: [sts] }
        }
    };
}
