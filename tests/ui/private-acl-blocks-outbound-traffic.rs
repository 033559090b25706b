// A private tier whose ACL lets traffic out only to the VPC: its tasks route to the internet
// through the NAT gateway, but their HTTPS connections to ECR, CloudWatch Logs and Secrets Manager
// never leave the subnet.
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
                inbound: [
                    100 allow all from "10.0.0.0/16",
                    110 allow 1024..=65535 from "0.0.0.0/0",
                ],
                outbound: [100 allow all to "10.0.0.0/16"],
            }
        }
    };
}
