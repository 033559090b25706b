// A missing required field is reported at the block it is missing from: the network's `vpc` at
// `network`, the flow logs' `retention` at `flow_logs`, the platform's `name` at its first entry,
// a compute environment's `max_vcpus` and a job queue's `priority` at their names, a service's
// `log_retention` and a schedule's `schedule` at theirs, a capacity's `max` at its braces.
use infra::platform;

fn main() {
    let _ = platform! {
        region: "ap-northeast-1",
        network {
            subnets {
                isolated data { "ap-northeast-1a": "10.0.1.0/24" }
            }
            flow_logs { traffic: all }
        }
        batch {
            compute_environment jobs { type: fargate, subnets: [data] }
            job_queue nightly { compute_environments: [jobs] }
        }
        compute {
            service api {
                image: "api-server:1.0.0",
                cpu: 256,
                memory: 512,
                tier: data,
                capacity: match env { staging => { min: 1, desired: 1 }, _ => { min: 1, desired: 1, max: 2 } },
                scaling {
                    schedule night { time_zone: "UTC", min: 0, max: 1 },
                }
            }
        }
    };
}
