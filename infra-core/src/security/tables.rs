//! The security section's data table: the AWS managed IAM policies, read from
//! `data/aws-managed-policies.txt` (refreshed by `scripts/refresh-iam-data` from IAM
//! ListPolicies with the AWS scope, as MAMIP publishes it). AWS adds policies, so a name the
//! table does not know is a warning, never an error.

const POLICIES: &str = include_str!("data/aws-managed-policies.txt");

/// The table, read once and sorted by name.
fn table() -> &'static [(&'static str, &'static str)] {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, &'static str)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<_> = POLICIES
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .filter_map(|line| line.split_once(' '))
            .collect();
        table.sort_unstable();
        table
    })
}

/// Every AWS managed policy of the table, with its path (`/`, `/service-role/`, ...), by name.
pub fn managed_policies() -> impl Iterator<Item = (&'static str, &'static str)> {
    table().iter().copied()
}

/// The path of the AWS managed policy `name`, if the table knows it.
pub fn managed_policy_path(name: &str) -> Option<&'static str> {
    let table = table();
    table
        .binary_search_by(|(known, _)| (*known).cmp(name))
        .ok()
        .map(|at| table[at].1)
}

/// The ARN of the AWS managed policy `name`: with its path when the table knows it, at the root
/// otherwise (where most policies are).
pub fn managed_policy_arn(name: &str) -> String {
    let path = managed_policy_path(name).unwrap_or("/");
    format!("arn:aws:iam::aws:policy{path}{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads() {
        assert!(managed_policies().count() > 1000);
        assert_eq!(managed_policy_path("AmazonS3ReadOnlyAccess"), Some("/"));
        assert_eq!(managed_policy_path("AmazonS3ReadOnly"), None);
        assert_eq!(
            managed_policy_arn("AmazonECSTaskExecutionRolePolicy"),
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        );
        assert!(managed_policies().all(|(_, path)| path.starts_with('/') && path.ends_with('/')));
    }
}
