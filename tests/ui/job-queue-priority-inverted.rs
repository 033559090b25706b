// AWS Batch schedules the queue with the HIGHER priority number first. The reference design gives
// `high_priority` 1 and `low_priority` 3, so its low-priority jobs would win: a warning, here
// turned into an error. An acknowledgement with a reason on the queue silences it.
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
                isolated jobs { "ap-northeast-1a": "10.0.11.0/24" }
            }
            security_group jobs { egress: [all to "0.0.0.0/0"] }
        }
        batch {
            compute_environment fargate { type: fargate, max_vcpus: 100, subnets: [jobs], security_groups: [jobs] }
            job_queue high_priority { priority: 1, compute_environments: [fargate] }
            job_queue low_priority { priority: 3, compute_environments: [fargate] }
            #[allow(job-queue-priority-inverted, reason = "drains the backlog first, by design")]
            job_queue high_backlog { priority: 0, compute_environments: [fargate] }
        }
    };
}
