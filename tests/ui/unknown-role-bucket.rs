// A role reads and writes buckets of the design, named by their identifiers: an error with a
// suggestion at each unknown one.
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
            bucket datasets { versioning: true, encryption: kms, access_logs: logs, lifecycle: [noncurrent_expire 90d] }
            #[allow(bucket-without-access-logs, reason = "the access-log bucket")]
            bucket logs { versioning: true, encryption: aes256, lifecycle: [noncurrent_expire 30d] }
        }
        security {
            role batch { trust: ecs_tasks, read: [dataset], write: [datasets, backups] }
        }
    };
}
