// The NAT gateways' tier lets HTTPS out but no replies: answers from the internet, which the NAT
// gateway forwards to the task's ephemeral port, are dropped as they leave the public subnet.
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
                inbound: [
                    100 allow 443 from "0.0.0.0/0",
                    110 allow 1024..=65535 from "0.0.0.0/0",
                ],
                outbound: [100 allow 443 to "0.0.0.0/0"],
            }
        }
    };
}
