// The NAT gateways' tier admits HTTPS only from the first private subnet: traffic from the second
// one, on its way to the NAT gateway, is dropped as it enters the public subnet.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: true }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                public  { "ap-northeast-1a": "10.0.1.0/24",  "ap-northeast-1c": "10.0.2.0/24" }
                private { "ap-northeast-1a": "10.0.11.0/24", "ap-northeast-1c": "10.0.12.0/24" }
            }
            network_acl public {
                inbound: [
                    100 allow 443 from "10.0.11.0/24",
                    110 allow 1024..=65535 from "0.0.0.0/0",
                ],
                outbound: [100 allow all to "0.0.0.0/0"],
            }
        }
    };
}
