// Rust's lexer accepts a suffix on any literal; the DSL does not ignore one. A suffix on a port, a
// rule number or a string is an error at the token, and a retention takes only `d` (days).
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16"_x,
            subnets {
                #[allow(database-open-to-world, reason = "public data"y)]
                isolated data { "ap-northeast-1a": "10.0.1.0/24" }
            }
            security_group app { ingress: [443u8 from "10.0.0.0/16"] }
            network_acl data { inbound: [100days allow all from "10.0.0.0/16"] }
            flow_logs { retention: 30days }
        }
    };
}
