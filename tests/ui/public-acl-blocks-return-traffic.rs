// The reference design's public ACL lets only 443 in. Network ACLs are stateless, so replies to
// the NAT gateway's connections (ports 1024-65535) are dropped and private subnets lose the internet.
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
                public  { "ap-northeast-1a": "10.0.1.0/24" }
                private { "ap-northeast-1a": "10.0.11.0/24" }
            }
            network_acl public {
                inbound: [100 allow 443 from "0.0.0.0/0"],
                outbound: [100 allow all to "0.0.0.0/0"],
            }
        }
    };
}
