// A security group of an isolated (database) tier that admits 0.0.0.0/0 is a warning. Warnings
// arrive as `deprecated` lint warnings at the token; `#![deny(deprecated)]` turns them into errors,
// and `#[allow(database-open-to-world, reason = "...")]` on the group acknowledges one.
#![deny(deprecated)]

use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated database { "ap-northeast-1a": "10.0.21.0/24" }
            }
            security_group postgres {
                tier: database,
                ingress: [5432 from "0.0.0.0/0"],
            }
        }
    };
}
