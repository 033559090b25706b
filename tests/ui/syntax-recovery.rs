// Every syntax error of a design comes out in one build: after an error the parser goes on at the
// next entry of the same block (after the next `,` or `{ ... }`, or at the next keyword).
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: ap_northeast_1,
        environments {
            production { zones: ["ap-northeast-1a"], multy_az: false }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                isolated data { "ap-northeast-1a" "10.0.1.0/24" }
            }
            security_group app { ingress: [5432 form "10.0.0.0/16", 22 from "10.0.0.0/16"] }
            flow_logs { retention: 30d, traffic: everything }
        }
    };
}
