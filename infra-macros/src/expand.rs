//! The macro's entry point, and the code that rebuilds the checked model at run time.

use infra_core::model::{
    AclAction, AclRule, Environment, FlowLogTraffic, GatewayEndpoint, NatGateways, Network,
    NetworkAcl, Peer, PerEnv, Platform, SecurityGroup, SecurityGroupRule, SubnetTier, TierRole,
};
use infra_core::value::{Cidr, Name, PortRange, Traffic, Zone};
use infra_core::{Diagnostic, ModelPath, Severity};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use std::collections::HashMap;

use crate::cx::Cx;
use crate::{parse, report};

/// Parses, checks and expands a `platform! { ... }` body.
pub fn platform(input: TokenStream) -> TokenStream {
    let mut cx = Cx::default();
    let platform = match parse::parse(input, &mut cx) {
        Ok(platform) => platform,
        Err(error) => return fallback(error.to_compile_error()),
    };
    let mut findings = std::mem::take(&mut cx.value_errors);
    findings.extend(
        infra_core::rules::check(&platform)
            .into_iter()
            .filter(|d| !cx.is_cascade(d)),
    );
    let mut repeats: HashMap<&ModelPath, usize> = HashMap::new();
    let mut located: Vec<(Span, &Diagnostic)> = findings
        .iter()
        .map(|d| {
            let duplicate = d.related.iter().any(|r| r.path == d.path);
            let occurrence = if duplicate {
                *repeats.entry(&d.path).and_modify(|n| *n += 1).or_insert(1)
            } else {
                0
            };
            // A finding that relates a path to itself is about a duplicate: the n-th repeat is
            // reported at the n-th repeated writing of the path.
            (cx.span_of_occurrence(&d.path, occurrence), d)
        })
        .collect();
    // In source order; findings on one token keep validation's order.
    located.sort_by_key(|(span, _)| (span.start().line, span.start().column));
    let reports: TokenStream = located
        .iter()
        .map(|(span, d)| report::emit(&cx, d, *span))
        .collect();
    if findings.iter().any(|d| d.severity == Severity::Error) {
        return fallback(reports);
    }
    let model = platform_expr(&platform);
    quote! {
        {
            #reports
            ::infra::__private::validated(#model)
        }
    }
}

/// The errors, then a stand-in of the right type so that no second error follows.
fn fallback(errors: TokenStream) -> TokenStream {
    quote! {
        {
            #errors
            ::infra::__private::placeholder()
        }
    }
}

fn platform_expr(platform: &Platform) -> TokenStream {
    let name = name(&platform.name);
    let region = platform.region.as_str();
    let network = network_expr(&platform.network);
    let environments = platform.environments.iter().map(environment_expr);
    let acks = platform.acknowledgements.iter().map(|ack| {
        let (code, path, reason) = (&ack.code, ack.path.as_str(), &ack.reason);
        quote!(.acknowledge(#code, #CORE::ModelPath::new(#path), #reason))
    });
    quote! {
        #CORE::model::Platform::new(#name, const { #CORE::value::Region::new_assert(#region) }, #network)
            #(.environment(#environments))*
            #(#acks)*
    }
}

/// The path of `infra_core` as generated code sees it.
struct Core;

const CORE: Core = Core;

impl quote::ToTokens for Core {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(quote!(::infra::__private::infra_core));
    }
}

fn name(name: &Name) -> TokenStream {
    let text = name.as_str();
    quote!(const { #CORE::value::Name::new_assert(#text) })
}

fn zone(zone: &Zone) -> TokenStream {
    let text = zone.as_str();
    quote!(const { #CORE::value::Zone::new_assert(#text) })
}

fn cidr(cidr: &Cidr) -> TokenStream {
    let text = cidr.to_string();
    quote!(const { #CORE::value::Cidr::new_assert(#text) })
}

/// `PerEnv::new(default).with(env, value)...`, each value written by `value`.
fn per_env<T>(setting: &PerEnv<T>, value: impl Fn(&T) -> TokenStream) -> TokenStream {
    let default = value(setting.default_value());
    let overrides = setting.overrides().map(|(env, setting)| {
        let (env, setting) = (name(env), value(setting));
        quote!(.with(#env, #setting))
    });
    quote!(#CORE::model::PerEnv::new(#default) #(#overrides)*)
}

fn environment_expr(env: &Environment) -> TokenStream {
    let name = name(&env.name);
    let zones = env.zones.iter().map(zone);
    let multi_az = env.multi_az;
    quote!(#CORE::model::Environment::new(#name, [#(#zones),*]).multi_az(#multi_az))
}

fn network_expr(network: &Network) -> TokenStream {
    let vpc = per_env(&network.vpc, cidr);
    let nat_gateways = per_env(&network.nat_gateways, |nat| match nat {
        NatGateways::OnePerZone => quote!(#CORE::model::NatGateways::OnePerZone),
        NatGateways::Shared => quote!(#CORE::model::NatGateways::Shared),
        NatGateways::None => quote!(#CORE::model::NatGateways::None),
    });
    let tiers = network.tiers.iter().map(tier_expr);
    let groups = network.security_groups.iter().map(group_expr);
    let acls = network.acls.iter().map(acl_expr);
    let endpoints = network.endpoints.iter().map(|endpoint| match endpoint {
        GatewayEndpoint::S3 => quote!(#CORE::model::GatewayEndpoint::S3),
        GatewayEndpoint::DynamoDb => quote!(#CORE::model::GatewayEndpoint::DynamoDb),
    });
    let interface_endpoints = network.interface_endpoints.iter().map(|endpoints| {
        let tier = name(&endpoints.tier);
        let services = endpoints.services.iter().map(|service| {
            let text = service.as_str();
            quote!(.service(const { #CORE::value::EndpointService::new_assert(#text) }))
        });
        quote!(#CORE::model::InterfaceEndpoints::new(#tier) #(#services)*)
    });
    let flow_logs = network.flow_logs.as_ref().map(|flow_logs| {
        let retention = per_env(&flow_logs.retention, |retention| {
            let days = u64::from(retention.days());
            quote!(const { #CORE::value::RetentionDays::new_assert(#days) })
        });
        let traffic = match flow_logs.traffic {
            FlowLogTraffic::All => quote!(All),
            FlowLogTraffic::Accept => quote!(Accept),
            FlowLogTraffic::Reject => quote!(Reject),
        };
        quote! {
            .flow_logs({
                let mut flow_logs = #CORE::model::FlowLogs::new(#retention);
                flow_logs.traffic = #CORE::model::FlowLogTraffic::#traffic;
                flow_logs
            })
        }
    });
    quote! {
        #CORE::model::Network::new(#vpc)
            #(.tier(#tiers))*
            #(.security_group(#groups))*
            #(.acl(#acls))*
            #(.endpoint(#endpoints))*
            #(.interface_endpoints(#interface_endpoints))*
            #flow_logs
            .nat_gateways(#nat_gateways)
    }
}

fn tier_expr(tier: &SubnetTier) -> TokenStream {
    let name = name(&tier.name);
    let role = match tier.role {
        TierRole::Public => quote!(Public),
        TierRole::Private => quote!(Private),
        TierRole::Isolated => quote!(Isolated),
    };
    let subnets = tier.subnets.iter().map(|subnet| {
        let (zone, cidr) = (zone(&subnet.zone), per_env(&subnet.cidr, cidr));
        quote!(.subnet(#zone, #cidr))
    });
    quote!(#CORE::model::SubnetTier::new(#name, #CORE::model::TierRole::#role) #(#subnets)*)
}

fn group_expr(group: &SecurityGroup) -> TokenStream {
    let name = name(&group.name);
    let description = &group.description;
    let tier = group.tier.as_ref().map(|tier| {
        let tier = self::name(tier);
        quote!(.in_tier(#tier))
    });
    let ingress = group.ingress.iter().map(group_rule_expr);
    let egress = group.egress.iter().map(group_rule_expr);
    quote! {
        #CORE::model::SecurityGroup::new(#name, #description)
            #tier
            #(.ingress(#ingress))*
            #(.egress(#egress))*
    }
}

fn group_rule_expr(rule: &SecurityGroupRule) -> TokenStream {
    let traffic = traffic_expr(&rule.traffic);
    let peer = match &rule.peer {
        Peer::Cidr(block) => {
            let block = cidr(block);
            quote!(#CORE::model::Peer::Cidr(#block))
        }
        Peer::Group(group) => {
            let group = name(group);
            quote!(#CORE::model::Peer::Group(#group))
        }
    };
    let description = rule
        .description
        .as_ref()
        .map(|text| quote!(.described(#text)));
    quote!(#CORE::model::SecurityGroupRule::new(#traffic, #peer) #description)
}

fn traffic_expr(traffic: &Traffic) -> TokenStream {
    let ports = |range: &PortRange| {
        let (from, to) = (range.from(), range.to());
        quote!(const { #CORE::value::PortRange::new_assert(#from, #to) })
    };
    match traffic {
        Traffic::Tcp(range) => {
            let range = ports(range);
            quote!(#CORE::value::Traffic::Tcp(#range))
        }
        Traffic::Udp(range) => {
            let range = ports(range);
            quote!(#CORE::value::Traffic::Udp(#range))
        }
        Traffic::Icmp => quote!(#CORE::value::Traffic::Icmp),
        Traffic::All => quote!(#CORE::value::Traffic::All),
    }
}

fn acl_expr(acl: &NetworkAcl) -> TokenStream {
    let tier = name(&acl.tier);
    let inbound = acl.inbound.iter().map(acl_rule_expr);
    let outbound = acl.outbound.iter().map(acl_rule_expr);
    quote! {
        #CORE::model::NetworkAcl::new(#tier)
            #(.inbound(#inbound))*
            #(.outbound(#outbound))*
    }
}

fn acl_rule_expr(rule: &AclRule) -> TokenStream {
    let number = u32::from(rule.number.get());
    let constructor = match rule.action {
        AclAction::Allow => quote!(allow),
        AclAction::Deny => quote!(deny),
    };
    let traffic = traffic_expr(&rule.traffic);
    let block = per_env(&rule.cidr, cidr);
    quote! {
        #CORE::model::AclRule::#constructor(const { #CORE::value::AclRuleNumber::new_assert(#number) }, #traffic, #block)
    }
}
