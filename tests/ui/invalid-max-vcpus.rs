// A compute environment runs at least one vCPU, also in each environment's own setting.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
            staging { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated jobs { "ap-northeast-1a": "10.0.11.0/24" }
            }
            security_group jobs { egress: [all to "0.0.0.0/0"] }
        }
        batch {
            compute_environment fargate {
                type: fargate,
                max_vcpus: match env { staging => 0, _ => 100 },
                subnets: [jobs],
                security_groups: [jobs],
            }
        }
    };
}
