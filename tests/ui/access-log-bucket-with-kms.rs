// S3 delivers server access logs only to SSE-S3 buckets.
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
                access_logs: audit,
            }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket audit { encryption: kms }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
    };
}
