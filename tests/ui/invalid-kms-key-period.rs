// A KMS key rotated every 30 days and deleted after 45: KMS rotates every 90-2560 days and
// waits 7-30 days before a deletion.
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
                public { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1c": "10.0.2.0/24" }
                private { "ap-northeast-1a": "10.0.11.0/24", "ap-northeast-1c": "10.0.12.0/24" }
            }
            security_group alb { ingress: [443 from "0.0.0.0/0"], egress: [all to "0.0.0.0/0"] }
            security_group application { ingress: [8080 from alb], egress: [all to "0.0.0.0/0"] }
        }
        compute {
            service api {
                image: "api-server:1.0.0",
                cpu: 1024,
                memory: 2048,
                port: 8080,
                log_retention: 30d,
                tier: private,
                security_groups: [application],
                capacity: { min: 2, desired: 4, max: 10 },
            }
        }
        load_balancer {
            #[allow(load-balancer-without-access-logs, reason = "no log bucket in this case")]
            alb web {
                scheme: internet_facing,
                tier: public,
                security_groups: [alb],
                ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                target_group api {
                    service: api,
                    health_check: { path: "/health", interval: 30s, timeout: 5s, healthy: 2, unhealthy: 3 },
                },
            }
        }
        security {
            minimum_tls: "1.2",
            kms_key logs { rotation_period: 30d, deletion_window: 45d }
            web_acl api {
                load_balancer: web,
                rule rate_limit { priority: 1, rate_limit: { limit: 2000, window: 300s } },
                rule sql_injection { priority: 2, managed: sql_injection },
                rule xss { priority: 3, managed: common },
                rule known_bad_inputs { priority: 4, managed: known_bad_inputs },
                logging: { retention: 90d, kms_key: logs },
            }
        }
    };
}
