//! Rules on the HTTPS listener's routing: one default target group, and a listener rule for each
//! other one, with a unique priority and conditions AWS accepts.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::model::{path, LoadBalancer, Platform, Route};
use crate::rules::declare_rules;

declare_rules! {
    /// A load balancer's target groups do not name exactly one default.
    LISTENER_DEFAULT_TARGET_GROUP = "listener-default-target-group", Error,
        "a load balancer with target groups has exactly one without a `route`: its listener's default",
        "ELBv2 API CreateListener.DefaultActions (a listener has one default rule) and CreateRule.Conditions (every other rule has conditions); ALB User Guide, listener-rules.md";
    /// A listener rule's priority is out of range or taken.
    INVALID_LISTENER_RULE_PRIORITY = "invalid-listener-rule-priority", Error,
        "a route's priority is 1-50000 and unique among its load balancer's routes",
        "ELBv2 API CreateRule.Priority (1-50000; PriorityInUse: a listener cannot have two rules with the same priority)";
    /// A listener rule has no condition value, or more than AWS allows.
    LISTENER_RULE_CONDITION_VALUES = "listener-rule-condition-values", Error,
        "a route has 1-5 condition values (its paths and hosts together)",
        "ALB User Guide, load-balancer-limits.md (condition values per rule: 5, not adjustable); ELBv2 API CreateRule.Conditions (a rule needs a condition)";
    /// A path or host pattern is longer than 128 characters or holds a character AWS refuses.
    INVALID_ROUTE_PATTERN = "invalid-route-pattern", Error,
        "a route's path patterns and host patterns are 1-128 characters of those AWS allows; a host has a `.` and only letters after the last",
        "ALB User Guide, add-rule.md and rule-condition-types.md (path: A-Z, a-z, 0-9, _-.$/~\"'@:+&*?; host: A-Z, a-z, 0-9, -_.*?, at least one `.`, only letters after the last; each at most 128 characters)";
}

/// The lowest and highest listener rule priorities.
const PRIORITIES: std::ops::RangeInclusive<u32> = 1..=50_000;

/// The condition values a listener rule may hold.
const MAX_CONDITION_VALUES: usize = 5;

/// The longest path or host pattern.
const MAX_PATTERN: usize = 128;

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    for lb in &platform.load_balancer.load_balancers {
        check_default(cx, lb);
        check_priorities(cx, lb);
        for target in &lb.target_groups {
            if let Some(route) = &target.route {
                check_condition_values(cx, lb, target.name.as_str(), route);
                check_patterns(cx, lb, target.name.as_str(), route);
            }
        }
    }
}

/// Exactly one target group has no route: the listener's default action forwards to it.
///
/// Source: ELBv2 API `CreateListener.DefaultActions` (the default rule, which has no
/// conditions) and `CreateRule.Conditions` (every other rule needs conditions); ALB User Guide,
/// listener-rules.md ("When you create a listener, you define actions for the default rule").
fn check_default(cx: &mut Vec<Diagnostic>, lb: &LoadBalancer) {
    let name = lb.name.as_str();
    let defaults: Vec<&str> = lb
        .target_groups
        .iter()
        .filter(|target| target.route.is_none())
        .map(|target| target.name.as_str())
        .collect();
    match defaults.as_slice() {
        [] if !lb.target_groups.is_empty() => cx.push(
            LISTENER_DEFAULT_TARGET_GROUP
                .at(
                    path::load_balancer(name),
                    format!("every target group of load balancer `{name}` has a `route`, so its HTTPS listener has no default target group"),
                )
                .with_help("remove the `route` of the target group that should receive the requests no route matches"),
        ),
        [] | [_] => {}
        [first, rest @ ..] => {
            for other in rest {
                cx.push(
                    LISTENER_DEFAULT_TARGET_GROUP
                        .at(
                            path::target_group(name, other),
                            format!("target group `{other}` of load balancer `{name}` has no `route`, but `{first}` is already the listener's default"),
                        )
                        .with_related(
                            path::target_group(name, first),
                            format!("`{first}` has no `route`: it receives the requests no route matches"),
                        )
                        .with_help(format!("give `{other}` a `route: {{ priority: .., paths: [..] }}`, or make it the default and route `{first}`")),
                );
            }
        }
    }
}

/// Each route's priority is 1-50000, and no two routes of a load balancer share one.
///
/// Source: ELBv2 API `CreateRule.Priority`: "The rule priority. A listener can't have multiple
/// rules with the same priority", valid range 1-50000 (`PriorityInUse` otherwise).
fn check_priorities(cx: &mut Vec<Diagnostic>, lb: &LoadBalancer) {
    let name = lb.name.as_str();
    let mut first_with: HashMap<u32, &str> = HashMap::new();
    for target in &lb.target_groups {
        let Some(route) = &target.route else {
            continue;
        };
        let group = target.name.as_str();
        let priority = route.priority;
        let at = path::route_priority(name, group);
        if !PRIORITIES.contains(&priority) {
            cx.push(
                INVALID_LISTENER_RULE_PRIORITY
                    .at(
                        at,
                        format!("target group `{group}`'s route has priority {priority}, outside 1-50000"),
                    )
                    .with_help("give it a priority from 1 to 50000; the lowest is evaluated first"),
            );
            continue;
        }
        match first_with.get(&priority) {
            Some(first) => cx.push(
                INVALID_LISTENER_RULE_PRIORITY
                    .at(
                        at,
                        format!("target group `{group}`'s route has priority {priority}, which target group `{first}`'s route already has"),
                    )
                    .with_related(
                        path::route_priority(name, first),
                        format!("`{first}`'s route has priority {priority}"),
                    )
                    .with_help("give each route of a load balancer its own priority; the lowest is evaluated first"),
            ),
            None => {
                first_with.insert(priority, group);
            }
        }
    }
}

/// A route has at least one condition value and at most five, its paths and hosts together.
///
/// Source: ALB User Guide, load-balancer-limits.md ("Condition values per rule: 5", not
/// adjustable); ELBv2 API `CreateRule.Conditions` (a rule needs a condition).
fn check_condition_values(cx: &mut Vec<Diagnostic>, lb: &LoadBalancer, group: &str, route: &Route) {
    let name = lb.name.as_str();
    let count = route.paths.len() + route.hosts.len();
    if count == 0 {
        cx.push(
            LISTENER_RULE_CONDITION_VALUES
                .at(
                    path::route(name, group),
                    format!("target group `{group}`'s route has no `paths` and no `hosts`, so it matches nothing"),
                )
                .with_help("give the route `paths: [\"/prefix/*\"]` or `hosts: [\"name.example.com\"]`, or remove it to make the group the default"),
        );
    } else if count > MAX_CONDITION_VALUES {
        // The sixth value, in writing order: the paths, then the hosts.
        let at = if route.paths.len() > MAX_CONDITION_VALUES {
            path::route_path(name, group, MAX_CONDITION_VALUES)
        } else {
            path::route_host(name, group, MAX_CONDITION_VALUES - route.paths.len())
        };
        cx.push(
            LISTENER_RULE_CONDITION_VALUES
                .at(
                    at,
                    format!(
                        "target group `{group}`'s route has {count} condition values ({}, {}), above the 5 a listener rule allows",
                        counted(route.paths.len(), "path"),
                        counted(route.hosts.len(), "host")
                    ),
                )
                .with_help("use a wildcard (`/api/*`) to match several paths with one value, or split the route over target groups"),
        );
    }
}

/// Each path and host pattern is 1-128 characters of those AWS allows; a host pattern holds a
/// `.` and only letters after the last one.
///
/// Source: ALB User Guide, add-rule.md: path "Maximum 128 characters. Case sensitive. Allowed
/// characters are a-z, A-Z, 0-9; the following special characters: _-.$/~"'@:+; &; and
/// wildcards (* and ?)"; host "Maximum 128 characters. Not case sensitive. Allowed characters
/// are a-z, A-Z, 0-9; the following special characters: -_.; and wildcards (* and ?). You must
/// include at least one "." character. You can include only alphabetical characters after the
/// final "." character."
fn check_patterns(cx: &mut Vec<Diagnostic>, lb: &LoadBalancer, group: &str, route: &Route) {
    let name = lb.name.as_str();
    for (idx, pattern) in route.paths.iter().enumerate() {
        if let Some(problem) = path_problem(pattern) {
            cx.push(
                INVALID_ROUTE_PATTERN
                    .at(
                        path::route_path(name, group, idx),
                        format!("target group `{group}`'s path pattern `{pattern}` {problem}"),
                    )
                    .with_help("a path pattern is up to 128 of A-Z, a-z, 0-9, `_-.$/~\"'@:+&` and the wildcards `*` and `?`, such as `/admin/*`"),
            );
        }
    }
    for (idx, pattern) in route.hosts.iter().enumerate() {
        if let Some(problem) = host_problem(pattern) {
            cx.push(
                INVALID_ROUTE_PATTERN
                    .at(
                        path::route_host(name, group, idx),
                        format!("target group `{group}`'s host pattern `{pattern}` {problem}"),
                    )
                    .with_help("a host pattern is up to 128 of A-Z, a-z, 0-9, `-_.` and the wildcards `*` and `?`, with a `.` and only letters after the last, such as `*.example.com`"),
            );
        }
    }
}

/// `1 path`, `2 paths`.
fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// What is wrong with a path pattern, if anything.
fn path_problem(pattern: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_-.$/~\"'@:+&*?".contains(c);
    length_problem(pattern).or_else(|| {
        pattern
            .chars()
            .find(|&c| !allowed(c))
            .map(|c| format!("holds `{c}`, which a path pattern cannot"))
    })
}

/// What is wrong with a host pattern, if anything.
fn host_problem(pattern: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-_.*?".contains(c);
    if let Some(problem) = length_problem(pattern) {
        return Some(problem);
    }
    if let Some(c) = pattern.chars().find(|&c| !allowed(c)) {
        return Some(format!("holds `{c}`, which a host pattern cannot"));
    }
    match pattern.rsplit_once('.') {
        None => Some("has no `.`".to_owned()),
        Some((_, last)) if !last.chars().all(|c| c.is_ascii_alphabetic()) => {
            Some(format!("ends in `.{last}`: only letters may follow the last `.`"))
        }
        Some(_) => None,
    }
}

/// An empty pattern, or one above 128 characters.
fn length_problem(pattern: &str) -> Option<String> {
    let length = pattern.chars().count();
    if length == 0 {
        Some("is empty".to_owned())
    } else if length > MAX_PATTERN {
        Some(format!("is {length} characters long, above 128"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{HealthCheck, TargetGroup};
    use crate::testing::design;
    use crate::value::Name;

    fn group(name: &'static str, route: Option<Route>) -> TargetGroup {
        let group = TargetGroup::new(
            Name::new_assert(name),
            Name::new_assert("api"),
            HealthCheck::new("/health", 30, 5, 2, 3),
        );
        match route {
            Some(route) => group.route(route),
            None => group,
        }
    }

    /// The reference design with these target groups on its load balancer, and the codes of
    /// this module's findings, with the path of each.
    fn findings(groups: Vec<TargetGroup>) -> Vec<(&'static str, String)> {
        let mut platform = design();
        platform.load_balancer.load_balancers[0].target_groups = groups;
        crate::rules::check(&platform)
            .into_iter()
            .filter(|d| RULES.iter().any(|rule| rule.code == d.code))
            .map(|d| (d.code, d.path.as_str().to_owned()))
            .collect()
    }

    const AT: &str = "load_balancer.load_balancers.web.target_groups";

    #[test]
    fn one_default_and_routed_groups_pass() {
        let admin = Route::new(10).path("/admin/*").host("admin.example.com");
        assert_eq!(findings(vec![group("api", None), group("admin", Some(admin))]), []);
        assert_eq!(findings(vec![]), []);
    }

    #[test]
    fn exactly_one_default() {
        let found = findings(vec![group("api", None), group("admin", None), group("other", None)]);
        assert_eq!(
            found,
            [
                ("listener-default-target-group", format!("{AT}.admin")),
                ("listener-default-target-group", format!("{AT}.other")),
            ]
        );
        let found = findings(vec![group("api", Some(Route::new(1).path("/*")))]);
        assert_eq!(found, [("listener-default-target-group", "load_balancer.load_balancers.web".to_owned())]);
    }

    #[test]
    fn priorities_in_range_and_unique() {
        let found = findings(vec![
            group("api", None),
            group("a", Some(Route::new(0).path("/a"))),
            group("b", Some(Route::new(50_001).path("/b"))),
            group("c", Some(Route::new(50_000).path("/c"))),
            group("d", Some(Route::new(50_000).path("/d"))),
            group("e", Some(Route::new(1).path("/e"))),
        ]);
        assert_eq!(
            found,
            [
                ("invalid-listener-rule-priority", format!("{AT}.a.route.priority")),
                ("invalid-listener-rule-priority", format!("{AT}.b.route.priority")),
                ("invalid-listener-rule-priority", format!("{AT}.d.route.priority")),
            ]
        );
    }

    #[test]
    fn one_to_five_condition_values() {
        let five = Route::new(1).path("/a").path("/b").path("/c").host("a.example.com").host("b.example.com");
        assert_eq!(findings(vec![group("api", None), group("x", Some(five.clone()))]), []);
        let six = five.host("c.example.com");
        assert_eq!(
            findings(vec![group("api", None), group("x", Some(six))]),
            [("listener-rule-condition-values", format!("{AT}.x.route.hosts[2]"))]
        );
        assert_eq!(
            findings(vec![group("api", None), group("x", Some(Route::new(1)))]),
            [("listener-rule-condition-values", format!("{AT}.x.route"))]
        );
    }

    #[test]
    fn path_and_host_patterns() {
        for (pattern, ok) in [
            ("/admin/*", true),
            ("/a-b_c.d$e~f\"g'h@i:j+k&l?", true),
            ("/search?q=1", false),
            ("/caf\u{e9}", false),
            ("", false),
        ] {
            let found = findings(vec![group("api", None), group("x", Some(Route::new(1).path(pattern)))]);
            assert_eq!(found.is_empty(), ok, "{pattern:?}: {found:?}");
        }
        assert_eq!(path_problem(&format!("/{}", "a".repeat(127))), None);
        assert!(path_problem(&format!("/{}", "a".repeat(128))).is_some());
        for (pattern, ok) in [
            ("*.example.com", true),
            ("api-1.example.co?", false),
            ("localhost", false),
            ("api.example.com:443", false),
            ("api.example.c0m", false),
            ("under_score.example.com", true),
        ] {
            assert_eq!(host_problem(pattern).is_none(), ok, "{pattern}");
        }
    }
}
