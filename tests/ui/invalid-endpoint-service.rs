// An interface endpoint names the service part of `com.amazonaws.<region>.<service>`: the whole
// name, or a capitalised one, is not a service.
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
                isolated app { "ap-northeast-1a": "10.0.1.0/24" }
            }
            interface_endpoints {
                tier: app,
                services: [ecr.api, "com.amazonaws.ap-northeast-1.logs", SecretsManager],
            }
        }
    };
}
