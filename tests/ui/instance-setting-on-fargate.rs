// Fargate compute environments take no instance types, minimum vCPUs or allocation strategy:
// AWS Batch rejects them ("Don't specify it").
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
            compute_environment serverless {
                type: fargate,
                max_vcpus: 16,
                min_vcpus: 0,
                instance_types: ["m6i.large"],
                allocation_strategy: best_fit_progressive,
                subnets: [jobs],
                security_groups: [jobs],
            }
        }
    };
}
