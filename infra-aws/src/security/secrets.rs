//! The lowering of the secrets: each an `AWS::SecretsManager::Secret` with a generated initial
//! value (never in the template), encrypted with the design's KMS key it names (or the section's
//! own key of the secrets that name none), and, when
//! it rotates, an `AWS::SecretsManager::RotationSchedule` invoking the team's Lambda function,
//! whose ARN is a template parameter. The secrets' ARNs and their keys' are outputs, for the
//! rotation function's permissions.

use infra_core::model::{path, RotationFunction, Secret};
use infra_core::rules::{INVALID_SECRET_ROTATION, SECRET_WITHOUT_ROTATION, UNKNOWN_KMS_KEY};

use super::logical_id;
use crate::context::State;
use crate::intrinsic::{Expr, Pseudo};
use crate::kms::account_administers;
use crate::stack::Stack;
use crate::template::{Output, Parameter, Policy, Resource, Template};

/// The ARN of a Lambda function (unqualified, or with a version or alias), as Lambda's
/// `FunctionName` takes it in the standard, China and GovCloud partitions.
const LAMBDA_ARN_PATTERN: &str =
    "^arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(-gov)?-[a-z]+-[0-9]:[0-9]{12}:function:[a-zA-Z0-9_-]{1,64}(:(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?$";

/// The ARN of the key that encrypts `secret`: the one place the secret and its readers' grants
/// take it from.
pub(crate) fn key_arn(secret: &Secret) -> Expr {
    crate::kms::key_arn(secret.kms_key.as_ref(), &logical_id::secrets_key())
}

/// The key of the secrets that name none of the design's keys (the account administers it and
/// grants its use through IAM policies), and its ARN as an output; nothing without such secrets.
pub(super) fn key(stack: &Stack<'_>, template: &mut Template, secrets: &[Secret]) {
    let names: Vec<&str> = secrets
        .iter()
        .filter(|secret| secret.kms_key.is_none())
        .map(|secret| secret.name.as_str())
        .collect();
    if names.is_empty() {
        return;
    }
    template.add_resource(
        logical_id::secrets_key(),
        Resource::new("AWS::KMS::Key")
            .property("Description", format!("Encrypts the secrets {}", names.join(", ")))
            .property("EnableKeyRotation", true)
            .property(
                "KeyPolicy",
                Expr::map([
                    ("Version", Expr::from("2012-10-17")),
                    ("Statement", Expr::list([account_administers()])),
                ]),
            )
            .property("Tags", stack.tags("secrets-key"))
            .keep_on(Policy::Retain)
            .context(stack.context(
                path::security(),
                format!("Encrypts the secrets {}, rotated yearly; retained with them, since they stay readable only with it", names.join(", ")),
                State::Stateful,
            )),
    );
}

/// The secret, its rotation schedule and rotation function parameter if it rotates, and its ARN
/// as an output.
///
/// Source: CloudFormation AWS::SecretsManager::Secret (`GenerateSecretString`, `KmsKeyId`) and
/// AWS::SecretsManager::RotationSchedule (`RotationLambdaARN`, `RotationRules`); Secrets Manager
/// User Guide, rotate-secrets_lambda-permissions (the function's resource policy lets
/// `secretsmanager.amazonaws.com` invoke it).
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template, secret: &Secret) {
    let name = secret.name.as_str();
    let id = logical_id::secret(&secret.name);
    let key = match &secret.kms_key {
        Some(key) => format!("the design's key `{key}`"),
        None => "the secrets' key".to_owned(),
    };
    let rotates = match &secret.rotation {
        Some(rotation) => format!("rotated every {} days by the team's Lambda function", rotation.days),
        None => "never rotated".to_owned(),
    };
    template.add_resource(
        id.clone(),
        Resource::new("AWS::SecretsManager::Secret")
            .property("Description", format!("Secret `{name}`"))
            .property("KmsKeyId", key_arn(secret))
            .property(
                "GenerateSecretString",
                // A random initial value, so that the secret has a current version from the
                // start: tasks that read it can start, and the rotation function has a value to
                // replace. No punctuation: the value travels in headers and URLs.
                Expr::map([("PasswordLength", Expr::Int(64)), ("ExcludePunctuation", Expr::Bool(true))]),
            )
            .property("Tags", stack.tags(&format!("secret-{name}")))
            .keep_on(Policy::Retain)
            .context(
                stack
                    .context(
                        path::secret(name),
                        format!("Secret `{name}`, generated at creation and {rotates}, encrypted with {key}; retained, since the services and their clients depend on its value"),
                        State::Stateful,
                    )
                    .must([&SECRET_WITHOUT_ROTATION])
                    .must(secret.kms_key.is_some().then_some(&UNKNOWN_KMS_KEY)),
            ),
    );
    if let Some(rotation) = &secret.rotation {
        let function = match rotation.function {
            RotationFunction::Parameter => {
                let parameter = logical_id::rotation_function(&secret.name);
                template.add_parameter(
                    parameter.clone(),
                    Parameter::new(
                        "String",
                        format!("The ARN of the team's Lambda function that rotates secret `{name}`; it must exist before the deployment, allow secretsmanager.amazonaws.com to invoke it in its resource policy, and its role must read and write the secret and use its key (see the outputs)"),
                    )
                    .allowed_pattern(
                        LAMBDA_ARN_PATTERN,
                        "the ARN of a Lambda function: arn:aws:lambda:<region>:<account>:function:<name>, optionally with a version or alias",
                    ),
                );
                Expr::reference(&parameter)
            }
        };
        template.add_resource(
            logical_id::secret_rotation(&secret.name),
            Resource::new("AWS::SecretsManager::RotationSchedule")
                .property("SecretId", Expr::reference(&id))
                .property("RotationLambdaARN", function)
                .property("RotationRules", Expr::map([("AutomaticallyAfterDays", Expr::Int(i64::from(rotation.days)))]))
                .context(
                    stack
                        .context(
                            path::secret_rotation(name),
                            format!("Rotates secret `{name}` every {} days with the team's Lambda function, once when created", rotation.days),
                            State::Stateless,
                        )
                        .must([&INVALID_SECRET_ROTATION]),
                ),
        );
    }
    let output = logical_id::secret_output(&secret.name);
    template.add_output(
        output.clone(),
        Output::exported(
            format!("The ARN of secret `{name}`: its rotation function's role reads and writes it, and its resource policy may name it as aws:SourceArn"),
            Expr::reference(&id),
            Expr::sub(format!("${{{}}}-{output}", Pseudo::StackName.name())),
        ),
    );
    let output = logical_id::secret_key_output(&secret.name);
    template.add_output(
        output.clone(),
        Output::exported(
            format!("The ARN of the key of secret `{name}`: its rotation function's role needs kms:Decrypt and kms:GenerateDataKey on it"),
            key_arn(secret),
            Expr::sub(format!("${{{}}}-{output}", Pseudo::StackName.name())),
        ),
    );
}
