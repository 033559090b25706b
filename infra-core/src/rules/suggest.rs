//! "Did you mean" suggestions for names that do not resolve, shared with the `platform!` parser.

/// The known name closest to `wanted`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.len() / 3).max(1);
    known
        .into_iter()
        .map(|name| (edit_distance(wanted, name), name))
        .filter(|&(distance, _)| distance <= limit)
        .min()
        .map(|(_, name)| name)
}

/// How many names a help line lists before it says how many more there are.
const LISTED: usize = 5;

/// A help line about a `kind` (plural noun): the suggestion if there is one, else the known names,
/// each once, nearest to `wanted` first, at most a few of them.
pub fn help_for<'a>(
    kind: &str,
    wanted: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    if let Some(name) = did_you_mean(wanted, known.clone()) {
        return format!("did you mean `{name}`?");
    }
    let mut names: Vec<&str> = Vec::new();
    for name in known {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return format!("the design defines no {kind}");
    }
    // Stable: names equally far keep the order they are defined in.
    names.sort_by_key(|name| edit_distance(wanted, name));
    let listed: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|name| format!("`{name}`"))
        .collect();
    let mut help = format!("the design defines the {kind} {}", listed.join(", "));
    if names.len() > LISTED {
        help.push_str(&format!(" and {} more", names.len() - LISTED));
    }
    help
}

/// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
/// (optimal string alignment), over bytes: names are ASCII.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = ["alb", "application", "database"];
        assert_eq!(did_you_mean("applicaton", known), Some("application"));
        assert_eq!(did_you_mean("abl", known), Some("alb"));
        assert_eq!(did_you_mean("cache", known), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn lists_names_without_a_close_one() {
        assert_eq!(
            help_for("security groups", "cache", ["alb", "db"]),
            "the design defines the security groups `alb`, `db`"
        );
        assert_eq!(help_for("tiers", "x", []), "the design defines no tiers");
    }

    #[test]
    fn lists_each_name_once() {
        assert_eq!(
            help_for("tiers", "cache", ["db", "app", "db"]),
            "the design defines the tiers `app`, `db`"
        );
    }

    #[test]
    fn lists_a_few_names_nearest_first() {
        let known: Vec<String> = (0..50).map(|idx| format!("group{idx:02}")).collect();
        let mut names: Vec<&str> = known.iter().map(String::as_str).collect();
        names.push("cash");
        let help = help_for("security groups", "cachet", names.iter().copied());
        assert_eq!(
            help,
            "the design defines the security groups `cash`, `group00`, `group01`, `group02`, `group03` and 46 more"
        );
    }
}
