// Objects stay at least 30 days in STANDARD_IA before a GLACIER transition: 30 then 45 is 15
// days too soon.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "datasets",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated app { "ap-northeast-1a": "10.0.11.0/24" }
            }
        }
        storage {
            bucket datasets {
                encryption: kms,
                access_logs: logs,
                lifecycle: [after 30d => STANDARD_IA, after 45d => GLACIER, expire 365d],
            }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
    };
}
