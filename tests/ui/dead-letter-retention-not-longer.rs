// SQS keeps a message's original enqueue time when it moves to a standard queue's
// dead-letter queue: a dead-letter queue that keeps messages no longer than its source may let
// them expire unread. A warning, here turned into an error.
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
                isolated app { "ap-northeast-1a": "10.0.11.0/24" }
            }
            security_group application { egress: [all to "0.0.0.0/0"] }
        }
        compute {
            queue jobs {
                visibility_timeout: 5min,
                retention: 4d,
                dead_letter: { max_receives: 5, retention: 4d },
            }
        }
    };
}
