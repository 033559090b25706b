// Inbound rules name their source with `from`, outbound rules their destination with `to`.
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
                isolated data { "ap-northeast-1a": "10.0.1.0/24" }
            }
            security_group app { egress: [all from "0.0.0.0/0"] }
        }
    };
}
