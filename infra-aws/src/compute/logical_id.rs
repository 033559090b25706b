//! The logical ids of the compute section's resources.

use infra_core::model::Metric;
use infra_core::value::Name;

use crate::logical_id::LogicalId;

/// `EcsCluster`
pub(crate) fn cluster() -> LogicalId {
    LogicalId::new(["EcsCluster"])
}

/// `EcsLogKey`: the KMS key of the services' log groups.
pub(crate) fn log_key() -> LogicalId {
    LogicalId::new(["EcsLogKey"])
}

/// `Service<Name>LogGroup`
pub(crate) fn log_group(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "LogGroup"])
}

/// `Service<Name>ExecutionRole`
pub(crate) fn execution_role(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "ExecutionRole"])
}

/// `Service<Name>TaskRole`
pub(crate) fn task_role(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "TaskRole"])
}

/// `Service<Name>TaskDefinition`
pub(crate) fn task_definition(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "TaskDefinition"])
}

/// `Service<Name>`
pub(crate) fn service(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case()])
}

/// `Service<Name>ScalableTarget`
pub(crate) fn scalable_target(name: &Name) -> LogicalId {
    LogicalId::new(["Service", &name.pascal_case(), "ScalableTarget"])
}

/// `Service<Name><Cpu|Memory>Scaling`
pub(crate) fn scaling_policy(name: &Name, metric: Metric) -> LogicalId {
    let metric = match metric {
        Metric::Cpu => "Cpu",
        Metric::Memory => "Memory",
    };
    LogicalId::new(["Service", &name.pascal_case(), metric, "Scaling"])
}
