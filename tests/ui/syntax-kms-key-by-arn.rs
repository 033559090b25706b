// The seed names its KMS keys by ARN (`kms_key: 'arn:aws:kms:...'`): a key of the design is
// declared in `security` and named by identifier.
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
                encryption: kms,
                kms_key: "arn:aws:kms:ap-northeast-1:111122223333:key/example",
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
