// A security group's tier, a network ACL's tier and a compute environment's subnets must be
// tiers of the design.
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
                isolated database { "ap-northeast-1a": "10.0.1.0/24" }
            }
            security_group postgres { tier: databse, ingress: [5432 from "10.0.0.0/16"] }
            network_acl db { inbound: [100 allow 5432 from "10.0.0.0/16"] }
        }
        batch {
            compute_environment jobs { type: fargate, max_vcpus: 4, subnets: [privat], security_groups: [postgres] }
        }
    };
}
