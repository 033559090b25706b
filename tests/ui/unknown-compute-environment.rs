// A job queue's compute environments must be defined: the reference design's queues name
// `high-performance`, `standard` and `cost-optimized`, but it defines only a Fargate environment.
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
            security_group jobs { egress: [all to "0.0.0.0/0"] }
        }
        batch {
            compute_environment fargate { type: fargate, max_vcpus: 100, subnets: [jobs], security_groups: [jobs] }
            job_queue high_priority { priority: 3, compute_environments: [high_performance] }
            job_queue default { priority: 2, compute_environments: [standard] }
            job_queue low_priority { priority: 1, compute_environments: [cost_optimized, fargte] }
        }
    };
}
