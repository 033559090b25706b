// Values per environment: staging runs on its own address block with one shared NAT gateway,
// development without NAT gateways and with a shorter flow-log retention.
use infra::platform;

fn main() {
    let design = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production  { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: true }
            staging     { zones: ["ap-northeast-1a", "ap-northeast-1c"] }
            development { zones: ["ap-northeast-1a", "ap-northeast-1c"] }
        }
        network {
            vpc: match env { staging => "10.1.0.0/16", _ => "10.0.0.0/16" },
            nat_gateways: match env { production => one_per_zone, staging => shared, _ => none },
            subnets {
                public {
                    "ap-northeast-1a": match env { staging => "10.1.1.0/24", _ => "10.0.1.0/24" },
                    "ap-northeast-1c": match env { staging => "10.1.2.0/24", _ => "10.0.2.0/24" },
                }
                private {
                    "ap-northeast-1a": match env { staging => "10.1.11.0/24", _ => "10.0.11.0/24" },
                    "ap-northeast-1c": match env { staging => "10.1.12.0/24", _ => "10.0.12.0/24" },
                }
            }
            network_acl public {
                inbound: [100 allow 443 from "0.0.0.0/0", 110 allow 1024..=65535 from "0.0.0.0/0"],
                outbound: [100 allow all to "0.0.0.0/0"],
            }
            flow_logs { retention: match env { development => 7d, _ => 90d } }
        }
    };
    let nat = |env| infra::aws::synth(&design, env).unwrap().resources_of_type("AWS::EC2::NatGateway").count();
    assert_eq!((nat("production"), nat("staging"), nat("development")), (2, 1, 0));
    let staging = infra::aws::synth(&design, "staging").unwrap().to_json();
    assert!(staging.contains("\"10.1.0.0/16\"") && !staging.contains("\"10.0.0.0/16\""));
    let development = infra::aws::synth(&design, "development").unwrap().to_json();
    assert!(development.contains("\"RetentionInDays\": 7"));
}
