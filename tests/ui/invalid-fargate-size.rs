// Fargate offers 2048 to 8192 MiB with 1024 cpu units (the seed's api has 2048).
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
                isolated app { "ap-northeast-1a": "10.0.11.0/24" }
            }
            security_group application { egress: [all to "0.0.0.0/0"] }
        }
        compute {
            service api {
                image: "api-server:1.0.0",
                cpu: 1024,
                memory: 1024,
                port: 8080,
                log_retention: 30d,
                tier: app,
                security_groups: [application],
                capacity: { min: 2, desired: 4, max: 10 },
            }
        }
    };
}
