// The seed's `encryption: 'AES-256'` with a `kms_key` (its ARN becomes a key of the design, by
// name): SSE-S3 (AES256) takes no KMS key.
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
                versioning: false,
                encryption: aes256,
                kms_key: storage,
                access_logs: logs,
            }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
        security {
            kms_key storage {}
        }
    };
}
