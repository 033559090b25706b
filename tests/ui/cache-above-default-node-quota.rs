// 50 shards of a primary and a replica are 100 nodes, above the 90 an account may run per cluster
// until it asks for more: a warning, here turned into an error.
#![deny(deprecated)]
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
                isolated app { "ap-northeast-1a": "10.0.11.0/24", "ap-northeast-1c": "10.0.12.0/24" }
                isolated database { "ap-northeast-1a": "10.0.21.0/24", "ap-northeast-1c": "10.0.22.0/24" }
            }
            security_group application { tier: app, egress: [all to "0.0.0.0/0"] }
            security_group cache { tier: database, ingress: [6379 from application] }
        }
        cache {
            redis main {
                engine_version: "7.1",
                node_type: "cache.r5.large",
                shards: 50,
                replicas_per_shard: 1,
                tier: database,
                security_groups: [cache],
            }
        }
    };
}
