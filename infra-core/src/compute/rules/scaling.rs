//! Rules on a service's Application Auto Scaling: target tracking targets, and scheduled actions
//! (what they may set, their schedules and time zones).

use crate::diag::Diagnostic;
use crate::model::{path, Platform, ScheduledCapacity, Service};
use crate::rules::declare_rules;
use crate::rules::names::check_unique;
use crate::rules::per_env::{check_settings, per_environment};

declare_rules! {
    /// A target tracking policy's target is outside 1-100 %.
    INVALID_SCALING_TARGET = "invalid-scaling-target", Error,
        "a target tracking policy's utilization target is 1 to 100 %",
        "Application Auto Scaling TargetTrackingScalingPolicyConfiguration.TargetValue with ECSServiceAverageCPUUtilization/ECSServiceAverageMemoryUtilization (Percent); aws-rules.md §11, §13";
    /// A scheduled action sets a desired capacity.
    SCHEDULED_DESIRED_CAPACITY = "scheduled-desired-capacity", Error,
        "a scheduled action sets only the minimum and maximum capacity",
        "Application Auto Scaling API ScalableTargetAction (MinCapacity and MaxCapacity only); aws-rules.md §11 and seed mistake 13";
    /// A scheduled action's minimum is above its maximum.
    SCHEDULED_CAPACITY_REVERSED = "scheduled-capacity-reversed", Error,
        "a scheduled action's minimum capacity is not above its maximum",
        "Application Auto Scaling API PutScheduledAction ScalableTargetAction; aws-rules.md §11";
    /// A schedule is not a 6-field cron, a rate or an at expression.
    INVALID_SCHEDULE = "invalid-schedule", Error,
        "a schedule is `cron(...)` with 6 fields, `rate(<n> <unit>)` or `at(yyyy-mm-ddThh:mm:ss)`",
        "Application Auto Scaling API PutScheduledAction.Schedule; aws-rules.md §11";
    /// A time zone is not shaped like an IANA name.
    INVALID_TIME_ZONE = "invalid-time-zone", Error,
        "a schedule's time zone is an IANA name such as `Asia/Tokyo` (the shape is checked, not the zone table)",
        "Application Auto Scaling API PutScheduledAction.Timezone (an IANA time zone); aws-rules.md §11";
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    for service in &platform.compute.services {
        check_targets(cx, service);
        let name = service.name.as_str();
        let schedules = &service.scaling.schedules;
        check_unique(
            cx,
            "schedule",
            schedules.iter().map(|schedule| {
                (
                    schedule.name.as_str(),
                    schedule.name.pascal_case(),
                    path::schedule(name, schedule.name.as_str()),
                )
            }),
        );
        for schedule in schedules {
            check_schedule(cx, platform, service, schedule);
        }
    }
}

/// Each target is 1-100: the ECS predefined metrics are percentages.
///
/// Source: Application Auto Scaling `TargetTrackingScalingPolicyConfiguration.TargetValue`; ECS
/// `CPUUtilization` and `MemoryUtilization` are Percent (aws-rules.md §11, §13). A target of 0
/// would scale out forever; above 100 never.
fn check_targets(cx: &mut Vec<Diagnostic>, service: &Service) {
    let name = service.name.as_str();
    for (metric, tracking) in service.scaling.tracking() {
        if (1..=100).contains(&tracking.target) {
            continue;
        }
        cx.push(
            INVALID_SCALING_TARGET
                .at(
                    path::target_tracking_target(name, metric),
                    format!("service `{name}` tracks {} utilization at {} %, outside 1 to 100 %", metric.keyword(), tracking.target),
                )
                .with_help("write a utilization target in percent, such as `70`"),
        );
    }
}

fn check_schedule(
    cx: &mut Vec<Diagnostic>,
    platform: &Platform,
    service: &Service,
    schedule: &ScheduledCapacity,
) {
    let name = service.name.as_str();
    let at = schedule.name.as_str();
    if schedule.desired.is_some() {
        cx.push(
            SCHEDULED_DESIRED_CAPACITY
                .at(
                    path::schedule_desired(name, at),
                    format!("schedule `{at}` of service `{name}` sets a desired capacity, which a scheduled action cannot set"),
                )
                .with_help("AWS's ScalableTargetAction has only MinCapacity and MaxCapacity: drop `desired` and raise `min` instead; at the scheduled time the running count is pushed into [min, max]"),
        );
    }
    if let Err(why) = schedule_valid(&schedule.schedule) {
        cx.push(
            INVALID_SCHEDULE
                .at(
                    path::schedule_expression(name, at),
                    format!("schedule `{at}` of service `{name}` reads `{}`: {why}", schedule.schedule),
                )
                .with_help("for example `cron(0 8 ? * MON-FRI *)` (minutes hours day-of-month month day-of-week year), `rate(1 hour)` or `at(2026-12-31T23:00:00)`"),
        );
    }
    if !time_zone_shaped(&schedule.time_zone) {
        cx.push(
            INVALID_TIME_ZONE
                .at(
                    path::schedule_time_zone(name, at),
                    format!("schedule `{at}` of service `{name}` names time zone `{}`, which is not shaped like an IANA name", schedule.time_zone),
                )
                .with_help("write an IANA time zone such as `Asia/Tokyo` or `UTC`; only the shape is checked here, not the zone table"),
        );
    }
    let min_at = path::schedule_min(name, at);
    check_settings(cx, platform, &schedule.min, &min_at);
    check_settings(cx, platform, &schedule.max, &path::schedule_max(name, at));
    per_environment(cx, platform, |cx, env| {
        let (min, max) = (*schedule.min.get(env), *schedule.max.get(env));
        if min > max {
            cx.push(
                SCHEDULED_CAPACITY_REVERSED
                    .at(
                        schedule.min.path_in(&min_at, env),
                        format!("schedule `{at}` of service `{name}` sets min {min} above max {max}"),
                    )
                    .with_help("the minimum capacity is at most the maximum; swap them"),
            );
        }
    });
}

/// Checks a schedule expression: `cron(...)` with 6 fields (one of day-of-month and day-of-week
/// `?`), `rate(<n> <unit>)` or `at(yyyy-mm-ddThh:mm:ss)`; `Err` says what is wrong.
///
/// Source: Application Auto Scaling API `PutScheduledAction.Schedule` (aws-rules.md §11). The
/// fields' characters are checked, not each field's range.
pub fn schedule_valid(schedule: &str) -> Result<(), &'static str> {
    if let Some(body) = schedule.strip_prefix("cron(").and_then(|s| s.strip_suffix(')')) {
        let fields: Vec<&str> = body.split_whitespace().collect();
        if fields.len() != 6 {
            return Err("a cron expression has 6 fields: minutes, hours, day-of-month, month, day-of-week and year");
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || "*?,-/#".contains(c);
        if !fields.iter().all(|field| field.chars().all(allowed)) {
            return Err("a cron field holds digits, names and `* ? , - / L W #` only");
        }
        if fields[2] != "?" && fields[4] != "?" {
            return Err("one of day-of-month and day-of-week must be `?`");
        }
        return Ok(());
    }
    if let Some(body) = schedule.strip_prefix("rate(").and_then(|s| s.strip_suffix(')')) {
        let Some((number, unit)) = body.split_once(' ') else {
            return Err("a rate is `rate(<n> <unit>)`");
        };
        let Ok(number) = number.parse::<u32>() else {
            return Err("a rate's value is a whole number");
        };
        let units: &[&str] = if number == 1 { &["minute", "hour", "day"] } else { &["minutes", "hours", "days"] };
        if number == 0 || !units.contains(&unit) {
            return Err("a rate is a positive number of minutes, hours or days (`1 hour`, `5 minutes`)");
        }
        return Ok(());
    }
    if let Some(body) = schedule.strip_prefix("at(").and_then(|s| s.strip_suffix(')')) {
        let shape = "dddd-dd-ddTdd:dd:dd";
        let matches = body.len() == shape.len()
            && body.chars().zip(shape.chars()).all(|(c, s)| if s == 'd' { c.is_ascii_digit() } else { c == s });
        if !matches {
            return Err("an at expression is `at(yyyy-mm-ddThh:mm:ss)`");
        }
        return Ok(());
    }
    Err("a schedule is `cron(...)`, `rate(...)` or `at(...)`")
}

/// Whether `zone` is shaped like an IANA time zone name: `UTC`, or `Area/Location` with
/// optional further parts, each starting with a letter and holding letters, digits, `_`, `-`
/// and `+`.
///
/// Source: Application Auto Scaling API `PutScheduledAction.Timezone` takes an IANA name. The
/// zone table changes with the tz database, so only the shape is checked here.
pub fn time_zone_shaped(zone: &str) -> bool {
    let part = |part: &str| {
        part.starts_with(|c: char| c.is_ascii_uppercase())
            && part.chars().all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c))
    };
    matches!(zone, "UTC" | "GMT") || (zone.contains('/') && zone.split('/').all(part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Compute, Metric, PerEnv, Scaling, TargetTracking};
    use crate::testing::{codes, design};
    use crate::value::Name;

    fn with(scaling: Scaling) -> Platform {
        let service = crate::compute::rules::testing::api("private", "application").scaling(scaling);
        let mut platform = design();
        platform.compute = Compute::new().service(service);
        platform
    }

    fn weekday(min: u32, max: u32) -> ScheduledCapacity {
        ScheduledCapacity::new(Name::new_assert("weekday"), "cron(0 8 ? * MON-FRI *)", "Asia/Tokyo", min, max)
    }

    fn tracking(target: u32) -> TargetTracking {
        TargetTracking { target, scale_in_cooldown: 300, scale_out_cooldown: 60 }
    }

    #[test]
    fn the_seed_scaling_passes_without_desired() {
        let scaling = Scaling::new()
            .track(Metric::Cpu, tracking(70))
            .track(Metric::Memory, tracking(80))
            .schedule(weekday(4, 10));
        assert_eq!(codes(&with(scaling)), Vec::<&str>::new());
    }

    #[test]
    fn targets_are_1_to_100() {
        for target in [0, 101] {
            let findings = crate::rules::check(&with(Scaling::new().track(Metric::Memory, tracking(target))));
            assert_eq!(findings.len(), 1);
            assert_eq!(findings[0].code, "invalid-scaling-target");
            assert_eq!(findings[0].path.as_str(), "compute.services.api.scaling.memory.target");
        }
    }

    #[test]
    fn a_scheduled_desired_is_rejected() {
        let mut schedule = weekday(4, 10);
        schedule.desired = Some(6);
        let findings = crate::rules::check(&with(Scaling::new().schedule(schedule)));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "scheduled-desired-capacity");
        assert!(findings[0].help.as_deref().is_some_and(|help| help.contains("ScalableTargetAction")));
    }

    #[test]
    fn scheduled_min_is_not_above_max() {
        let mut schedule = weekday(4, 10);
        schedule.min = PerEnv::new(4).with(Name::new_assert("staging"), 12);
        let findings = crate::rules::check(&with(Scaling::new().schedule(schedule)));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "scheduled-capacity-reversed");
        assert_eq!(
            findings[0].path.as_str(),
            "compute.services.api.scaling.schedules.weekday.min[\"staging\"]"
        );
    }

    #[test]
    fn schedules_are_cron_rate_or_at() {
        for good in ["cron(0 8 ? * MON-FRI *)", "cron(0 20 * * ? *)", "rate(1 hour)", "rate(5 minutes)", "at(2026-12-31T23:00:00)"] {
            assert_eq!(schedule_valid(good), Ok(()), "{good}");
        }
        for bad in ["cron(0 8 * * MON-FRI)", "cron(0 8 1 * MON *)", "0 8 * * *", "rate(1 hours)", "rate(0 days)", "at(2026-12-31 23:00)", "cron(0 8 ? * MON;FRI *)"] {
            assert!(schedule_valid(bad).is_err(), "{bad}");
        }
        let mut schedule = weekday(4, 10);
        schedule.schedule = "0 8 * * 1-5".into();
        assert_eq!(codes(&with(Scaling::new().schedule(schedule))), ["invalid-schedule"]);
    }

    #[test]
    fn time_zones_are_iana_shaped() {
        for good in ["Asia/Tokyo", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+9"] {
            assert!(time_zone_shaped(good), "{good}");
        }
        for bad in ["JST", "asia/tokyo", "Asia/", "+09:00", ""] {
            assert!(!time_zone_shaped(bad), "{bad}");
        }
        let mut schedule = weekday(4, 10);
        schedule.time_zone = "JST".into();
        assert_eq!(codes(&with(Scaling::new().schedule(schedule))), ["invalid-time-zone"]);
    }
}
