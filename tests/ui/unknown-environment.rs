// A per-environment setting names an environment the platform does not define: `stagin` is a
// typo, and without the error staging would silently get the default block.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
            staging    { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: match env { stagin => "10.1.0.0/16", _ => "10.0.0.0/16" },
            subnets {
                isolated data { "ap-northeast-1a": "10.0.1.0/24" }
            }
        }
    };
}
