// AWS Batch takes a job queue's compute environments all on EC2 (`ec2`, `spot`) or all on Fargate
// (`fargate`, `fargate_spot`): a queue that falls back from Fargate to EC2 instances is rejected.
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
            compute_environment serverless { type: fargate, max_vcpus: 16, subnets: [jobs], security_groups: [jobs] }
            compute_environment instances {
                type: ec2,
                max_vcpus: 64,
                instance_types: ["optimal"],
                subnets: [jobs],
                security_groups: [jobs],
            }
            job_queue nightly { priority: 1, compute_environments: [serverless, instances] }
        }
    };
}
