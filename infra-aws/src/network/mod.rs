//! The lowering of the network section: VPC, subnets, routing, firewalls, endpoints, flow logs.
//!
//! The network is shared by all environments, but each environment is its own stack: only the
//! subnets of the environment's zones are lowered, and its NAT gateways follow its `multi_az`.

mod acls;
mod endpoints;
mod flow_logs;
mod interface_endpoints;
mod routing;
mod security_groups;
mod vpc;

use crate::stack::Stack;
use crate::template::Template;

/// Adds the network of `stack`'s environment to `template`.
pub(crate) fn lower(stack: &Stack<'_>, template: &mut Template) {
    vpc::lower(stack, template);
    routing::lower(stack, template);
    security_groups::lower(stack, template);
    acls::lower(stack, template);
    endpoints::lower(stack, template);
    interface_endpoints::lower(stack, template);
    flow_logs::lower(stack, template);
}
