//! The master password: never in the template. By default a Secrets Manager secret of the stack
//! (`GenerateSecretString`), read by the instance through dynamic references and rotated on
//! schedule by AWS's hosted rotation function (`HostedRotationLambda`, which needs the
//! `AWS::SecretsManager-2020-07-23` transform) running in the design's tier; or RDS's own
//! managed secret (`ManageMasterUserPassword`), which RDS rotates, for a primary without
//! replicas (RDS cannot create a replica of a source whose password it manages).

use infra_core::model::{path, MasterPassword, Postgres};
use infra_core::rules::{
    INVALID_SECRET_ROTATION, MANAGED_PASSWORD_WITH_REPLICAS, PASSWORD_ROTATION_CANNOT_REACH_DATABASE,
    PASSWORD_ROTATION_WITHOUT_SECRETS_MANAGER, UNKNOWN_SECURITY_GROUP, UNKNOWN_TIER,
};

use super::logical_id;
use crate::context::State;
use crate::intrinsic::{Expr, Pseudo};
use crate::network::logical_id as network_id;
use crate::stack::Stack;
use crate::template::{Output, Policy, Resource, Template};

/// The transform that expands `HostedRotationLambda` into AWS's rotation function.
pub(crate) const SECRETS_MANAGER_TRANSFORM: &str = "AWS::SecretsManager-2020-07-23";

/// The master user's name.
const MASTER_USER: &str = "postgres";

/// The properties of the primary that name its master user and password.
pub(super) fn credentials(pg: &Postgres) -> Vec<(&'static str, Expr)> {
    match &pg.master_password {
        MasterPassword::Secret { .. } => {
            let secret = logical_id::secret(&pg.name);
            let resolve = |key: &str| Expr::sub(format!("{{{{resolve:secretsmanager:${{{secret}}}::{key}}}}}"));
            vec![
                ("MasterUsername", resolve("username")),
                ("MasterUserPassword", resolve("password")),
            ]
        }
        MasterPassword::RdsManaged { .. } => vec![
            ("MasterUsername", Expr::from(MASTER_USER)),
            ("ManageMasterUserPassword", Expr::Bool(true)),
            (
                "MasterUserSecret",
                Expr::map([("KmsKeyId", super::key_arn(pg))]),
            ),
        ],
    }
}

/// Adds the secret (when the stack keeps it), its rotation schedule and its ARN as an output.
pub(super) fn lower(stack: &Stack<'_>, template: &mut Template, pg: &Postgres) {
    let name = pg.name.as_str();
    let days = pg.master_password.rotation_days();
    let rules = Expr::map([("AutomaticallyAfterDays", Expr::Int(i64::from(days)))]);
    let secret_arn = match &pg.master_password {
        MasterPassword::Secret { tier, security_groups, .. } => {
            secret(stack, template, pg);
            let subnets = stack.subnet_ids(tier.as_str());
            let groups = security_groups
                .iter()
                .map(|group| Expr::get_att(&network_id::security_group(group), "GroupId"));
            let function = stack.name(&format!("db-{name}-rotation"));
            template.add_transform(SECRETS_MANAGER_TRANSFORM);
            template.add_resource(
                logical_id::rotation(&pg.name),
                Resource::new("AWS::SecretsManager::RotationSchedule")
                    .depends_on(logical_id::secret_attachment(&pg.name))
                    .property("SecretId", Expr::reference(&logical_id::secret(&pg.name)))
                    .property(
                        "HostedRotationLambda",
                        Expr::map([
                            ("RotationType", Expr::from("PostgreSQLSingleUser")),
                            ("RotationLambdaName", Expr::from(function.clone())),
                            ("VpcSubnetIds", Expr::join(",", subnets)),
                            ("VpcSecurityGroupIds", Expr::join(",", groups)),
                            ("KmsKeyArn", super::key_arn(pg)),
                        ]),
                    )
                    .property("RotationRules", rules)
                    .context(
                        stack
                            .context(
                                path::postgres_master_password(name),
                                format!("Rotates database `{name}`'s master password every {days} days with AWS's hosted function `{function}`, in the {tier} tier"),
                                State::Stateless,
                            )
                            .must([
                                &INVALID_SECRET_ROTATION,
                                &UNKNOWN_TIER,
                                &UNKNOWN_SECURITY_GROUP,
                                &PASSWORD_ROTATION_CANNOT_REACH_DATABASE,
                                &PASSWORD_ROTATION_WITHOUT_SECRETS_MANAGER,
                            ]),
                    ),
            );
            Expr::reference(&logical_id::secret(&pg.name))
        }
        MasterPassword::RdsManaged { .. } => {
            let managed = Expr::get_att(&logical_id::primary(&pg.name), "MasterUserSecret.SecretArn");
            template.add_resource(
                logical_id::rotation(&pg.name),
                Resource::new("AWS::SecretsManager::RotationSchedule")
                    .property("SecretId", managed.clone())
                    .property("RotationRules", rules)
                    .context(
                        stack
                            .context(
                                path::postgres_master_password(name),
                                format!("Sets the rotation of database `{name}`'s RDS-managed master password to every {days} days"),
                                State::Stateless,
                            )
                            .must([&INVALID_SECRET_ROTATION, &MANAGED_PASSWORD_WITH_REPLICAS]),
                    ),
            );
            managed
        }
    };
    let output = logical_id::secret_output(&pg.name);
    template.add_output(
        output.clone(),
        Output::exported(
            format!("The ARN of the secret holding database `{name}`'s master user and password"),
            secret_arn,
            Expr::sub(format!("${{{}}}-{output}", Pseudo::StackName.name())),
        ),
    );
}

/// The generated secret, and its attachment to the primary (which adds the host and port the
/// rotation function connects to).
fn secret(stack: &Stack<'_>, template: &mut Template, pg: &Postgres) {
    let name = pg.name.as_str();
    let template_string = format!("{{\"username\":\"{MASTER_USER}\"}}");
    template.add_resource(
        logical_id::secret(&pg.name),
        Resource::new("AWS::SecretsManager::Secret")
            .property("Description", format!("Database `{name}`'s master user and password"))
            .property("KmsKeyId", super::key_arn(pg))
            .property(
                "GenerateSecretString",
                Expr::map([
                    ("SecretStringTemplate", Expr::from(template_string)),
                    ("GenerateStringKey", Expr::from("password")),
                    ("PasswordLength", Expr::Int(32)),
                    // Characters PostgreSQL connection strings and RDS reject in a password.
                    ("ExcludeCharacters", Expr::from("\"@/\\")),
                ]),
            )
            .property("Tags", stack.tags(&format!("db-{name}-secret")))
            .keep_on(Policy::Retain)
            .context(
                stack
                    .context(
                        path::postgres_master_password(name),
                        format!("Database `{name}`'s master user and a generated password, encrypted with the database's key; retained, since the final snapshot opens only with it"),
                        State::Stateful,
                    )
                    .must([&MANAGED_PASSWORD_WITH_REPLICAS]),
            ),
    );
    template.add_resource(
        logical_id::secret_attachment(&pg.name),
        Resource::new("AWS::SecretsManager::SecretTargetAttachment")
            .property("SecretId", Expr::reference(&logical_id::secret(&pg.name)))
            .property("TargetId", Expr::reference(&logical_id::primary(&pg.name)))
            .property("TargetType", "AWS::RDS::DBInstance")
            .context(stack.context(
                path::postgres_master_password(name),
                format!("Adds database `{name}`'s host and port to its secret, for clients and the rotation function"),
                State::Stateless,
            )),
    );
}
