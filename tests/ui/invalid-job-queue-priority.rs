// A job queue's priority is 0 to 1000.
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
            job_queue urgent { priority: 1001, compute_environments: [fargate] }
            job_queue later { priority: -1, compute_environments: [fargate] }
        }
    };
}
