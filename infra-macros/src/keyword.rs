//! The DSL's keywords, spelled once so the parser and its messages agree.

pub const NAME: &str = "name";
pub const REGION: &str = "region";
pub const ENVIRONMENTS: &str = "environments";
pub const NETWORK: &str = "network";
pub const PLATFORM_KEYS: &[&str] = &[NAME, REGION, ENVIRONMENTS, NETWORK];

pub const ZONES: &str = "zones";
pub const MULTI_AZ: &str = "multi_az";
pub const ENVIRONMENT_KEYS: &[&str] = &[ZONES, MULTI_AZ];

pub const VPC: &str = "vpc";
pub const SUBNETS: &str = "subnets";
pub const SECURITY_GROUP: &str = "security_group";
pub const NETWORK_ACL: &str = "network_acl";
pub const GATEWAY_ENDPOINTS: &str = "gateway_endpoints";
pub const INTERFACE_ENDPOINTS: &str = "interface_endpoints";
pub const FLOW_LOGS: &str = "flow_logs";
pub const NAT_GATEWAYS: &str = "nat_gateways";
pub const NETWORK_KEYS: &[&str] = &[
    VPC,
    SUBNETS,
    NAT_GATEWAYS,
    SECURITY_GROUP,
    NETWORK_ACL,
    GATEWAY_ENDPOINTS,
    INTERFACE_ENDPOINTS,
    FLOW_LOGS,
];

pub const ONE_PER_ZONE: &str = "one_per_zone";
pub const SHARED: &str = "shared";
pub const NONE: &str = "none";
pub const NAT_STRATEGIES: &[&str] = &[ONE_PER_ZONE, SHARED, NONE];

pub const PUBLIC: &str = "public";
pub const PRIVATE: &str = "private";
pub const ISOLATED: &str = "isolated";
pub const TIER_ROLES: &[&str] = &[PUBLIC, PRIVATE, ISOLATED];

pub const DESCRIPTION: &str = "description";
pub const TIER: &str = "tier";
pub const INGRESS: &str = "ingress";
pub const EGRESS: &str = "egress";
pub const GROUP_KEYS: &[&str] = &[DESCRIPTION, TIER, INGRESS, EGRESS];

pub const INBOUND: &str = "inbound";
pub const OUTBOUND: &str = "outbound";
pub const ACL_KEYS: &[&str] = &[INBOUND, OUTBOUND];

pub const FROM: &str = "from";
pub const TO: &str = "to";
pub const ALLOW: &str = "allow";
pub const DENY: &str = "deny";
pub const TCP: &str = "tcp";
pub const UDP: &str = "udp";
pub const ICMP: &str = "icmp";
pub const ALL: &str = "all";

pub const S3: &str = "s3";
pub const DYNAMODB: &str = "dynamodb";
pub const ENDPOINTS: &[&str] = &[S3, DYNAMODB];

pub const SERVICES: &str = "services";
pub const INTERFACE_ENDPOINT_KEYS: &[&str] = &[TIER, SERVICES];

pub const RETENTION: &str = "retention";
pub const TRAFFIC: &str = "traffic";
pub const FLOW_LOG_KEYS: &[&str] = &[RETENTION, TRAFFIC];
pub const ACCEPT: &str = "accept";
pub const REJECT: &str = "reject";
pub const FLOW_LOG_TRAFFIC: &[&str] = &[ALL, ACCEPT, REJECT];

pub const REASON: &str = "reason";

/// The scrutinee of a per-environment value: `match env { ... }`.
pub const ENV: &str = "env";
