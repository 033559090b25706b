//! Acknowledged warnings: the design says why a warning does not apply.

use crate::diag::{Diagnostic, Severity};
use crate::model::{path, Platform};
use crate::rules::declare_rules;

use super::Rule;

declare_rules! {
    /// An acknowledgement names no warning, has no reason, or names an error.
    INVALID_ACKNOWLEDGEMENT = "invalid-acknowledgement", Error,
        "an acknowledgement names a warning rule and gives a reason",
        "this project's rule catalogue: errors are what AWS rejects and cannot be acknowledged";
}

/// Drops the warnings the design acknowledges, and reports acknowledgements that are not valid:
/// an unknown code, an error's code (errors are what AWS rejects: they cannot be waived), or an
/// empty reason.
///
/// Source: this project's catalogue ([`super::catalogue()`]); errors encode AWS rejections.
pub(crate) fn apply(mut findings: Vec<Diagnostic>, platform: &Platform) -> Vec<Diagnostic> {
    for (idx, ack) in platform.acknowledgements.iter().enumerate() {
        let problem = match Rule::find(&ack.code) {
            None => Some(format!("`{}` is not the code of any rule", ack.code)),
            Some(rule) if rule.severity == Severity::Error => Some(format!(
                "`{}` is an error, and errors cannot be acknowledged",
                ack.code
            )),
            Some(_) if ack.reason.trim().is_empty() => {
                Some(format!("acknowledging `{}` needs a reason", ack.code))
            }
            Some(_) => None,
        };
        match problem {
            Some(message) => findings.push(
                INVALID_ACKNOWLEDGEMENT
                    .at(path::acknowledgement(idx), message)
                    .with_related(ack.path.clone(), "the acknowledgement is about this element")
                    .with_help("acknowledge a warning's code, with a reason string that says why it does not apply"),
            ),
            None => findings.retain(|d| !(d.severity == Severity::Warning && d.code == ack.code && d.path.starts_with(&ack.path))),
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::model::{path, Peer, SecurityGroupRule};
    use crate::testing::{codes, design, group_mut};
    use crate::value::{Cidr, PortRange, Traffic};

    fn open_database() -> crate::model::Platform {
        let mut platform = design();
        let open = SecurityGroupRule::new(
            Traffic::Tcp(PortRange::single(5432)),
            Peer::Cidr(Cidr::ANYWHERE),
        );
        group_mut(&mut platform, "database").ingress.push(open);
        platform
    }

    #[test]
    fn a_reasoned_acknowledgement_silences_the_warning() {
        let platform = open_database().acknowledge(
            "database-open-to-world",
            path::security_group("database"),
            "a public demo",
        );
        assert_eq!(codes(&platform), Vec::<&str>::new());
    }

    #[test]
    fn acknowledgements_need_a_reason_and_a_warning() {
        let platform = open_database().acknowledge(
            "database-open-to-world",
            path::security_group("database"),
            " ",
        );
        assert_eq!(
            codes(&platform),
            ["invalid-acknowledgement", "database-open-to-world"]
        );
        let platform = design().acknowledge("subnet-overlap", path::network(), "we know");
        assert_eq!(codes(&platform), ["invalid-acknowledgement"]);
        let platform = design().acknowledge("no-such-rule", path::network(), "we know");
        assert_eq!(codes(&platform), ["invalid-acknowledgement"]);
    }

    #[test]
    fn an_acknowledgement_covers_only_its_element() {
        let platform = open_database().acknowledge(
            "database-open-to-world",
            path::security_group("alb"),
            "wrong group",
        );
        assert_eq!(codes(&platform), ["database-open-to-world"]);
    }
}
