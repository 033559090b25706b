//! CloudFormation's quotas on one template, enforced when [`crate::synth`] makes it: a design
//! that would exceed one is an error, not a template that fails at deploy.
//!
//! Source: CloudFormation User Guide, "CloudFormation quotas": 500 resources, 200 parameters and
//! 200 outputs per template; a template body of at most 51,200 bytes in a request and 1 MB in an
//! S3 object (cfn-lint's rule E1002 counts 1 MB as 1,000,000 bytes).

use std::fmt;

use crate::error::SynthError;
use crate::template::Template;

/// The most bytes of template body CloudFormation accepts inline (`--template-body`, the
/// `TemplateBody` parameter). A larger body is not an error: it is deployed through S3
/// (`aws cloudformation deploy --s3-bucket ...`); see [`Template::fits_inline`].
pub const INLINE_BODY_LIMIT: usize = 51_200;

/// A quota CloudFormation puts on one template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Quota {
    /// Resources declared in one template: 500.
    Resources,
    /// Parameters declared in one template: 200.
    Parameters,
    /// Outputs declared in one template: 200.
    Outputs,
    /// Bytes of template body, uploaded to S3 (the larger of the two body quotas): 1,000,000.
    BodyBytes,
}

impl Quota {
    /// The quota's value.
    pub const fn limit(&self) -> usize {
        match self {
            Self::Resources => 500,
            Self::Parameters | Self::Outputs => 200,
            Self::BodyBytes => 1_000_000,
        }
    }
}

impl fmt::Display for Quota {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Resources => "resources",
            Self::Parameters => "parameters",
            Self::Outputs => "outputs",
            Self::BodyBytes => "bytes of template body",
        })
    }
}

/// The first quota `template` exceeds, with its count: resources, parameters, outputs, then the
/// size of the compact body.
pub(crate) fn check(template: &Template) -> Result<(), SynthError> {
    let counts = [
        (Quota::Resources, template.resources().len()),
        (Quota::Parameters, template.parameters().len()),
        (Quota::Outputs, template.outputs().len()),
    ];
    for (quota, count) in counts {
        if count > quota.limit() {
            return Err(SynthError::QuotaExceeded { quota, count });
        }
    }
    let size = template.to_compact_json().len();
    if size > Quota::BodyBytes.limit() {
        return Err(SynthError::QuotaExceeded {
            quota: Quota::BodyBytes,
            count: size,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use infra_core::fixtures::reference_network;
    use infra_core::model::SecurityGroup;
    use infra_core::value::Name;

    use super::*;
    use crate::logical_id::LogicalId;
    use crate::template::{Output, Parameter, Resource};
    use crate::Expr;

    #[test]
    fn a_design_of_more_than_500_resources_is_an_error_naming_the_count() {
        let base = reference_network().validate().expect("a valid design");
        let base = crate::synth(&base, "production")
            .expect("the reference design fits")
            .resources()
            .len();
        let extra = Quota::Resources.limit() + 1 - base;
        let mut platform = reference_network();
        for idx in 0..extra {
            let name: Name = format!("group{idx}").parse().expect("a name");
            platform
                .network
                .security_groups
                .push(SecurityGroup::new(name, "generated"));
        }
        let platform = platform.validate().expect("a valid design");
        let error = crate::synth(&platform, "production").expect_err("over the quota");
        assert_eq!(
            error,
            SynthError::QuotaExceeded {
                quota: Quota::Resources,
                count: 501
            }
        );
        assert_eq!(
            error.to_string(),
            "the template has 501 resources; CloudFormation allows at most 500 resources in one template"
        );
        let mut fits = reference_network();
        for idx in 0..extra - 1 {
            let name: Name = format!("group{idx}").parse().expect("a name");
            fits.network
                .security_groups
                .push(SecurityGroup::new(name, "generated"));
        }
        let fits = fits.validate().expect("a valid design");
        let template = crate::synth(&fits, "production").expect("exactly 500 resources fit");
        assert_eq!(template.resources().len(), 500);
    }

    #[test]
    fn parameters_outputs_and_body_size_are_counted() {
        let mut template = Template::new("quota");
        for idx in 0..=200 {
            template.add_parameter(
                LogicalId::new([format!("P{idx}")]),
                Parameter::new("String", "generated"),
            );
        }
        assert_eq!(
            check(&template),
            Err(SynthError::QuotaExceeded {
                quota: Quota::Parameters,
                count: 201
            })
        );
        let mut template = Template::new("quota");
        for idx in 0..200 {
            template.add_output(
                LogicalId::new([format!("O{idx}")]),
                Output::exported("generated", Expr::from("x"), Expr::from(format!("o{idx}"))),
            );
        }
        assert_eq!(check(&template), Ok(()));
        template.add_output(
            LogicalId::new(["Over"]),
            Output::exported("generated", Expr::from("x"), Expr::from("over")),
        );
        assert_eq!(
            check(&template),
            Err(SynthError::QuotaExceeded {
                quota: Quota::Outputs,
                count: 201
            })
        );
        let mut template = Template::new("quota");
        template.add_resource(
            LogicalId::new(["Big"]),
            Resource::new("AWS::SSM::Parameter").property("Value", "x".repeat(1_000_000)),
        );
        let size = template.to_compact_json().len();
        assert!(!template.fits_inline());
        assert_eq!(
            check(&template),
            Err(SynthError::QuotaExceeded {
                quota: Quota::BodyBytes,
                count: size
            })
        );
        assert!(SynthError::QuotaExceeded {
            quota: Quota::BodyBytes,
            count: size
        }
        .to_string()
        .contains("through S3"));
    }
}
