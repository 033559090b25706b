// A service consumes and sends to queues of the design, named by their identifiers.
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
                consumes: jbos,
                capacity: { min: 1, desired: 2, max: 10 },
                scaling {
                    queue_depth: { threshold: 1000, cooldown: 300s },
                }
            }
            service api {
                image: "api-server:1.0.0",
                cpu: 1024,
                memory: 2048,
                log_retention: 30d,
                tier: app,
                security_groups: [application],
                sends_to: [jobs, job],
                capacity: { min: 1, desired: 1, max: 2 },
            }
        }
    };
}
