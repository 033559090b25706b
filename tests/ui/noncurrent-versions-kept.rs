// The seed's datasets bucket: versioned, with an expiration only, so noncurrent versions are
// never deleted. A warning, here turned into an error.
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
            bucket datasets {
                versioning: true,
                encryption: kms,
                access_logs: logs,
                lifecycle: [after 30d => STANDARD_IA, after 90d => GLACIER, expire 365d],
            }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
    };
}
