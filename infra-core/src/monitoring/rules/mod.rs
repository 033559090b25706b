//! The monitoring section's rules, each declared beside its check.

mod alarms;
mod routing;

pub use alarms::*;
pub use routing::*;

use crate::diag::Diagnostic;
use crate::model::{path, Platform};
use crate::rules::names::check_unique;
use crate::rules::Rule;

/// The section's rules, one list per module.
pub(super) const RULES: &[&[Rule]] = &[alarms::RULES, routing::RULES];

/// Runs every rule of the section.
pub(super) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    let monitoring = &platform.monitoring;
    check_unique(
        cx,
        "alert channel",
        monitoring.channels.iter().map(|c| (c.name.as_str(), c.name.pascal_case(), path::alert_channel(c.name.as_str()))),
    );
    check_unique(
        cx,
        "severity",
        monitoring.severities.iter().map(|s| (s.name.as_str(), s.name.pascal_case(), path::severity(s.name.as_str()))),
    );
    check_unique(
        cx,
        "alarm",
        monitoring.alarms.iter().map(|a| (a.name.as_str(), a.name.pascal_case(), path::alarm(a.name.as_str()))),
    );
    for alarm in &monitoring.alarms {
        alarms::check(cx, platform, alarm);
    }
    routing::check(cx, monitoring);
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::diag::Diagnostic;
    use crate::model::{
        Alarm, AlarmMetric, AlertChannel, AlertSeverity, Comparison, Monitoring, PerEnv, Platform,
        Threshold,
    };
    use crate::value::Name;

    /// The reference design with its monitoring changed by `change`.
    pub(crate) fn platform_with(change: impl FnOnce(&mut Monitoring)) -> Platform {
        let mut platform = crate::fixtures::reference_network();
        change(&mut platform.monitoring);
        platform
    }

    /// The findings about the monitoring section after `change`.
    pub(crate) fn findings_with(change: impl FnOnce(&mut Monitoring)) -> Vec<Diagnostic> {
        crate::rules::check(&platform_with(change))
            .into_iter()
            .filter(|d| d.path.as_str().starts_with("monitoring"))
            .collect()
    }

    /// Their codes.
    pub(crate) fn codes_with(change: impl FnOnce(&mut Monitoring)) -> Vec<&'static str> {
        findings_with(change).iter().map(|d| d.code).collect()
    }

    #[test]
    fn the_corrected_reference_monitoring_passes() {
        assert_eq!(codes_with(|_| {}), Vec::<&str>::new());
    }

    fn name(text: &'static str) -> Name {
        Name::new_assert(text)
    }

    #[test]
    fn the_builders_make_the_reference_monitoring() {
        let alarm = |n, metric, target, comparison, threshold, severity| {
            Alarm::new(name(n), metric, name(target), comparison, threshold, 300, 2, name(severity))
        };
        let slack = PerEnv::new("#alerts-staging".to_owned()).with(name("production"), "#alerts-prod".to_owned());
        let built = Monitoring::new()
            .channel(AlertChannel::email(name("oncall")))
            .channel(AlertChannel::slack(name("team"), slack))
            .channel(AlertChannel::sns(name("pager")))
            .severity(AlertSeverity::new(name("critical"), 900, [name("team"), name("pager")]).kms_key(name("alerts")))
            .severity(AlertSeverity::new(name("warning"), 14_400, [name("oncall"), name("team")]).kms_key(name("alerts")))
            .alarm(alarm("api_cpu", AlarmMetric::ServiceCpu, "api", Comparison::Above, Threshold::Percent(70), "warning"))
            .alarm(alarm("api_memory", AlarmMetric::ServiceMemory, "api", Comparison::Above, Threshold::Percent(80), "warning"))
            .alarm(alarm("worker_cpu", AlarmMetric::ServiceCpu, "worker", Comparison::Above, Threshold::Percent(70), "warning"))
            .alarm(alarm("worker_memory", AlarmMetric::ServiceMemory, "worker", Comparison::Above, Threshold::Percent(80), "warning"))
            .alarm(alarm("web_latency", AlarmMetric::LoadBalancerLatency, "web", Comparison::Above, Threshold::Milliseconds(1000), "critical"))
            .alarm(alarm("database_cpu", AlarmMetric::DatabaseCpu, "main", Comparison::Above, Threshold::Percent(80), "warning"))
            .alarm(alarm("database_connections", AlarmMetric::DatabaseConnections, "main", Comparison::Above, Threshold::Number(1000), "warning"))
            .alarm(alarm("database_storage", AlarmMetric::DatabaseFreeStorage, "main", Comparison::Below, Threshold::Percent(20), "critical"))
            .alarm(alarm("cache_cpu", AlarmMetric::CacheCpu, "main", Comparison::Above, Threshold::Percent(80), "warning"))
            .alarm(alarm("cache_memory", AlarmMetric::CacheMemory, "main", Comparison::Above, Threshold::Percent(80), "warning"))
            .alarm(alarm("cache_connections", AlarmMetric::CacheConnections, "main", Comparison::Above, Threshold::Number(1000), "warning"));
        assert_eq!(built, crate::fixtures::reference_network().monitoring);
    }

    #[test]
    fn two_alarms_need_two_names() {
        assert_eq!(codes_with(|m| m.alarms.push(m.alarms[0].clone())), ["duplicate-name"]);
    }
}

#[cfg(test)]
mod properties {
    use super::tests::findings_with;
    use crate::model::{AlarmMetric, Threshold};

    proptest::proptest! {
        /// No value of an alarm panics a rule, and every finding is about the monitoring section.
        #[test]
        fn any_alarm_values_are_checked_without_panic(
            period: u32,
            evaluations: u32,
            datapoints: Option<u32>,
            number: u64,
            percent: u32,
            metric in 0usize..9,
            unit in 0usize..3,
        ) {
            let metrics = [
                AlarmMetric::ServiceCpu,
                AlarmMetric::ServiceMemory,
                AlarmMetric::LoadBalancerLatency,
                AlarmMetric::DatabaseCpu,
                AlarmMetric::DatabaseConnections,
                AlarmMetric::DatabaseFreeStorage,
                AlarmMetric::CacheCpu,
                AlarmMetric::CacheMemory,
                AlarmMetric::CacheConnections,
            ];
            let threshold = [Threshold::Number(number), Threshold::Percent(percent), Threshold::Milliseconds(number)][unit];
            let found = findings_with(|m| {
                let alarm = &mut m.alarms[0];
                alarm.period_seconds = period;
                alarm.evaluation_periods = evaluations;
                alarm.datapoints_to_alarm = datapoints;
                alarm.metric = metrics[metric];
                alarm.threshold = threshold;
            });
            proptest::prop_assert!(found.iter().all(|d| d.path.as_str().starts_with("monitoring.alarms.api_cpu")));
        }
    }
}
