//! The alarms' own rules: their period and evaluation window, the unit of their threshold, and
//! the component they watch.

use crate::diag::Diagnostic;
use crate::model::{path, Alarm, AlarmMetric, Component, MetricUnit, Platform, Threshold};
use crate::rules::declare_rules;
use crate::rules::suggest::help_for;

declare_rules! {
    /// An alarm's period CloudWatch does not accept.
    INVALID_ALARM_PERIOD = "invalid-alarm-period", Error,
        "an alarm's period is 10, 20, 30 or a multiple of 60 seconds",
        "CloudWatch API PutMetricAlarm Period (\"Valid values are 10, 20, 30, and any multiple of 60\"); aws-rules.md §13";
    /// A sub-minute period on a metric published once a minute.
    SUB_MINUTE_ALARM_PERIOD = "sub-minute-alarm-period", Warning,
        "a period of 10, 20 or 30 seconds only suits high-resolution metrics; ECS, load balancer, RDS and ElastiCache metrics are published every minute",
        "CloudWatch API PutMetricAlarm Period (a 10 or 30 s period on a metric without sub-minute resolution misses data and \"might often lapse into INSUFFICIENT_DATA\")";
    /// Evaluation periods or datapoints to alarm that CloudWatch rejects.
    INVALID_ALARM_EVALUATION = "invalid-alarm-evaluation", Error,
        "an alarm evaluates at least 1 period, raises on 1 to all of them, and period x evaluations is at most 1 day (7 days from a 1-hour period)",
        "CloudWatch API PutMetricAlarm EvaluationPeriods (\"this number multiplied by Period cannot be more than 604,800 seconds\"; below a 3,600 s period, at most 86,400 s) and DatapointsToAlarm; aws-rules.md §13";
    /// A bare number where the metric's unit makes it ambiguous.
    THRESHOLD_WITHOUT_UNIT = "threshold-without-unit", Error,
        "a latency threshold is written in `ms` or `s`, a free-storage threshold as a percent of the allocated storage",
        "ALB User Guide, load-balancer-cloudwatch-metrics.md (TargetResponseTime is in seconds); RDS User Guide, rds-metrics.md (FreeStorageSpace is in bytes); aws-rules.md §13 and mistake 18";
    /// A threshold whose unit does not fit its metric.
    THRESHOLD_UNIT_MISMATCH = "threshold-unit-mismatch", Error,
        "a threshold's unit fits its metric: a percent up to 100 for CPU, memory and free storage, a duration for latency, a count for connections",
        "CloudWatch metric units: AWS/ECS CPUUtilization and MemoryUtilization, AWS/RDS CPUUtilization (Percent), DatabaseConnections (Count), FreeStorageSpace (Bytes), AWS/ApplicationELB TargetResponseTime (Seconds); AWS/ElastiCache EngineCPUUtilization and DatabaseMemoryUsagePercentage (Percent), CurrConnections (Count) (ElastiCache User Guide, CacheMetrics.Redis.md); aws-rules.md §13";
    /// An alarm watches a component the design does not have.
    UNKNOWN_ALARM_TARGET = "unknown-alarm-target", Error,
        "an alarm watches a service, load balancer, database or Redis cluster of the design, by name",
        "CloudWatch API PutMetricAlarm Dimensions (ClusterName/ServiceName, LoadBalancer, DBInstanceIdentifier, CacheClusterId name an existing resource; a metric that is never published leaves the alarm in INSUFFICIENT_DATA)";
}

/// The longest evaluation window below a one-hour period: one day.
const DAY: u64 = 86_400;
/// The longest evaluation window from a one-hour period: seven days.
const WEEK: u64 = 604_800;
/// The period from which the longer window applies.
const HOUR: u32 = 3_600;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform, alarm: &Alarm) {
    check_period(cx, alarm);
    check_evaluation(cx, alarm);
    check_threshold(cx, alarm);
    check_target(cx, platform, alarm);
}

/// Period: 10, 20, 30 or a multiple of 60 seconds; 10-30 only suit high-resolution metrics,
/// and the metrics of the design are published every minute.
///
/// Source: CloudWatch API `PutMetricAlarm`, `Period`.
fn check_period(cx: &mut Vec<Diagnostic>, alarm: &Alarm) {
    let name = alarm.name.as_str();
    let period = alarm.period_seconds;
    match period {
        10 | 20 | 30 => cx.push(
            SUB_MINUTE_ALARM_PERIOD
                .at(path::alarm_period(name), format!("alarm `{name}` evaluates {period}-second periods of {}, which CloudWatch publishes once a minute", alarm.metric.metric_name()))
                .with_help("use `60s` or a multiple of it; sub-minute periods suit high-resolution custom metrics"),
        ),
        _ if period > 0 && period.is_multiple_of(60) => {}
        _ => {
            let near = (period.saturating_add(30) / 60).max(1) * 60;
            cx.push(
                INVALID_ALARM_PERIOD
                    .at(path::alarm_period(name), format!("alarm `{name}` has a period of {period} s, which CloudWatch rejects"))
                    .with_help(format!("use 10, 20, 30 or a multiple of 60 seconds, such as `{near}s`")),
            );
        }
    }
}

/// EvaluationPeriods is at least 1; DatapointsToAlarm is 1 to EvaluationPeriods; period x
/// evaluation periods is at most 86,400 s below a one-hour period, else 604,800 s.
///
/// Source: CloudWatch API `PutMetricAlarm`, `EvaluationPeriods` and `DatapointsToAlarm`.
fn check_evaluation(cx: &mut Vec<Diagnostic>, alarm: &Alarm) {
    let name = alarm.name.as_str();
    let evaluations = alarm.evaluation_periods;
    if evaluations == 0 {
        cx.push(
            INVALID_ALARM_EVALUATION
                .at(path::alarm_evaluations(name), format!("alarm `{name}` evaluates 0 periods"))
                .with_help("evaluate at least 1 period"),
        );
        return;
    }
    if let Some(datapoints) = alarm.datapoints_to_alarm {
        if datapoints == 0 || datapoints > evaluations {
            cx.push(
                INVALID_ALARM_EVALUATION
                    .at(path::alarm_datapoints(name), format!("alarm `{name}` raises on {datapoints} breaching periods of the {evaluations} it evaluates"))
                    .with_help(format!("raise on 1 to {evaluations} periods, or leave `datapoints` out to raise when all of them breach")),
            );
        }
    }
    let period = alarm.period_seconds;
    let (limit, words) = if period < HOUR { (DAY, "1 day (86,400 s) below a 1-hour period") } else { (WEEK, "7 days (604,800 s)") };
    let window = u64::from(period) * u64::from(evaluations);
    if window > limit && period > 0 {
        let most = limit / u64::from(period);
        cx.push(
            INVALID_ALARM_EVALUATION
                .at(path::alarm_evaluations(name), format!("alarm `{name}` evaluates {evaluations} periods of {period} s, {window} s in all, beyond CloudWatch's {words}"))
                .with_help(format!("evaluate at most {most} periods of {period} s, or lengthen the period")),
        );
    }
}

/// The threshold's unit fits the metric's: a latency in `ms` or `s` (TargetResponseTime is in
/// seconds, so a bare `1000` means 1000 s); free storage as a percent of the allocated storage
/// (FreeStorageSpace is in bytes); CPU and memory in percent (a bare number reads as one);
/// connections as a count.
///
/// Source: ALB User Guide, load-balancer-cloudwatch-metrics.md; RDS User Guide, rds-metrics.md;
/// ECS Developer Guide, cloudwatch-metrics.md (aws-rules.md §13).
fn check_threshold(cx: &mut Vec<Diagnostic>, alarm: &Alarm) {
    let name = alarm.name.as_str();
    let at = path::alarm_threshold(name);
    let metric = alarm.metric.metric_name();
    match (alarm.metric.unit(), alarm.threshold) {
        (MetricUnit::Seconds, Threshold::Number(n)) => cx.push(
            THRESHOLD_WITHOUT_UNIT
                .at(at, format!("alarm `{name}`'s threshold {n} has no unit, and {metric} is in seconds: it would fire above {n} seconds"))
                .with_help(format!("write the unit: `{n}ms` if milliseconds were meant (lowered to {} s), or `{n}s`", seconds_text(n))),
        ),
        (MetricUnit::Bytes, Threshold::Number(n)) => cx.push(
            THRESHOLD_WITHOUT_UNIT
                .at(at, format!("alarm `{name}`'s threshold {n} has no unit, and {metric} is in bytes: it would fire below {n} bytes free"))
                .with_help(if n <= 100 {
                    format!("write the free space as a percent of the allocated storage: `below: {}%` if {n}% used was meant", 100 - n)
                } else {
                    "write the free space as a percent of the allocated storage, such as `below: 20%`".to_owned()
                }),
        ),
        (MetricUnit::Percent | MetricUnit::Bytes, Threshold::Percent(p)) if p > 100 => cx.push(
            THRESHOLD_UNIT_MISMATCH
                .at(at, format!("alarm `{name}`'s threshold {p}% is above 100%, which {metric} never reaches"))
                .with_help("write a percent from 0 to 100"),
        ),
        (MetricUnit::Percent, Threshold::Number(p)) if p > 100 => cx.push(
            THRESHOLD_UNIT_MISMATCH
                .at(at, format!("alarm `{name}`'s threshold {p} is above 100 percent, which {metric} never reaches"))
                .with_help("write a percent from 0 to 100, such as `80%`"),
        ),
        (MetricUnit::Percent, Threshold::Number(_) | Threshold::Percent(_))
        | (MetricUnit::Count, Threshold::Number(_))
        | (MetricUnit::Seconds, Threshold::Milliseconds(_))
        | (MetricUnit::Bytes, Threshold::Percent(_)) => {}
        (unit, threshold) => cx.push(
            THRESHOLD_UNIT_MISMATCH
                .at(at, format!("alarm `{name}`'s threshold {threshold} does not fit {metric}, which is {}", unit_words(unit)))
                .with_help(format!("write {}", unit_example(alarm.metric))),
        ),
    }
}

/// `1000` milliseconds as `1.0`.
pub fn seconds_text(milliseconds: u64) -> String {
    let whole = milliseconds / 1000;
    let rest = milliseconds % 1000;
    if rest == 0 {
        format!("{whole}.0")
    } else {
        let fraction = format!("{rest:03}");
        format!("{whole}.{}", fraction.trim_end_matches('0'))
    }
}

fn unit_words(unit: MetricUnit) -> &'static str {
    match unit {
        MetricUnit::Percent => "a percent",
        MetricUnit::Count => "a count",
        MetricUnit::Seconds => "in seconds",
        MetricUnit::Bytes => "in bytes",
    }
}

fn unit_example(metric: AlarmMetric) -> &'static str {
    match metric.unit() {
        MetricUnit::Percent => "a percent, such as `80%`",
        MetricUnit::Count => "a number of connections, such as `900`",
        MetricUnit::Seconds => "a duration, such as `1000ms` or `1s`",
        MetricUnit::Bytes => "the free space as a percent of the allocated storage, such as `20%`",
    }
}

/// The component is a service, load balancer, database or Redis cluster of the design, by the
/// metric's kind.
///
/// Source: CloudWatch API `PutMetricAlarm` `Dimensions`: the alarm watches the metric of one
/// existing resource.
fn check_target(cx: &mut Vec<Diagnostic>, platform: &Platform, alarm: &Alarm) {
    let wanted = alarm.target.as_str();
    let (kind, known): (&str, Vec<&str>) = match alarm.metric.component() {
        Component::Service => ("services", platform.compute.services.iter().map(|s| s.name.as_str()).collect()),
        Component::LoadBalancer => ("load balancers", platform.load_balancer.load_balancers.iter().map(|lb| lb.name.as_str()).collect()),
        Component::Database => ("databases", platform.database.postgres.iter().map(|pg| pg.name.as_str()).collect()),
        Component::Cache => ("Redis clusters", platform.cache.clusters.iter().map(|c| c.name.as_str()).collect()),
    };
    if known.contains(&wanted) {
        return;
    }
    let name = alarm.name.as_str();
    let singular = kind.trim_end_matches('s');
    cx.push(
        UNKNOWN_ALARM_TARGET
            .at(path::alarm_target(name), format!("alarm `{name}` watches {} of {singular} `{wanted}`, but no {singular} `{wanted}` exists", alarm.metric.keyword()))
            .with_help(help_for(kind, wanted, known.iter().copied())),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Comparison;
    use crate::monitoring::rules::tests::codes_with;

    fn set(metric: AlarmMetric, threshold: Threshold) -> Vec<&'static str> {
        codes_with(|m| {
            m.alarms[0].metric = metric;
            m.alarms[0].target = match metric.component() {
                Component::Service => crate::value::Name::new_assert("api"),
                Component::LoadBalancer => crate::value::Name::new_assert("web"),
                Component::Database | Component::Cache => crate::value::Name::new_assert("main"),
            };
            m.alarms[0].threshold = threshold;
            m.alarms[0].comparison = Comparison::Above;
        })
    }

    #[test]
    fn periods_are_10_20_30_or_minutes() {
        for (period, codes) in [
            (300, vec![]),
            (60, vec![]),
            (86_400, vec![]),
            (10, vec!["sub-minute-alarm-period"]),
            (30, vec!["sub-minute-alarm-period"]),
            (0, vec!["invalid-alarm-period"]),
            (45, vec!["invalid-alarm-period"]),
            (301, vec!["invalid-alarm-period"]),
        ] {
            assert_eq!(codes_with(|m| { m.alarms[0].period_seconds = period; m.alarms[0].evaluation_periods = 1 }), codes, "{period}");
        }
    }

    #[test]
    fn the_evaluation_window_is_at_most_a_day_below_an_hour() {
        let window = |period, evaluations, datapoints| {
            codes_with(|m| {
                m.alarms[0].period_seconds = period;
                m.alarms[0].evaluation_periods = evaluations;
                m.alarms[0].datapoints_to_alarm = datapoints;
            })
        };
        assert_eq!(window(300, 2, None), Vec::<&str>::new());
        assert_eq!(window(300, 288, None), Vec::<&str>::new());
        assert_eq!(window(300, 289, None), ["invalid-alarm-evaluation"]);
        assert_eq!(window(3_600, 168, None), Vec::<&str>::new());
        assert_eq!(window(3_600, 169, None), ["invalid-alarm-evaluation"]);
        assert_eq!(window(300, 0, None), ["invalid-alarm-evaluation"]);
        assert_eq!(window(300, 3, Some(2)), Vec::<&str>::new());
        assert_eq!(window(300, 3, Some(4)), ["invalid-alarm-evaluation"]);
        assert_eq!(window(300, 3, Some(0)), ["invalid-alarm-evaluation"]);
    }

    #[test]
    fn the_seed_latency_and_storage_need_units() {
        assert_eq!(set(AlarmMetric::LoadBalancerLatency, Threshold::Number(1000)), ["threshold-without-unit"]);
        assert_eq!(set(AlarmMetric::DatabaseFreeStorage, Threshold::Number(80)), ["threshold-without-unit"]);
        assert_eq!(set(AlarmMetric::LoadBalancerLatency, Threshold::Milliseconds(1000)), Vec::<&str>::new());
        assert_eq!(set(AlarmMetric::DatabaseFreeStorage, Threshold::Percent(20)), Vec::<&str>::new());
    }

    #[test]
    fn units_fit_their_metrics() {
        assert_eq!(set(AlarmMetric::ServiceCpu, Threshold::Number(70)), Vec::<&str>::new());
        assert_eq!(set(AlarmMetric::ServiceMemory, Threshold::Percent(80)), Vec::<&str>::new());
        assert_eq!(set(AlarmMetric::DatabaseConnections, Threshold::Number(1000)), Vec::<&str>::new());
        assert_eq!(set(AlarmMetric::DatabaseCpu, Threshold::Percent(101)), ["threshold-unit-mismatch"]);
        assert_eq!(set(AlarmMetric::ServiceCpu, Threshold::Number(170)), ["threshold-unit-mismatch"]);
        assert_eq!(set(AlarmMetric::ServiceCpu, Threshold::Milliseconds(70)), ["threshold-unit-mismatch"]);
        assert_eq!(set(AlarmMetric::DatabaseConnections, Threshold::Percent(80)), ["threshold-unit-mismatch"]);
        assert_eq!(set(AlarmMetric::LoadBalancerLatency, Threshold::Percent(80)), ["threshold-unit-mismatch"]);
    }

    #[test]
    fn cache_cpu_and_memory_are_percents_and_connections_a_count() {
        assert_eq!(set(AlarmMetric::CacheCpu, Threshold::Percent(80)), Vec::<&str>::new());
        assert_eq!(set(AlarmMetric::CacheMemory, Threshold::Number(80)), Vec::<&str>::new());
        assert_eq!(set(AlarmMetric::CacheConnections, Threshold::Number(1000)), Vec::<&str>::new());
        assert_eq!(set(AlarmMetric::CacheCpu, Threshold::Percent(180)), ["threshold-unit-mismatch"]);
        assert_eq!(set(AlarmMetric::CacheMemory, Threshold::Milliseconds(80)), ["threshold-unit-mismatch"]);
        assert_eq!(set(AlarmMetric::CacheConnections, Threshold::Percent(80)), ["threshold-unit-mismatch"]);
        assert_eq!(set(AlarmMetric::CacheConnections, Threshold::Milliseconds(1000)), ["threshold-unit-mismatch"]);
    }

    #[test]
    fn cache_alarms_watch_redis_clusters_by_name() {
        let watch = |target: &'static str| {
            crate::monitoring::rules::tests::findings_with(|m| {
                m.alarms[0].metric = AlarmMetric::CacheMemory;
                m.alarms[0].target = crate::value::Name::new_assert(target);
            })
        };
        assert!(watch("main").is_empty());
        let found = watch("mian");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "unknown-alarm-target");
        assert!(found[0].message.contains("no Redis cluster `mian`"), "{}", found[0].message);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `main`?"));
        // A service's name is no Redis cluster's.
        assert_eq!(watch("api")[0].code, "unknown-alarm-target");
    }

    #[test]
    fn latencies_read_in_seconds() {
        assert_eq!(seconds_text(1000), "1.0");
        assert_eq!(seconds_text(1500), "1.5");
        assert_eq!(seconds_text(250), "0.25");
        assert_eq!(seconds_text(0), "0.0");
    }

    #[test]
    fn targets_are_components_of_the_design() {
        let found = crate::monitoring::rules::tests::findings_with(|m| m.alarms[0].target = crate::value::Name::new_assert("apx"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "unknown-alarm-target");
        assert_eq!(found[0].help.as_deref(), Some("did you mean `api`?"));
    }
}
