// A queue keeps messages 60 seconds to 14 days: Amazon SQS rejects anything else, on the
// queue and on its dead-letter queue.
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
                visibility_timeout: 30s,
                retention: 30s,
                dead_letter: { max_receives: 5, retention: 15d },
            }
        }
    };
}
