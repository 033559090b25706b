// With its tag a template parameter, an image names its repository alone: the lowering
// appends the parameter as the tag.
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
            service worker {
                image: { repository: "worker:1.0.0", tag: parameter },
                cpu: 2048,
                memory: 4096,
                log_retention: 30d,
                tier: app,
                security_groups: [application],
                capacity: { min: 1, desired: 2, max: 10 },
            }
        }
    };
}
