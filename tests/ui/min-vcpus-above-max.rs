// A compute environment cannot keep more vCPUs running than it may run: staging's maximum is 8.
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
            compute_environment instances {
                type: ec2,
                max_vcpus: match env { staging => 8, _ => 64 },
                min_vcpus: 16,
                instance_types: ["c6i"],
                subnets: [jobs],
                security_groups: [jobs],
            }
        }
    };
}
