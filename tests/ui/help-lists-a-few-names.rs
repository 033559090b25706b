// A help line lists each defined name once, nearest first, and at most five of them; a day count
// agrees in number ("1 day").
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
                isolated data { "ap-northeast-1a": "10.0.2.0/24" }
            }
            security_group alpha { }
            security_group bravo { }
            security_group charlie { }
            security_group delta { }
            security_group echo { }
            security_group foxtrot { }
            security_group golf { tier: cache, ingress: [80 from loadbalancer] }
            flow_logs { retention: 2d }
        }
    };
}
