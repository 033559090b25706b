// A queue's visibility timeout is 0 seconds to 12 hours: Amazon SQS rejects more. A
// duration needs a unit (`s`, `min`, `h` or `d`).
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
                visibility_timeout: 13h,
                retention: 4d,
                dead_letter: { max_receives: 5, retention: 14d },
            }
            queue reports {
                visibility_timeout: 30m,
                retention: 4d,
                dead_letter: { max_receives: 5, retention: 14d },
            }
        }
    };
}
