//! The reference design (`shared/seed/infrastructure-design.ja.md`), as far as the project models
//! it today: the environments, the network, batch, compute (with the worker's queue), the load
//! balancer, the database, the cache, the storage, monitoring and security (WAF, IAM and secrets), with the
//! seed's two network ACL mistakes, its two batch mistakes, its compute mistakes (`latest` image
//! tags, a scheduled `desired`), its TLS policy, its database mistakes (engine version, gp3
//! performance, the `audit` log), its cache mistakes (3 nodes for 2 x (1 + 1), `appendonly` on
//! Redis 6.0) and its security mistakes (the `waf` log group, the policy names) corrected.
//!
//! `cargo run --example production` prints the production template;
//! `cargo run --example production -- --env staging` (or `development`) another environment's;
//! `--compact` prints it without whitespace, the smallest body to deploy.

use infra::model::Platform;
use infra::{platform, Validated};

/// The seed's platform. Where it differs from the seed, a comment says why.
pub fn design() -> Validated<Platform> {
    platform! {
        name: "datasets",
        region: "ap-northeast-1",

        // Seed §2.1. Staging and development list only ap-northeast-1a in the seed, but every
        // tier needs a subnet in each zone of an environment, and the database tier needs two
        // zones for its DB subnet group (`database-single-zone`): they use both zones, single-AZ.
        environments {
            production  { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: true }
            staging     { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: false }
            development { zones: ["ap-northeast-1a", "ap-northeast-1c"], multi_az: false }
        }

        // Seed §4.1 and §6.1 (flow logs, endpoints). Not in the seed: staging gets its own address
        // block, so it can be peered with production (for data copies) without overlapping.
        network {
            vpc: match env { staging => "10.1.0.0/16", _ => "10.0.0.0/16" },
            // Production keeps each zone independent; staging and development share one gateway.
            nat_gateways: match env { production => one_per_zone, _ => shared },

            subnets {
                public {
                    "ap-northeast-1a": match env { staging => "10.1.1.0/24", _ => "10.0.1.0/24" },
                    "ap-northeast-1c": match env { staging => "10.1.2.0/24", _ => "10.0.2.0/24" },
                }
                private {
                    "ap-northeast-1a": match env { staging => "10.1.11.0/24", _ => "10.0.11.0/24" },
                    "ap-northeast-1c": match env { staging => "10.1.12.0/24", _ => "10.0.12.0/24" },
                }
                isolated database {
                    "ap-northeast-1a": match env { staging => "10.1.21.0/24", _ => "10.0.21.0/24" },
                    "ap-northeast-1c": match env { staging => "10.1.22.0/24", _ => "10.0.22.0/24" },
                }
            }

            security_group alb {
                description: "Application load balancer",
                ingress: [443 from "0.0.0.0/0" as "HTTPS"],
                egress: [all to "0.0.0.0/0"],
            }
            security_group application {
                description: "API and worker tasks",
                tier: private,
                ingress: [8080 from alb as "API"],
                egress: [all to "0.0.0.0/0"],
            }
            security_group database {
                description: "PostgreSQL",
                tier: database,
                ingress: [
                    5432 from application as "PostgreSQL",
                    5432 from password_rotation as "Password rotation",
                ],
                egress: [all to "0.0.0.0/0"],
            }
            // Not in the seed: the function that rotates the database's master password (seed §6.1
            // `secrets.rotation.database`) reaches PostgreSQL and, over HTTPS, Secrets Manager.
            security_group password_rotation {
                description: "Database password rotation",
                tier: private,
                egress: [5432 to database as "PostgreSQL", 443 to "0.0.0.0/0" as "Secrets Manager"],
            }
            // Not in the seed: the Redis cluster's nodes share the isolated database tier (no
            // route to the internet, the same two zones as PostgreSQL), and admit only the
            // application's tasks on Redis's port. They open no connections, so no egress.
            security_group cache {
                description: "Redis",
                tier: database,
                ingress: [6379 from application as "Redis"],
            }

            // The seed allows only 443 in: NAT gateway replies (ports 1024-65535) would be dropped,
            // since network ACLs are stateless (`public-acl-blocks-return-traffic`), and so would
            // the load balancer's targets' replies and health checks
            // (`load-balancer-acl-blocks-traffic`). Rule 110 lets them in.
            network_acl public {
                inbound: [
                    100 allow 443 from "0.0.0.0/0",
                    110 allow 1024..=65535 from "0.0.0.0/0",
                ],
                outbound: [100 allow all to "0.0.0.0/0"],
            }
            // The seed allows only the VPC in: replies through the NAT gateway keep their internet
            // source address and would be dropped. Rule 110 lets them in, as AWS recommends.
            // `vpc` is each environment's own VPC block.
            network_acl private {
                inbound: [
                    100 allow all from vpc,
                    110 allow 1024..=65535 from "0.0.0.0/0",
                ],
                outbound: [100 allow all to "0.0.0.0/0"],
            }

            gateway_endpoints: [s3, dynamodb],
            // Not in the seed: the tasks' calls to AWS (pulling images from ECR, whose layers come
            // through the S3 endpoint; shipping logs; reading secrets; getting role credentials)
            // stay inside the VPC instead of depending on the NAT gateways.
            interface_endpoints {
                tier: private,
                services: [ecr.api, ecr.dkr, logs, secretsmanager, sts],
            }
            // Encrypted with the design's `logs` key (checkov CKV_AWS_158).
            flow_logs { retention: 30d, traffic: all, kms_key: logs }
        }

        // Seed §3.1 (`batch`). Not in the seed: staging runs at most 16 vCPUs of batch jobs.
        batch {
            // Seed §7.1 `logging.application`: the `batch` log group keeps 30 days, encrypted with
            // the `logs` key. The seed defines no job definitions: those submitted to the queues
            // log to it through the output `BatchJobsLogGroupName`.
            log_retention: 30d,
            log_kms_key: logs,
            compute_environment fargate {
                type: fargate,
                max_vcpus: match env { staging => 16, _ => 100 },
                // The seed's `private-1` and `private-2`: the private tier's subnets.
                subnets: [private],
                security_groups: [application],
            }
            // The seed sends its queues to `high-performance`, `standard` and `cost-optimized`,
            // which it never defines (`unknown-compute-environment`): all three use the one Fargate
            // environment. The seed gives `high_priority` 1 and `low_priority` 3, but AWS Batch
            // schedules the higher number first (`job-queue-priority-inverted`): they are swapped.
            job_queue high_priority { priority: 3, compute_environments: [fargate] }
            job_queue default { priority: 2, compute_environments: [fargate] }
            job_queue low_priority { priority: 1, compute_environments: [fargate] }
        }

        // Seed §3.1 (`application`), the containers of `ComputingResources` and `auto_scaling`.
        // Not in the seed: staging and development run fewer tasks.
        compute {
            // The queue the seed's worker scales on. The seed gives it no settings: a job gets 5
            // minutes before another task may receive it, unread jobs are kept SQS's default 4
            // days, and a job received 5 times is set aside for 14 days (longer than the queue,
            // since SQS counts from the original enqueue time: `dead-letter-retention-not-longer`).
            queue jobs {
                visibility_timeout: 5min,
                retention: 4d,
                dead_letter: { max_receives: 5, retention: 14d },
                // Not in the seed: the queue and its dead-letter queue under the `queue` key.
                kms_key: queue,
            }
            service api {
                // The seed runs `api-server:latest`, whose tasks drift with every push
                // (`image-tag-latest`): pinned to a release tag.
                image: "api-server:1.0.0",
                cpu: 1024,
                memory: 2048,
                port: 8080,
                environment: { "PORT": "8080" },
                // Not in the seed: it keeps API keys in Secrets Manager but never says who reads
                // them. The api does, as `API_KEYS`: ECS reads the secret with the service's
                // execution role when it starts a task.
                secrets: { "API_KEYS": api_keys },
                // The seed's application logs keep 30 days, encrypted with the `logs` key.
                log_retention: 30d,
                log_kms_key: logs,
                tier: private,
                security_groups: [application],
                // Not written in the seed, but implied by the worker's queue: the api produces
                // the jobs the worker consumes. Its container gets the queue's URL as
                // `JOBS_QUEUE_URL`.
                sends_to: [jobs],
                // The seed's application role (§6.1 `access_control.iam.roles`): the task role
                // is the security section's `application`, which also gets the grant on `jobs`.
                role: application,
                capacity: match env {
                    production => { min: 2, desired: 4, max: 10 },
                    _ => { min: 1, desired: 1, max: 2 },
                },
                scaling {
                    cpu: { target: 70, scale_in_cooldown: 300s, scale_out_cooldown: 60s },
                    memory: { target: 80, scale_in_cooldown: 300s, scale_out_cooldown: 60s },
                    // The seed's schedules also set `desired: 6` and `desired: 3`, which a
                    // scheduled action cannot (`scheduled-desired-capacity`): only min and max.
                    // The seed gives no times: weekdays from 08:00, weekends from Saturday 00:00.
                    schedule weekday {
                        schedule: "cron(0 8 ? * MON-FRI *)",
                        time_zone: "Asia/Tokyo",
                        min: match env { production => 4, _ => 1 },
                        max: match env { production => 10, _ => 2 },
                    },
                    schedule weekend {
                        schedule: "cron(0 0 ? * SAT *)",
                        time_zone: "Asia/Tokyo",
                        min: match env { production => 2, _ => 1 },
                        max: match env { production => 6, _ => 2 },
                    },
                }
            }
            service worker {
                // The seed runs `worker:latest` (`image-tag-latest`): the deployment pipeline
                // passes the release tag as the template parameter `ServiceWorkerImageTag`.
                image: { repository: "worker", tag: parameter },
                cpu: 2048,
                memory: 4096,
                log_retention: 30d,
                log_kms_key: logs,
                tier: private,
                security_groups: [application],
                consumes: jobs,
                // The seed's application role, as for `api`.
                role: application,
                capacity: match env {
                    production => { min: 1, desired: 2, max: 10 },
                    _ => { min: 1, desired: 1, max: 2 },
                },
                // The seed's `queue_threshold: 1000` and `cooldown: 300`: tasks are added while
                // more than 1000 messages wait, and removed once the queue has drained.
                scaling {
                    queue_depth: { threshold: 1000, cooldown: 300s },
                }
            }
        }

        // Seed §4 `load_balancer`: an internet-facing ALB in the public subnets, HTTPS on 443.
        load_balancer {
            alb web {
                scheme: internet_facing,
                tier: public,
                security_groups: [alb],
                // The seed's `ELBSecurityPolicy-2016-08` also accepts TLS 1.0 and 1.1, below the
                // security section's `minimum_tls` (`tls-policy-below-minimum`): the TLS 1.2 and
                // 1.3 policy AWS recommends.
                ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                // Not in the seed: access logs (checkov CKV_AWS_91) to the SSE-S3 log bucket of
                // `storage`, under `web/` (ELB delivers none to SSE-KMS buckets,
                // `load-balancer-log-bucket-with-kms`); its policy admits ELB's log delivery.
                access_logs: access_logs,
                // The seed's listener takes one certificate (§4), and §6.1 names two, `api` and
                // `console`, for the one load balancer: `api` is the default, `console` is served
                // to clients asking for its name (SNI). Their ARNs are template parameters.
                certificates: [api, console],
                // The seed listens on 443 only. `redirect_http: true` would add an HTTP listener
                // that redirects to HTTPS; group `alb` and the public ACL would then have to let
                // port 80 in (`load-balancer-listener-unreachable`, `load-balancer-acl-blocks-traffic`).
                // The seed's port 8080 is service `api`'s container port, which the target takes.
                target_group api {
                    service: api,
                    health_check: { path: "/health", interval: 30s, timeout: 5s, healthy: 2, unhealthy: 3 },
                },
            }
        }

        // Seed §2.1 and §5.1 `database`, §6.1 `encryption.at_rest.database` and
        // `secrets.rotation.database`, §7.1 `logging.database`. Not in the seed: staging and
        // development run a smaller class, single-AZ, without replicas.
        database {
            #[allow(database-single-az, reason = "staging and development run without a standby to save cost; production is multi-AZ")]
            postgres main {
                // The seed's `PostgreSQL 14.0` does not exist on RDS (`invalid-engine-version`):
                // a 14 minor that RDS creates.
                engine_version: "14.23",
                instance_class: match env { production => "db.r5.large", _ => "db.t4g.medium" },
                // The seed provisions 3000 IOPS and 125 MiB/s on 1000 GiB of gp3, below the 12,000
                // IOPS and 500 MiB/s that gp3 gives from 400 GiB (`invalid-database-storage`): the
                // baseline, which costs nothing extra, is kept.
                storage: { size: 1000 },
                multi_az: match env { production => true, _ => false },
                tier: database,
                security_groups: [database],
                // The seed's window `03:00-04:00` read as Tokyo time: RDS windows are UTC. The
                // seed's 30 daily snapshots are `snapshots` below (AWS Backup).
                backup: { retention: 7d, window: "18:00-19:00" },
                // Not in the seed: Monday 04:00-05:00 in Tokyo, after the backups.
                maintenance_window: "sun:19:00-sun:20:00",
                // The seed's `audit` log is MySQL's, MariaDB's and Oracle's, not PostgreSQL's
                // (`invalid-log-export`): PostgreSQL audits through pgAudit, into `postgresql`.
                log_exports: ["postgresql", "upgrade"],
                // The seed's §7.1 `logging.database` keeps 30 days: the stack makes the log groups
                // (encrypted with the `logs` key) before the instances, so it names the instances
                // `datasets-<environment>-main` (`db-instance-identifier-too-long`).
                log_retention: 30d,
                log_kms_key: logs,
                // The seed's `encryption.at_rest.database.kms_key`: the `database` key.
                kms_key: database,
                // The seed's replicas repeat its storage (1000 GiB, 3000 IOPS), rejected like the
                // primary's (`invalid-database-storage`): they take the primary's.
                #[allow(replica-encryption-inherited, reason = "the replicas inherit the primary's encryption with its key; CloudFormation forbids restating it on a replica")]
                replicas: { count: match env { production => 2, _ => 0 } },
                snapshots: { keep: 30d },
                // The seed rotates the password every 30 days. RDS's own managed password cannot
                // have read replicas (`managed-password-with-replicas`): the stack's own secret,
                // rotated by AWS's hosted function from the private tier.
                master_password: secret { rotation: 30d, tier: private, security_groups: [password_rotation] },
            }
        }

        // Seed §2.1 and §5.1 `cache`, §6.1 `encryption.at_rest.cache` and `in_transit`.
        cache {
            redis main {
                engine_version: "6.0",
                // Not in the seed: staging and development run one small node per shard.
                node_type: match env { production => "cache.r5.large", _ => "cache.t3.medium" },
                shards: 2,
                replicas_per_shard: match env { production => 1, _ => 0 },
                // The seed declares 3 nodes for 2 shards of a primary and a replica, which make
                // 2 x (1 + 1) = 4 (`cache-node-count-mismatch`).
                nodes: match env { production => 4, _ => 2 },
                // Multi-AZ follows each environment's `multi_az`: production fails over to a
                // replica in the other zone; staging and development have none to fail over to.
                // The seed sets `appendonly: yes`, which ElastiCache does not support on Redis
                // 6.0 (`redis-appendonly-unsupported`): durability comes from the replicas in the
                // other zone and the daily snapshots instead.
                parameters: { "maxmemory-policy": "volatile-lru" },
                // The seed's `AES-256` with a KMS key: encrypted at rest with the section's key,
                // and in transit with TLS, as the security section's `minimum_tls` requires
                // (`cache-without-tls`), clients presenting a generated AUTH token.
                encryption: { at_rest: true, in_transit: true },
                // The seed's `encryption.at_rest.cache.kms_key`: the `cache` key.
                kms_key: cache,
                // Not in the seed: a week of daily snapshots.
                snapshot_retention: 7d,
                tier: database,
                security_groups: [cache],
            }
        }

        // Seed §5.1 `storage.object` and §7 `object.buckets`: S3 buckets, each named
        // `<platform>-<environment>-<bucket>-<account id>-<region>` (`invalid-bucket-name`).
        storage {
            bucket datasets {
                // The seed's `class: 'STANDARD'` is no bucket setting either (`bucket-storage-class`):
                // objects are STANDARD unless their upload names another class.
                versioning: true,
                // The seed's `encryption: 'AES-256'` with a `kms_key` (§6) is contradictory:
                // SSE-S3 takes no key (`kms-key-without-kms-encryption`). SSE-KMS, with the
                // seed's `encryption.at_rest.storage.kms_key`: the `storage` key.
                encryption: kms,
                kms_key: storage,
                access_logs: access_logs,
                lifecycle: [
                    after 30d => STANDARD_IA,
                    after 90d => GLACIER,
                    expire 365d,
                    // Versioned, the seed kept every old version forever
                    // (`noncurrent-versions-kept`).
                    noncurrent_expire 90d,
                    abort_uploads 7d,
                ],
            }
            bucket backups {
                versioning: true,
                // `AES-256` with a `kms_key`, as above (`kms-key-without-kms-encryption`).
                encryption: kms,
                kms_key: storage,
                access_logs: access_logs,
                // The seed's `class: STANDARD_IA` is no bucket setting (`bucket-storage-class`):
                // backups move to STANDARD_IA at 30 days, the earliest S3 allows
                // (`infrequent-access-too-early`), and expire at 90 as in the seed. Versioned, old
                // versions expire too (`noncurrent-versions-kept`).
                lifecycle: [after 30d => STANDARD_IA, expire 90d, noncurrent_expire 30d, abort_uploads 7d],
            }
            // Not in the seed: the buckets' server access logs (checkov CKV_AWS_18).
            #[allow(bucket-without-access-logs, reason = "this is the access-log bucket: logging it into itself would log each delivery of its own logs")]
            bucket access_logs {
                versioning: true,
                // S3 delivers server access logs only to SSE-S3 buckets (`access-log-bucket-with-kms`).
                encryption: aes256,
                // Seed §7.1 `logging.access`: the load balancer's access logs keep 90 days.
                lifecycle: [expire 90d, noncurrent_expire 30d, abort_uploads 7d],
            }
        }

        // Seed §7.1 `metrics` and `alerts`. The seed's `logging` groups are owned by the sections
        // that write them (the services' logs in `compute`, the flow log in `network`).
        monitoring {
            // The seed's `alerts@example.com`: the address is a template parameter.
            email oncall,
            slack team { channel: match env { production => "#alerts-prod", _ => "#alerts-staging" } }
            // The seed's `arn:aws:sns:...`: the topic's ARN is a template parameter.
            sns pager,
            // The seed's response times: 15 minutes and 4 hours.
            // Not in the seed: the topics are encrypted with the `alerts` key.
            severity critical { response: 15min, channels: [team, pager], kms_key: alerts }
            severity warning { response: 4h, channels: [oncall, team], kms_key: alerts }

            // The seed gives no severity per metric: user-facing latency and running out of
            // storage are critical, the rest a warning.
            alarm api_cpu { metric: service_cpu(api), above: 70%, period: 300s, evaluations: 2, severity: warning }
            alarm api_memory { metric: service_memory(api), above: 80%, period: 300s, evaluations: 2, severity: warning }
            alarm worker_cpu { metric: service_cpu(worker), above: 70%, period: 300s, evaluations: 2, severity: warning }
            alarm worker_memory { metric: service_memory(worker), above: 80%, period: 300s, evaluations: 2, severity: warning }
            // The seed's latency threshold `1000` has no unit, and TargetResponseTime is in
            // seconds (`threshold-without-unit`): 1000 ms, lowered to 1.0 s.
            alarm web_latency { metric: load_balancer_latency(web), above: 1000ms, period: 300s, evaluations: 2, severity: critical }
            alarm database_cpu { metric: database_cpu(main), above: 80%, period: 300s, evaluations: 2, severity: warning }
            alarm database_connections { metric: database_connections(main), above: 1000, period: 300s, evaluations: 2, severity: warning }
            // The seed's storage threshold `80` has no unit, and FreeStorageSpace is in bytes
            // (`threshold-without-unit`): 80% used is 20% of the 1000 GiB free, lowered to bytes.
            alarm database_storage { metric: database_free_storage(main), below: 20%, period: 300s, evaluations: 2, severity: critical }
            // The seed's cache thresholds (80, 80, 1000) are kept; its "cpu" is read as Redis's
            // EngineCPUUtilization, since the host's CPUUtilization of a 2-vCPU cache.r5.large
            // stays near 50% while the single Redis thread is saturated. ElastiCache publishes
            // per node: each alarm watches every node of `main` (4 in production, 2 elsewhere).
            alarm cache_cpu { metric: cache_cpu(main), above: 80%, period: 300s, evaluations: 2, severity: warning }
            alarm cache_memory { metric: cache_memory(main), above: 80%, period: 300s, evaluations: 2, severity: warning }
            alarm cache_connections { metric: cache_connections(main), above: 1000, period: 300s, evaluations: 2, severity: warning }
        }

        // Seed §6.1 `encryption.in_transit`, `network.waf`, `access_control.iam` and
        // `access_control.secrets`, §7.1 `logging.access` (the `waf` group).
        security {
            // Seed §6.1 `encryption.in_transit.protocol: 'TLS 1.2'`: the load balancer's policy,
            // the cache's in-transit encryption, the database's `rds.force_ssl` and
            // `ssl_min_protocol_version` and the buckets' policies follow it.
            minimum_tls: "1.2",
            // Seed §6.1 `encryption.at_rest`: its `kms_key: 'arn:aws:kms:...'` ARNs (database,
            // cache, storage) become keys of the design, named by what they encrypt
            // (`unknown-kms-key`), each rotated yearly; not in the seed, keys for the logs, the
            // queue, the alert topics and the secrets. A key nothing names costs $1 a month
            // (`unused-kms-key`).
            kms_key database {}
            kms_key cache {}
            kms_key storage {}
            kms_key logs {}
            kms_key queue {}
            kms_key alerts {}
            kms_key secrets {}
            web_acl api {
                load_balancer: web,
                // The seed's 2000 requests per 300 s, per client IP address.
                rule rate_limit { priority: 1, rate_limit: { limit: 2000, window: 300s } },
                // The seed's `sql_injection` and `xss` with `action: block`: AWS's managed groups,
                // whose own rules block, take an override action instead of an action (writing
                // `action` is an error). There is no XSS group: the core rule set covers XSS.
                rule sql_injection { priority: 2, managed: sql_injection },
                rule xss { priority: 3, managed: common },
                // Not in the seed: the known-bad-inputs group blocks the Log4j exploit
                // (`waf-without-known-bad-inputs`).
                rule known_bad_inputs { priority: 4, managed: known_bad_inputs },
                // The seed's `waf` log group (`invalid-waf-log-group`): AWS WAF logs only to groups
                // named `aws-waf-logs-...`, so the stack names it
                // `aws-waf-logs-datasets-<environment>-api`. The seed's 90 days; tokens kept out.
                logging: { retention: 90d, kms_key: logs, redact_headers: ["authorization", "cookie"] },
            }
            // The seed's `AmazonS3ReadOnly` and `AmazonRDSReadOnly` do not exist
            // (`unknown-managed-policy`): their real names. AmazonRDSReadOnlyAccess reads RDS's
            // API only; not in the seed, `connect` lets the role read database `main`'s
            // credentials (its secret, and its key through Secrets Manager only). Services `api`
            // and `worker` assume it. AmazonS3ReadOnlyAccess reads every bucket of the account;
            // no rule warns on a read-only policy, so the seed's choice is kept (`read: [datasets]`
            // would narrow it to the one bucket).
            role application {
                trust: ecs_tasks,
                policies: ["AmazonS3ReadOnlyAccess", "AmazonRDSReadOnlyAccess"],
                connect: [main],
            }
            // The seed's `AmazonS3FullAccess` and `AmazonRDSFullAccess` administer every bucket and
            // every database of the account (`workload-full-access`). Batch jobs read and write
            // the datasets and write the backups: `read` and `write` grant exactly that on those
            // two buckets. They connect to PostgreSQL with its secret (`connect`) and need no RDS
            // API, so `AmazonRDSFullAccess` is left out. The stack defines no job definitions: the role's
            // ARN is the output `WorkloadRoleBatchArn`, for the jobs submitted outside it.
            role batch {
                trust: ecs_tasks,
                connect: [main],
                read: [datasets],
                write: [datasets, backups],
            }
            // The seed's `Administrators` and `Developers`, with `mfa: true`: every group requires
            // MFA. The seed gives them no policies; administrators administer, developers read.
            group administrators { policies: ["AdministratorAccess"] }
            group developers { policies: ["ReadOnlyAccess"] }
            user admin { groups: [administrators] }
            user developer { groups: [developers] }
            // Seed §6.1 `access_control.secrets`: the API keys in Secrets Manager, rotated every
            // 90 days (`rotation.api_keys`; 1-1000 days, `invalid-secret-rotation`). AWS hosts
            // rotation functions only for database credentials, so the team's own Lambda
            // function rotates them: the deployment passes its ARN as the template parameter
            // `RotationFunctionApiKeysArn`.
            secret api_keys { kms_key: secrets, rotation: { every: 90d, function: parameter } }
        }
    }
}

#[allow(dead_code)] // Unused where the tests include this file for `design`.
fn main() {
    let usage = || -> ! {
        eprintln!("usage: production [--env <environment>] [--compact]");
        std::process::exit(2);
    };
    let mut environment = "production".to_owned();
    let mut compact = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--env" => environment = args.next().unwrap_or_else(|| usage()),
            "--compact" => compact = true,
            _ => usage(),
        }
    }
    let template = match infra::aws::synth(&design(), &environment) {
        Ok(template) => template,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };
    if !template.fits_inline() {
        eprintln!(
            "note: the `{environment}` template is {} bytes without whitespace, above the {} bytes \
             CloudFormation accepts inline; deploy it through S3 with \
             `aws cloudformation deploy --s3-bucket <bucket> --template-file <file> --stack-name <name>`",
            template.to_compact_json().len(),
            infra::aws::INLINE_BODY_LIMIT
        );
    }
    if compact {
        println!("{}", template.to_compact_json());
    } else {
        print!("{}", template.to_json());
    }
}
