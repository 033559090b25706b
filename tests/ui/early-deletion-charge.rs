// Backups moved to STANDARD_IA at 30 days and expired at 45: S3 accepts the lifecycle and
// bills 30 days of Standard-IA anyway. A warning, here turned into an error.
#![deny(deprecated)]
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
            bucket backups {
                encryption: kms,
                access_logs: logs,
                lifecycle: [after 30d => STANDARD_IA, expire 45d],
            }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
    };
}
