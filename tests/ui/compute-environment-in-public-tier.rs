// Fargate jobs in a public tier reach ECR and CloudWatch Logs only with a public IP, which the job
// definitions must assign: a warning, here turned into an error.
#![deny(deprecated)]
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
                public { "ap-northeast-1a": "10.0.1.0/24" }
            }
            security_group jobs { egress: [all to "0.0.0.0/0"] }
        }
        batch {
            compute_environment fargate { type: fargate, max_vcpus: 100, subnets: [public], security_groups: [jobs] }
        }
    };
}
