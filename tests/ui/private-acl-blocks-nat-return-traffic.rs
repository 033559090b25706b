// The reference design's private ACL lets only the VPC in. Replies that come back through the NAT
// gateway keep their internet source address, so they are dropped: tasks cannot reach ECR,
// Secrets Manager or CloudWatch Logs.
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
            network_acl private {
                inbound: [100 allow all from "10.0.0.0/16"],
                outbound: [100 allow all to "0.0.0.0/0"],
            }
        }
    };
}
