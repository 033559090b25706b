// The platform requires TLS 1.2 in transit (the seed's `in_transit: TLS 1.2`), so its Redis
// cluster cannot accept plaintext connections.
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
        security { minimum_tls: "1.2" }
        cache {
            redis main {
                engine_version: "6.0",
                node_type: "cache.r5.large",
                shards: 2,
                replicas_per_shard: 1,
                encryption: { at_rest: true, in_transit: false },
                tier: database,
                security_groups: [cache],
            }
        }
    };
}
