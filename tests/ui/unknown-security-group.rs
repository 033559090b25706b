// A rule or a compute environment may only name a security group of the design; a typo gets a
// suggestion.
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
            security_group application { ingress: [8080 from "10.0.0.0/16"] }
            security_group database { ingress: [5432 from aplication as "PostgreSQL"] }
        }
        batch {
            compute_environment jobs {
                type: fargate,
                max_vcpus: 4,
                subnets: [data],
                security_groups: [applicaton],
            }
        }
    };
}
