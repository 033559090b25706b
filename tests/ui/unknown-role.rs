// A service's tasks assume a role of the security section, named by its identifier.
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
                memory: 2048,
                log_retention: 30d,
                tier: app,
                security_groups: [application],
                role: aplication,
                capacity: { min: 1, desired: 1, max: 2 },
            }
        }
        security {
            role application { trust: ecs_tasks, policies: ["AmazonS3ReadOnlyAccess"] }
        }
    };
}
