// A VPC has one interface endpoint per service: with private DNS, a second one for `logs` fails
// because its DNS domain is already taken in the VPC.
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
                isolated app      { "ap-northeast-1a": "10.0.1.0/24" }
                isolated database { "ap-northeast-1a": "10.0.2.0/24" }
            }
            interface_endpoints { tier: app, services: [ecr.api, ecr.dkr, logs] }
            interface_endpoints { tier: database, services: [logs, secretsmanager] }
        }
    };
}
