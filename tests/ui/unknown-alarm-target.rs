// The alarm watches a service the design does not have.
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
                public { "ap-northeast-1a": "10.0.1.0/24", "ap-northeast-1c": "10.0.2.0/24" }
                private { "ap-northeast-1a": "10.0.11.0/24", "ap-northeast-1c": "10.0.12.0/24" }
                isolated database { "ap-northeast-1a": "10.0.21.0/24", "ap-northeast-1c": "10.0.22.0/24" }
            }
            security_group alb { ingress: [443 from "0.0.0.0/0"], egress: [all to "0.0.0.0/0"] }
            security_group application { ingress: [8080 from alb], egress: [all to "0.0.0.0/0"] }
            security_group database { tier: database, ingress: [5432 from application] }
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
        security { minimum_tls: "1.2" }
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
        database {
            postgres main {
                engine_version: "14.23",
                instance_class: "db.r5.large",
                storage: { size: 1000 },
                multi_az: true,
                tier: database,
                security_groups: [database],
                backup: { retention: 7d, window: "18:00-19:00" },
                maintenance_window: "sun:19:00-sun:20:00",
                master_password: secret { rotation: 30d, tier: private, security_groups: [application] },
            }
        }
        monitoring {
            email oncall,
            slack alerts { channel: "#alerts-prod" }
            sns pager,
            severity critical { response: 15min, channels: [alerts, pager] }
            severity warning { response: 4h, channels: [oncall, alerts] }
            alarm api_cpu { metric: service_cpu(apii), above: 70%, period: 300s, evaluations: 2, severity: warning }
        }
    };
}
