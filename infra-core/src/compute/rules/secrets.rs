//! Rules on the secrets a service's container reads: they exist, and their variables' names are
//! the container's own.

use crate::diag::Diagnostic;
use crate::model::{path, Platform, Service};
use crate::rules::declare_rules;
use crate::rules::suggest::help_for;

declare_rules! {
    /// A service reads a secret the design does not define.
    UNKNOWN_SECRET = "unknown-secret", Error,
        "a service reads secrets of the design",
        "ECS Developer Guide, secrets-envvar-secrets-manager.html (`valueFrom` is the secret's ARN; a task whose secret does not exist fails to start with ResourceNotFoundException); CloudFormation AWS::ECS::TaskDefinition Secret.ValueFrom";
    /// A secret's variable is also an environment variable, or another secret's.
    SECRET_VARIABLE_CONFLICT = "secret-variable-conflict", Error,
        "a secret's variable name is unique in its container: no environment variable and no other secret has it",
        "ECS API RegisterTaskDefinition (ClientException: \"The secret name must be unique and not shared with any new or existing environment variables set on the container\"); ECS API ContainerDefinition.secrets";
}

pub(crate) fn check(cx: &mut Vec<Diagnostic>, platform: &Platform) {
    for service in &platform.compute.services {
        check_references(cx, platform, service);
        check_conflicts(cx, service);
    }
}

/// Every secret the service reads is a secret of the security section.
///
/// Source: ECS Developer Guide, "Pass Secrets Manager secrets through Amazon ECS environment
/// variables": ECS reads the secret named by ARN when it starts the task.
fn check_references(cx: &mut Vec<Diagnostic>, platform: &Platform, service: &Service) {
    let name = service.name.as_str();
    let known = &platform.security.secrets;
    for variable in &service.secrets {
        let wanted = variable.secret.as_str();
        if platform.security.find_secret(wanted).is_some() {
            continue;
        }
        cx.push(
            UNKNOWN_SECRET
                .at(
                    path::service_secret_reference(name, &variable.name),
                    format!("service `{name}` reads secret `{wanted}` into `{}`, but the design defines no secret `{wanted}`", variable.name),
                )
                .with_help(help_for("secrets", wanted, known.iter().map(|secret| secret.name.as_str()))),
        );
    }
}

/// No secret's variable is an environment variable of the container or an earlier secret's.
///
/// Source: ECS API RegisterTaskDefinition, which rejects the task definition: "The secret name
/// must be unique and not shared with any new or existing environment variables set on the
/// container".
fn check_conflicts(cx: &mut Vec<Diagnostic>, service: &Service) {
    let name = service.name.as_str();
    for (idx, variable) in service.secrets.iter().enumerate() {
        let at = path::service_secret(name, &variable.name);
        let var = variable.name.as_str();
        if service.environment.iter().any(|v| v.name == var) {
            cx.push(
                SECRET_VARIABLE_CONFLICT
                    .at(at, format!("service `{name}` sets `{var}` both from secret `{}` and in `environment`; ECS rejects the task definition", variable.secret))
                    .with_related(path::service_variable(name, var), "the environment variable")
                    .with_help("give the secret's variable another name, or drop the environment variable"),
            );
        } else if service.secrets[..idx].iter().any(|earlier| earlier.name == var) {
            cx.push(
                SECRET_VARIABLE_CONFLICT
                    .at(at, format!("service `{name}` sets `{var}` from two secrets; ECS rejects the task definition"))
                    .with_help("give each secret's variable its own name"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Compute, Platform, Secret, Security, Service};
    use crate::testing::{codes, design};
    use crate::value::Name;

    fn with(service: Service) -> Platform {
        let mut platform = design();
        platform.compute = Compute::new().service(service);
        platform.security = Security::new().secret(Secret::new(Name::new_assert("api_keys")));
        platform
    }

    fn api() -> Service {
        crate::compute::rules::testing::api("private", "application")
    }

    fn findings(platform: &Platform) -> Vec<&'static str> {
        codes(platform)
            .into_iter()
            .filter(|code| ["unknown-secret", "secret-variable-conflict"].contains(code))
            .collect()
    }

    #[test]
    fn a_known_secret_passes() {
        assert_eq!(findings(&with(api().secret("API_KEYS", Name::new_assert("api_keys")))), Vec::<&str>::new());
    }

    #[test]
    fn an_unknown_secret_is_suggested() {
        let platform = with(api().secret("API_KEYS", Name::new_assert("api_key")));
        assert_eq!(findings(&platform), ["unknown-secret"]);
        let help: Vec<_> = crate::rules::check(&platform).iter().filter(|d| d.code == "unknown-secret").filter_map(|d| d.help.clone()).collect();
        assert_eq!(help, ["did you mean `api_keys`?"]);
    }

    #[test]
    fn a_variable_is_set_once() {
        let both = api().variable("API_KEYS", "x").secret("API_KEYS", Name::new_assert("api_keys"));
        assert_eq!(findings(&with(both)), ["secret-variable-conflict"]);
        let twice = api()
            .secret("API_KEYS", Name::new_assert("api_keys"))
            .secret("API_KEYS", Name::new_assert("api_keys"));
        assert_eq!(findings(&with(twice)), ["secret-variable-conflict"]);
        let distinct = api()
            .variable("PORT", "8080")
            .secret("API_KEYS", Name::new_assert("api_keys"))
            .secret("OTHER_KEYS", Name::new_assert("api_keys"));
        assert_eq!(findings(&with(distinct)), Vec::<&str>::new());
    }
}
