//! The references a template makes between its parts, for checking that each one resolves.

use crate::intrinsic::Expr;
use crate::template::Template;

/// One reference: `from` (a resource's logical id, or `Outputs.<id>`) names `target`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    /// The resource's logical id, or `Outputs.<id>` for an output.
    pub from: String,
    /// The logical id of the resource or parameter named.
    pub target: String,
    /// How it is named.
    pub kind: ReferenceKind,
}

/// How a reference names its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReferenceKind {
    /// `{"Ref": target}`.
    Ref,
    /// `{"Fn::GetAtt": [target, attribute]}`.
    GetAtt,
    /// `"DependsOn": [target]`.
    DependsOn,
    /// `${target}` or `${target.Attribute}` in an `Fn::Sub` string.
    Sub,
}

/// Every reference in `template`, pseudo parameters left out, in template order.
pub(crate) fn collect(template: &Template) -> Vec<Reference> {
    let mut found = Vec::new();
    for (id, resource) in template.resources() {
        let from = id.as_str();
        for target in resource.dependencies() {
            push(&mut found, from, target.as_str(), ReferenceKind::DependsOn);
        }
        for value in resource.properties().values() {
            walk(&mut found, from, value);
        }
    }
    for (id, output) in template.outputs() {
        let from = format!("Outputs.{id}");
        walk(&mut found, &from, output.value());
        walk(&mut found, &from, output.export_name());
    }
    found
}

fn walk(found: &mut Vec<Reference>, from: &str, expr: &Expr) {
    match expr {
        Expr::String(_) | Expr::Int(_) | Expr::Number(_) | Expr::Bool(_) => {}
        Expr::List(values) | Expr::Join(_, values) => {
            for value in values {
                walk(found, from, value);
            }
        }
        Expr::Map(entries) => {
            for value in entries.values() {
                walk(found, from, value);
            }
        }
        Expr::Ref(target) => push(found, from, target, ReferenceKind::Ref),
        Expr::GetAtt(target, _) => push(found, from, target, ReferenceKind::GetAtt),
        Expr::Sub(text) => {
            for target in sub_variables(text) {
                push(found, from, target, ReferenceKind::Sub);
            }
        }
    }
}

fn push(found: &mut Vec<Reference>, from: &str, target: &str, kind: ReferenceKind) {
    if !target.starts_with("AWS::") {
        found.push(Reference {
            from: from.to_owned(),
            target: target.to_owned(),
            kind,
        });
    }
}

/// The names an `Fn::Sub` string refers to: `X` for `${X}` and `${X.Attribute}`; `${!Text}` is
/// a literal and names nothing.
pub(crate) fn sub_variables(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let variable = &after[..end];
        if !variable.starts_with('!') {
            let name = variable.split('.').next().unwrap_or(variable);
            names.push(name.trim());
        }
        rest = &after[end + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_variables_name_resources_and_pseudo_parameters() {
        assert_eq!(
            sub_variables("${AWS::StackName}-${Vpc}-${Role.Arn}-${!Literal}"),
            ["AWS::StackName", "Vpc", "Role"]
        );
        assert_eq!(sub_variables("no variables"), Vec::<&str>::new());
        assert_eq!(sub_variables("unterminated ${Vpc"), Vec::<&str>::new());
    }
}
