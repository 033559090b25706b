// Every tier needs a subnet in every zone its environments use: production uses
// `ap-northeast-1c`, but the `private` tier has no subnet there. The error names the zone.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: true }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                public  { "ap-northeast-1a": "10.0.1.0/24",  "ap-northeast-1c": "10.0.2.0/24" }
                private { "ap-northeast-1a": "10.0.11.0/24" }
            }
        }
    };
}
