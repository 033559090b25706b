// The lowering names a queue `<platform>-<environment>-<queue>`, and Amazon SQS takes at
// most 80 characters.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "research-datasets-platform-with-nightly-exports",
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
            queue jobs_waiting_for_export {
                visibility_timeout: 5min,
                retention: 4d,
                dead_letter: { max_receives: 5, retention: 14d },
            }
        }
    };
}
