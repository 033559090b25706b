//! Gateway VPC endpoints (S3, DynamoDB).

use infra_core::model::{path, GatewayEndpoint, TierRole};

use super::logical_id;
use crate::context::State;
use crate::intrinsic::{Expr, Pseudo};
use crate::logical_id::LogicalId;
use crate::stack::Stack;
use crate::template::{Resource, Template};

use super::routing;

/// Adds each gateway endpoint, attached to the private tiers' route tables, or to the isolated
/// tiers' when there is no private tier. A network with neither has no table an endpoint could
/// serve (public tiers reach S3 and DynamoDB through the internet gateway), so it gets none.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template) {
    let tables = endpoint_route_tables(stack);
    if tables.is_empty() {
        return;
    }
    let role = served_role(stack);
    for (idx, &endpoint) in stack.network().endpoints.iter().enumerate() {
        let service = endpoint.service();
        let why = format!(
            "Gateway endpoint for {}: the {} tiers reach it over AWS's network, not through the \
             internet, and without per-byte NAT charges",
            display_name(endpoint),
            role.keyword()
        );
        let name = format!("com.amazonaws.${{{}}}.{service}", Pseudo::Region.name());
        template.add_resource(
            logical_id::gateway_endpoint(endpoint),
            Resource::new("AWS::EC2::VPCEndpoint")
                .property("VpcId", Expr::reference(&logical_id::vpc()))
                .property("VpcEndpointType", "Gateway")
                .property("ServiceName", Expr::sub(name))
                .property(
                    "RouteTableIds",
                    Expr::list(tables.iter().map(Expr::reference)),
                )
                .property("Tags", stack.tags(&format!("vpce-{service}")))
                .context(stack.context(path::endpoint(idx), why, State::Stateless)),
        );
    }
}

/// The service's name as AWS writes it.
fn display_name(endpoint: GatewayEndpoint) -> &'static str {
    match endpoint {
        GatewayEndpoint::S3 => "Amazon S3",
        GatewayEndpoint::DynamoDb => "Amazon DynamoDB",
    }
}

/// The role of the tiers whose route tables get the endpoints (see [`endpoint_route_tables`]).
fn served_role(stack: &Stack<'_>) -> TierRole {
    if stack.network().needs_nat() {
        TierRole::Private
    } else {
        TierRole::Isolated
    }
}

/// The route tables of the private tiers, or else of the isolated tiers.
fn endpoint_route_tables(stack: &Stack<'_>) -> Vec<LogicalId> {
    let tables_of = |role: TierRole| -> Vec<LogicalId> {
        stack
            .network()
            .tiers
            .iter()
            .filter(|tier| tier.role == role)
            .flat_map(|tier| routing::route_tables(stack, tier))
            .map(|(table, _)| table)
            .collect()
    };
    let private = tables_of(TierRole::Private);
    if private.is_empty() {
        tables_of(TierRole::Isolated)
    } else {
        private
    }
}
