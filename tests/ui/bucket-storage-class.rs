// The seed's backups bucket: `class: STANDARD_IA`. S3 has no bucket-level storage class; the help
// says how to store or move the objects there.
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
                class: STANDARD_IA,
                lifecycle: [expire 90d],
            }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
    };
}
