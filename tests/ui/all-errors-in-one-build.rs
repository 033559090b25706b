// Every finding of a design comes out in one build: here both network ACL mistakes of the
// reference design and a subnet outside the VPC.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "datasets",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: true }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                public  { "ap-northeast-1a": "10.0.1.0/24",  "ap-northeast-1c": "10.0.2.0/24" }
                private { "ap-northeast-1a": "10.0.11.0/24", "ap-northeast-1c": "10.1.12.0/24" }
            }
            network_acl public {
                inbound: [100 allow 443 from "0.0.0.0/0"],
                outbound: [100 allow all to "0.0.0.0/0"],
            }
            network_acl private {
                inbound: [100 allow all from "10.0.0.0/16"],
                outbound: [100 allow all to "0.0.0.0/0"],
            }
        }
    };
}
