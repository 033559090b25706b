// EC2 accepts only ASCII letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*` in security group
// descriptions: a Japanese description is rejected at deploy time, so it is rejected here.
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
            security_group alb {
                description: "ロードバランサー",
                ingress: [443 from "0.0.0.0/0" as "HTTPS"],
            }
        }
    };
}
