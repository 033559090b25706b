use crate::value::{EndpointService, Name};

/// Interface VPC endpoints (AWS PrivateLink) in one tier: for each service, a network interface
/// in the tier's subnet of every zone, with private DNS, so that workloads reach the service
/// without a NAT gateway.
///
/// ```
/// use infra_core::model::InterfaceEndpoints;
/// use infra_core::value::{EndpointService, Name};
///
/// let endpoints = InterfaceEndpoints::new(Name::new_assert("private"))
///     .service(EndpointService::new_assert("ecr.api"))
///     .service(EndpointService::new_assert("logs"));
/// assert_eq!(endpoints.services.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InterfaceEndpoints {
    /// The tier whose subnets hold the endpoints' network interfaces.
    pub tier: Name,
    /// The services, by the service part of `com.amazonaws.<region>.<service>`.
    pub services: Vec<EndpointService>,
}

impl InterfaceEndpoints {
    /// No endpoints yet, in `tier`.
    pub fn new(tier: Name) -> InterfaceEndpoints {
        InterfaceEndpoints {
            tier,
            services: Vec::new(),
        }
    }

    /// Adds an endpoint for `service`.
    pub fn service(mut self, service: EndpointService) -> InterfaceEndpoints {
        self.services.push(service);
        self
    }
}
