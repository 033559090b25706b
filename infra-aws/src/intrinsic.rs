//! Template values: literals and CloudFormation's intrinsic functions, as one type.
//!
//! Call sites build an [`Expr`] (`Expr::reference(&vpc)`, `Expr::get_att(&role, "Arn")`) and
//! never spell `{"Ref": ...}` by hand; the [`serde::Serialize`] impl writes CloudFormation's JSON
//! forms.

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::logical_id::LogicalId;

/// A value in a template: a literal, a list, a map or an intrinsic function.
///
/// ```
/// use infra_aws::Expr;
///
/// let region = Expr::sub("com.amazonaws.${AWS::Region}.s3");
/// assert_eq!(
///     serde_json::to_string(&region).unwrap(),
///     r#"{"Fn::Sub":"com.amazonaws.${AWS::Region}.s3"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A string literal.
    String(String),
    /// An integer literal.
    Int(i64),
    /// A decimal literal, such as an alarm threshold of `1.5` seconds.
    Number(serde_json::Number),
    /// A boolean literal.
    Bool(bool),
    /// A list of values.
    List(Vec<Expr>),
    /// A map of values, with sorted keys.
    Map(BTreeMap<String, Expr>),
    /// `{"Ref": target}`: a resource's id, a parameter's value or a pseudo parameter.
    Ref(String),
    /// `{"Fn::GetAtt": [resource, attribute]}`.
    GetAtt(String, String),
    /// `{"Fn::Sub": text}`: `${Name}` and `${Name.Attribute}` are replaced, `${!Text}` is literal.
    Sub(String),
    /// `{"Fn::Join": [separator, values]}`.
    Join(String, Vec<Expr>),
}

impl Expr {
    /// `{"Ref": id}`: the resource's physical id or the parameter's value.
    pub fn reference(id: &LogicalId) -> Expr {
        Expr::Ref(id.as_str().to_owned())
    }

    /// `{"Ref": "AWS::<name>"}`: a pseudo parameter such as `AWS::Region`.
    pub fn pseudo(pseudo: Pseudo) -> Expr {
        Expr::Ref(pseudo.name().to_owned())
    }

    /// `{"Fn::GetAtt": [id, attribute]}`.
    pub fn get_att(id: &LogicalId, attribute: &str) -> Expr {
        Expr::GetAtt(id.as_str().to_owned(), attribute.to_owned())
    }

    /// `{"Fn::Sub": text}`.
    pub fn sub(text: impl Into<String>) -> Expr {
        Expr::Sub(text.into())
    }

    /// `{"Fn::Join": [separator, values]}`.
    pub fn join(separator: impl Into<String>, values: impl IntoIterator<Item = Expr>) -> Expr {
        Expr::Join(separator.into(), values.into_iter().collect())
    }

    /// A map from `(key, value)` pairs; a later pair replaces an earlier one with the same key.
    pub fn map<K: Into<String>>(entries: impl IntoIterator<Item = (K, Expr)>) -> Expr {
        Expr::Map(
            entries
                .into_iter()
                .map(|(key, value)| (key.into(), value))
                .collect(),
        )
    }

    /// A list of values.
    pub fn list(values: impl IntoIterator<Item = Expr>) -> Expr {
        Expr::List(values.into_iter().collect())
    }

    /// The string, if this is a string literal.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expr::String(text) => Some(text),
            _ => None,
        }
    }

    /// The value under `key`, if this is a map that has it.
    pub fn get(&self, key: &str) -> Option<&Expr> {
        match self {
            Expr::Map(entries) => entries.get(key),
            _ => None,
        }
    }
}

/// The pseudo parameters this crate uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pseudo {
    /// `AWS::AccountId`.
    AccountId,
    /// `AWS::Partition`.
    Partition,
    /// `AWS::Region`.
    Region,
    /// `AWS::StackName`.
    StackName,
}

impl Pseudo {
    /// Its name, such as `AWS::Region`.
    pub const fn name(&self) -> &'static str {
        match self {
            Self::AccountId => "AWS::AccountId",
            Self::Partition => "AWS::Partition",
            Self::Region => "AWS::Region",
            Self::StackName => "AWS::StackName",
        }
    }
}

impl From<&str> for Expr {
    fn from(text: &str) -> Expr {
        Expr::String(text.to_owned())
    }
}

impl From<String> for Expr {
    fn from(text: String) -> Expr {
        Expr::String(text)
    }
}

impl From<bool> for Expr {
    fn from(value: bool) -> Expr {
        Expr::Bool(value)
    }
}

impl From<i64> for Expr {
    fn from(value: i64) -> Expr {
        Expr::Int(value)
    }
}

impl From<i32> for Expr {
    fn from(value: i32) -> Expr {
        Expr::Int(value.into())
    }
}

impl From<u16> for Expr {
    fn from(value: u16) -> Expr {
        Expr::Int(value.into())
    }
}

impl From<Vec<Expr>> for Expr {
    fn from(values: Vec<Expr>) -> Expr {
        Expr::List(values)
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Expr::String(text) => serializer.serialize_str(text),
            Expr::Int(value) => serializer.serialize_i64(*value),
            Expr::Number(value) => value.serialize(serializer),
            Expr::Bool(value) => serializer.serialize_bool(*value),
            Expr::List(values) => serialize_list(serializer, values),
            Expr::Map(entries) => entries.serialize(serializer),
            Expr::Ref(target) => function(serializer, "Ref", target),
            Expr::GetAtt(id, attribute) => function(serializer, "Fn::GetAtt", &[id, attribute]),
            Expr::Sub(text) => function(serializer, "Fn::Sub", text),
            Expr::Join(separator, values) => {
                function(serializer, "Fn::Join", &JoinArgs(separator, values))
            }
        }
    }
}

fn serialize_list<S: Serializer>(serializer: S, values: &[Expr]) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(values.len()))?;
    for value in values {
        seq.serialize_element(value)?;
    }
    seq.end()
}

/// `{name: argument}`, the shape of every intrinsic function.
fn function<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    name: &str,
    argument: &T,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(name, argument)?;
    map.end()
}

/// `[separator, [values]]`, the argument of `Fn::Join`.
struct JoinArgs<'a>(&'a str, &'a [Expr]);

impl Serialize for JoinArgs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(2))?;
        seq.serialize_element(self.0)?;
        seq.serialize_element(self.1)?;
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(expr: &Expr) -> String {
        serde_json::to_string(expr).expect("an expression serializes")
    }

    #[test]
    fn literals_serialize_as_json_values() {
        assert_eq!(json(&"text".into()), r#""text""#);
        assert_eq!(json(&Expr::Int(-1)), "-1");
        assert_eq!(json(&true.into()), "true");
        assert_eq!(json(&Expr::list([1i64.into(), "a".into()])), r#"[1,"a"]"#);
        assert_eq!(
            json(&Expr::map([("b", Expr::Int(2)), ("a", Expr::Int(1))])),
            r#"{"a":1,"b":2}"#
        );
    }

    #[test]
    fn intrinsics_serialize_in_cloudformation_form() {
        let vpc = LogicalId::new(["Vpc"]);
        assert_eq!(json(&Expr::reference(&vpc)), r#"{"Ref":"Vpc"}"#);
        assert_eq!(
            json(&Expr::pseudo(Pseudo::Region)),
            r#"{"Ref":"AWS::Region"}"#
        );
        assert_eq!(
            json(&Expr::get_att(&vpc, "CidrBlock")),
            r#"{"Fn::GetAtt":["Vpc","CidrBlock"]}"#
        );
        assert_eq!(json(&Expr::sub("${Vpc}")), r#"{"Fn::Sub":"${Vpc}"}"#);
        assert_eq!(
            json(&Expr::join(",", [Expr::reference(&vpc), "x".into()])),
            r#"{"Fn::Join":[",",[{"Ref":"Vpc"},"x"]]}"#
        );
    }

    #[test]
    fn accessors_read_literals_and_maps() {
        let map = Expr::map([("Key", Expr::from("value"))]);
        assert_eq!(map.get("Key").and_then(Expr::as_str), Some("value"));
        assert_eq!(map.get("Other"), None);
        assert_eq!(Expr::Int(1).as_str(), None);
    }
}
