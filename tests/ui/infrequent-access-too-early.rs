// S3 moves objects to STANDARD_IA only from 30 days old: a day-0 transition, as the seed's
// bucket-level `class: STANDARD_IA` might be rewritten, is rejected.
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
                lifecycle: [after 0d => STANDARD_IA, expire 90d],
            }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
    };
}
