// A database whose log groups the stack creates (it states their retention) gets instance
// identifiers `<platform>-<environment>-<name>`: here a replica's is longer than RDS's 63
// characters.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: true }
            staging { zones: ["ap-northeast-1a", "ap-northeast-1c"] }
        }
        network {
            vpc: "10.0.0.0/16",
            subnets {
                public { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1c": "10.0.2.0/24" }
                private { "ap-northeast-1a": "10.0.11.0/24", "ap-northeast-1c": "10.0.12.0/24" }
                isolated database { "ap-northeast-1a": "10.0.21.0/24", "ap-northeast-1c": "10.0.22.0/24" }
            }
            security_group application { tier: private, egress: [all to "0.0.0.0/0"] }
            security_group database { tier: database, ingress: [5432 from application] }
        }
        database {
            #[allow(database-single-az, reason = "staging runs single-AZ to save cost")]
            postgres main_datasets_of_the_research_department_archive {
                engine_version: "14.23",
                instance_class: match env { production => "db.r5.large", _ => "db.t4g.medium" },
                storage: { size: 1000 },
                multi_az: match env { production => true, _ => false },
                tier: database,
                security_groups: [database],
                backup: { retention: 7d, window: "18:00-19:00" },
                maintenance_window: "sun:19:00-sun:20:00",
                log_exports: ["postgresql"],
                log_retention: 30d,
                #[allow(replica-encryption-inherited, reason = "the replicas inherit the primary's encryption")]
                replicas: { count: match env { production => 2, _ => 0 } },
                snapshots: { keep: 30d },
                master_password: secret { rotation: 30d, tier: private, security_groups: [application] },
            }
        }
    };
}
