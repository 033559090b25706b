// A worker scales out above at least one visible message: with a threshold of 0 the
// lowering's steps would be empty, which Application Auto Scaling rejects.
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
                isolated app { "ap-northeast-1a": "10.0.11.0/24" }
            }
            security_group application { egress: [all to "0.0.0.0/0"] }
        }
        compute {
            queue jobs {
                visibility_timeout: 5min,
                retention: 4d,
                dead_letter: { max_receives: 5, retention: 14d },
            }
            service worker {
                image: "worker:1.0.0",
                cpu: 2048,
                memory: 4096,
                log_retention: 30d,
                tier: app,
                security_groups: [application],
                consumes: jobs,
                capacity: { min: 1, desired: 2, max: 10 },
                scaling {
                    queue_depth: { threshold: 0, cooldown: 300s },
                }
            }
        }
    };
}
