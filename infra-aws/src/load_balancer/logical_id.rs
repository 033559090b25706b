//! The logical ids of the load balancer section's resources.

use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `LoadBalancer<Name>`
pub(crate) fn load_balancer(name: &Name) -> LogicalId {
    LogicalId::new(["LoadBalancer", &name.pascal_case()])
}

/// `LoadBalancer<Name>CertificateArn`, or `LoadBalancer<Name>Certificate<Certificate>Arn` for a
/// named one: an HTTPS listener's certificate, a parameter.
pub(crate) fn certificate(name: &Name, certificate: Option<&Name>) -> LogicalId {
    match certificate {
        Some(certificate) => LogicalId::new([
            "LoadBalancer",
            &name.pascal_case(),
            "Certificate",
            &certificate.pascal_case(),
            "Arn",
        ]),
        None => LogicalId::new(["LoadBalancer", &name.pascal_case(), "CertificateArn"]),
    }
}

/// `LoadBalancer<Name>Certificate<Certificate>`: a certificate the HTTPS listener serves besides
/// its default.
pub(crate) fn listener_certificate(name: &Name, certificate: &Name) -> LogicalId {
    LogicalId::new(["LoadBalancer", &name.pascal_case(), "Certificate", &certificate.pascal_case()])
}

/// `LoadBalancer<Name>HttpsListener`
pub(crate) fn https_listener(name: &Name) -> LogicalId {
    LogicalId::new(["LoadBalancer", &name.pascal_case(), "HttpsListener"])
}

/// `LoadBalancer<Name>HttpListener`: redirects to HTTPS.
pub(crate) fn http_listener(name: &Name) -> LogicalId {
    LogicalId::new(["LoadBalancer", &name.pascal_case(), "HttpListener"])
}

/// `LoadBalancer<Name>DnsName`: the output.
pub(crate) fn dns_name(name: &Name) -> LogicalId {
    LogicalId::new(["LoadBalancer", &name.pascal_case(), "DnsName"])
}

/// `TargetGroup<LoadBalancer><Name>`
pub(crate) fn target_group(lb: &Name, name: &Name) -> LogicalId {
    LogicalId::new(["TargetGroup", &lb.pascal_case(), &name.pascal_case()])
}

/// `ListenerRule<LoadBalancer><TargetGroup>`: the HTTPS listener's rule for a routed target group.
pub(crate) fn listener_rule(lb: &Name, target: &Name) -> LogicalId {
    LogicalId::new(["ListenerRule", &lb.pascal_case(), &target.pascal_case()])
}
