// A message moves to the dead-letter queue after 1 to 1,000 receives: Amazon SQS rejects
// other counts.
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
                retention: 4d,
                dead_letter: { max_receives: 0, retention: 14d },
            }
        }
    };
}
