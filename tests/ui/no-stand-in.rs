// A rejected value is replaced by a stand-in so that the rest of the design is still checked, but
// no finding that rests on a stand-in comes out: only the rejected values' own errors do. Here a
// zone typo in a subnet map (no "tier has no subnet in `ap-northeast-1c`"), two bad zones in one
// tier (no "duplicate subnet zone") and a bad block on a deny rule (no "a deny rule matches ...
// from 0.0.0.0/0", a block the design never names).
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a", "ap-northeast-1c"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                public  { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1C": "10.0.2.0/24" }
                private { "ap-northeast-1a": "10.0.11.0/24", "ap-northeast-1c": "10.0.12.0/24", "tokyo-a": "10.0.13.0/24", "tokyo-c": "10.0.14.0/24" }
            }
            network_acl public {
                inbound: [90 deny all from "0.0.0.0/33", 100 allow all from "0.0.0.0/0"],
                outbound: [100 allow all to "0.0.0.0/0"],
            }
        }
    };
}
