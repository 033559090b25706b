// Only warnings can be acknowledged: `subnet-overlap` is an error (AWS rejects the design), and
// `database-open-world` is no rule's code.
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
            #[allow(subnet-overlap, reason = "we know")]
            security_group postgres { tier: database, ingress: [5432 from "10.0.0.0/16"] }
            #[allow(database-open-world, reason = "typo in the code")]
            security_group cache { tier: database, ingress: [6379 from "10.0.0.0/16"] }
        }
    };
}
