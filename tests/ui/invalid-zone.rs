// A zone is a zone name such as `ap-northeast-1a`; a zone ID such as `apne1-az1` is not accepted here.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["apne1-az1"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated data { "ap-northeast-1a": "10.0.1.0/24" }
            }
        }
    };
}
