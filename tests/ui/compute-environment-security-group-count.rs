// A Fargate compute environment names one to five security groups: AWS Batch requires at least
// one, and Fargate takes at most five.
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
                isolated jobs { "ap-northeast-1a": "10.0.11.0/24" }
            }
            security_group a { egress: [all to "0.0.0.0/0"] }
        }
        batch {
            compute_environment open { type: fargate, max_vcpus: 4, subnets: [jobs] }
            compute_environment crowded {
                type: fargate,
                max_vcpus: 4,
                subnets: [jobs],
                security_groups: [a, a, a, a, a, a],
            }
        }
    };
}
