// Names become logical ids and tags: lowercase ASCII words separated by `-` or `_`.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "Demo Platform",
        region: "ap-northeast-1",
        environments {
            Production { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated data { "ap-northeast-1a": "10.0.1.0/24" }
            }
        }
    };
}
