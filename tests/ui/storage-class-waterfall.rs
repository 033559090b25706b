// S3 moves objects only down its storage-class waterfall: GLACIER cannot go back to
// STANDARD_IA, and ONEZONE_IA cannot go to GLACIER_IR.
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
                lifecycle: [after 30d => GLACIER, after 90d => STANDARD_IA],
            }
            bucket archive {
                encryption: kms,
                access_logs: logs,
                lifecycle: [after 30d => ONEZONE_IA, after 90d => GLACIER_IR],
            }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
    };
}
