// A job queue orders one to three compute environments: AWS Batch rejects more, and a queue
// without any could never run a job.
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
            compute_environment a { type: fargate, max_vcpus: 16, subnets: [jobs], security_groups: [jobs] }
            compute_environment b { type: fargate_spot, max_vcpus: 16, subnets: [jobs], security_groups: [jobs] }
            compute_environment c { type: fargate, max_vcpus: 16, subnets: [jobs], security_groups: [jobs] }
            compute_environment d { type: fargate_spot, max_vcpus: 16, subnets: [jobs], security_groups: [jobs] }
            job_queue everything { priority: 1, compute_environments: [a, b, c, d] }
            job_queue nothing { priority: 1, compute_environments: [] }
        }
    };
}
