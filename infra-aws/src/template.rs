//! The template: its parameters, resources and outputs, in maps sorted by logical id.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use infra_core::model::Acknowledgement;

use crate::context::{self, Context, Skip, TemplateContext, CONTEXT_KEY};
use crate::intrinsic::Expr;
use crate::logical_id::LogicalId;
use crate::references::{self, Reference};

fn insert<T>(
    map: &mut BTreeMap<LogicalId, T>,
    clashes: &mut Vec<LogicalId>,
    id: LogicalId,
    value: T,
) {
    match map.entry(id) {
        Entry::Occupied(taken) => clashes.push(taken.key().clone()),
        Entry::Vacant(free) => {
            free.insert(value);
        }
    }
}

/// The only template format version CloudFormation defines.
pub const FORMAT_VERSION: &str = "2010-09-09";

/// A CloudFormation template. Every map is sorted by key, so the same design always gives the
/// same bytes from [`Template::to_json`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Template {
    #[serde(rename = "AWSTemplateFormatVersion")]
    format_version: &'static str,
    #[serde(rename = "Description")]
    description: String,
    #[serde(rename = "Metadata", skip_serializing_if = "Option::is_none")]
    metadata: Option<TemplateMetadata>,
    #[serde(rename = "Transform", skip_serializing_if = "Vec::is_empty")]
    transforms: Vec<&'static str>,
    #[serde(rename = "Parameters", skip_serializing_if = "BTreeMap::is_empty")]
    parameters: BTreeMap<LogicalId, Parameter>,
    #[serde(rename = "Resources")]
    resources: BTreeMap<LogicalId, Resource>,
    #[serde(rename = "Outputs", skip_serializing_if = "BTreeMap::is_empty")]
    outputs: BTreeMap<LogicalId, Output>,
    /// Ids that were added twice; [`crate::synth`] turns them into an error.
    #[serde(skip)]
    clashes: Vec<LogicalId>,
    /// What each section of the design added, for the description and the architecture.
    #[serde(skip)]
    sections: Vec<Section>,
}

/// What one section of the design (network, ...) contributes to the template's description and
/// to its architecture summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// What the section lowered, such as `the network (VPC, 3 subnet tiers in 2 zones, ...)`.
    pub(crate) summary: String,
    /// The section's shape and data flow, one or more sentences.
    pub(crate) arch: String,
}

/// The template's `Metadata`: its Metadata Context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct TemplateMetadata {
    #[serde(rename = "com.aws.cloudformation.Context")]
    context: TemplateContext,
}

impl Template {
    /// An empty template with a description.
    pub(crate) fn new(description: impl Into<String>) -> Template {
        Template {
            format_version: FORMAT_VERSION,
            description: description.into(),
            metadata: None,
            transforms: Vec::new(),
            parameters: BTreeMap::new(),
            resources: BTreeMap::new(),
            outputs: BTreeMap::new(),
            clashes: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// Records what a section of the design lowered (see [`Section`]).
    pub(crate) fn add_section(&mut self, section: Section) {
        self.sections.push(section);
    }

    /// The sections lowered so far, in order.
    pub(crate) fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Asks CloudFormation to process the template with the macro `transform` (such as
    /// `AWS::SecretsManager-2020-07-23`), once however often it is asked.
    pub(crate) fn add_transform(&mut self, transform: &'static str) {
        if !self.transforms.contains(&transform) {
            self.transforms.push(transform);
        }
    }

    /// The transforms CloudFormation runs on the template, in the order they were added.
    pub fn transforms(&self) -> &[&'static str] {
        &self.transforms
    }

    /// Sets the description.
    pub(crate) fn set_description(&mut self, description: String) {
        self.description = description;
    }

    /// Sets the template's Metadata Context.
    pub(crate) fn set_context(&mut self, context: TemplateContext) {
        self.metadata = Some(TemplateMetadata { context });
    }

    /// Puts checkov's skip metadata on every resource lowered from an element that an
    /// acknowledgement covers, for the checks of the acknowledged rule, with its reason.
    pub(crate) fn apply_acknowledgements(&mut self, acknowledgements: &[Acknowledgement]) {
        for resource in self.resources.values_mut() {
            let metadata = &mut resource.metadata;
            if let Some(context) = &metadata.context {
                metadata.skips = context::skips(context.path(), acknowledgements);
            }
        }
    }

    /// Adds a resource. Ids are unique by construction (see `logical_id`); should two ever
    /// meet, the clash is recorded and [`crate::synth`] fails rather than drop one.
    pub(crate) fn add_resource(&mut self, id: LogicalId, resource: Resource) {
        insert(&mut self.resources, &mut self.clashes, id, resource);
    }

    /// Adds a parameter, recording a clash like [`Template::add_resource`].
    pub(crate) fn add_parameter(&mut self, id: LogicalId, parameter: Parameter) {
        insert(&mut self.parameters, &mut self.clashes, id, parameter);
    }

    /// Adds an output, recording a clash like [`Template::add_resource`].
    pub(crate) fn add_output(&mut self, id: LogicalId, output: Output) {
        insert(&mut self.outputs, &mut self.clashes, id, output);
    }

    /// The first id that two parts of the template both claimed, if any.
    pub(crate) fn first_clash(&self) -> Option<&LogicalId> {
        self.clashes.first()
    }

    /// The template's description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The `arch` of the template's Metadata Context, if set.
    pub fn arch(&self) -> Option<&str> {
        self.metadata
            .as_ref()
            .map(|metadata| metadata.context.arch.as_str())
    }

    /// The parameters, by logical id.
    pub fn parameters(&self) -> &BTreeMap<LogicalId, Parameter> {
        &self.parameters
    }

    /// The resources, by logical id.
    pub fn resources(&self) -> &BTreeMap<LogicalId, Resource> {
        &self.resources
    }

    /// The outputs, by logical id.
    pub fn outputs(&self) -> &BTreeMap<LogicalId, Output> {
        &self.outputs
    }

    /// The resource with the logical id `id`, if any.
    pub fn resource(&self, id: &str) -> Option<&Resource> {
        self.resources.get(id)
    }

    /// The resources of one type, such as `AWS::EC2::NatGateway`, by logical id.
    pub fn resources_of_type<'a>(
        &'a self,
        resource_type: &'a str,
    ) -> impl Iterator<Item = (&'a LogicalId, &'a Resource)> + 'a {
        self.resources
            .iter()
            .filter(move |(_, resource)| resource.resource_type == resource_type)
    }

    /// Every `Ref`, `Fn::GetAtt`, `DependsOn` and `Fn::Sub` variable in the template, pseudo
    /// parameters (`AWS::Region`, ...) left out.
    pub fn references(&self) -> Vec<Reference> {
        references::collect(self)
    }

    /// The template as pretty-printed JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self)
            .expect("a template serializes: its map keys are strings and it holds no floats");
        json.push('\n');
        json
    }

    /// The template as compact JSON, without whitespace or a trailing newline: the smallest body
    /// to send to CloudFormation, with the same content and order as [`Template::to_json`].
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self)
            .expect("a template serializes: its map keys are strings and it holds no floats")
    }

    /// Whether the compact body fits the 51,200 bytes CloudFormation accepts inline
    /// ([`crate::INLINE_BODY_LIMIT`], `--template-body`). A larger template is fine but must be
    /// uploaded to S3 and deployed from there: `aws cloudformation deploy --s3-bucket <bucket>`.
    pub fn fits_inline(&self) -> bool {
        self.to_compact_json().len() <= crate::quota::INLINE_BODY_LIMIT
    }
}

/// A resource: its type, properties and the attributes CloudFormation reads besides them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resource {
    #[serde(rename = "Type")]
    resource_type: &'static str,
    #[serde(rename = "DependsOn", skip_serializing_if = "Vec::is_empty")]
    depends_on: Vec<LogicalId>,
    #[serde(rename = "DeletionPolicy", skip_serializing_if = "Option::is_none")]
    deletion_policy: Option<Policy>,
    #[serde(
        rename = "UpdateReplacePolicy",
        skip_serializing_if = "Option::is_none"
    )]
    update_replace_policy: Option<Policy>,
    #[serde(rename = "Properties", skip_serializing_if = "BTreeMap::is_empty")]
    properties: BTreeMap<String, Expr>,
    #[serde(
        rename = "Metadata",
        skip_serializing_if = "ResourceMetadata::is_empty"
    )]
    metadata: ResourceMetadata,
}

/// A resource's `Metadata`: checkov's suppressions and the Metadata Context.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ResourceMetadata {
    context: Option<Context>,
    skips: Vec<Skip>,
}

impl ResourceMetadata {
    fn is_empty(&self) -> bool {
        self.context.is_none() && self.skips.is_empty()
    }
}

impl Serialize for ResourceMetadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Checkov<'a> {
            skip: &'a [Skip],
        }
        let mut map = serializer.serialize_map(None)?;
        if !self.skips.is_empty() {
            map.serialize_entry("checkov", &Checkov { skip: &self.skips })?;
        }
        if let Some(context) = &self.context {
            map.serialize_entry(CONTEXT_KEY, context)?;
        }
        map.end()
    }
}

impl Resource {
    /// A resource of `resource_type` with no properties yet.
    pub(crate) fn new(resource_type: &'static str) -> Resource {
        Resource {
            resource_type,
            depends_on: Vec::new(),
            deletion_policy: None,
            update_replace_policy: None,
            properties: BTreeMap::new(),
            metadata: ResourceMetadata::default(),
        }
    }

    /// Says where the resource comes from and why it exists (see [`Context`]).
    pub(crate) fn context(mut self, context: Context) -> Resource {
        self.metadata.context = Some(context);
        self
    }

    /// Sets a property.
    pub(crate) fn property(mut self, name: &str, value: impl Into<Expr>) -> Resource {
        self.properties.insert(name.to_owned(), value.into());
        self
    }

    /// Sets several properties.
    pub(crate) fn with(
        mut self,
        properties: impl IntoIterator<Item = (&'static str, Expr)>,
    ) -> Resource {
        for (name, value) in properties {
            self.properties.insert(name.to_owned(), value);
        }
        self
    }

    /// Adds an explicit dependency, for an ordering that no `Ref` or `Fn::GetAtt` implies.
    pub(crate) fn depends_on(mut self, id: LogicalId) -> Resource {
        self.depends_on.push(id);
        self
    }

    /// Sets both the `DeletionPolicy` and the `UpdateReplacePolicy`.
    pub(crate) fn keep_on(mut self, policy: Policy) -> Resource {
        self.deletion_policy = Some(policy);
        self.update_replace_policy = Some(policy);
        self
    }

    /// The CloudFormation type, such as `AWS::EC2::VPC`.
    pub fn resource_type(&self) -> &str {
        self.resource_type
    }

    /// The properties, by name.
    pub fn properties(&self) -> &BTreeMap<String, Expr> {
        &self.properties
    }

    /// One property, if set.
    pub fn get(&self, name: &str) -> Option<&Expr> {
        self.properties.get(name)
    }

    /// The explicit dependencies.
    pub fn dependencies(&self) -> &[LogicalId] {
        &self.depends_on
    }

    /// The `DeletionPolicy`, if set.
    pub fn deletion_policy(&self) -> Option<Policy> {
        self.deletion_policy
    }

    /// The `UpdateReplacePolicy`, if set.
    pub fn update_replace_policy(&self) -> Option<Policy> {
        self.update_replace_policy
    }

    /// Its Metadata Context, if the lowering gave one (every resource of [`crate::synth`] has one).
    pub fn metadata_context(&self) -> Option<&Context> {
        self.metadata.context.as_ref()
    }

    /// The checkov checks its metadata skips, each with the acknowledgement's reason.
    pub fn checkov_skips(&self) -> &[Skip] {
        &self.metadata.skips
    }
}

/// What CloudFormation does with a resource's physical resource when the stack deletes or
/// replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Policy {
    /// Delete it.
    Delete,
    /// Keep it, outside the stack.
    Retain,
    /// Keep a snapshot, then delete it.
    Snapshot,
}

/// A template parameter: a value the design cannot know, given when the stack is deployed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parameter {
    #[serde(rename = "Type")]
    parameter_type: &'static str,
    #[serde(rename = "Description")]
    description: String,
    #[serde(rename = "Default", skip_serializing_if = "Option::is_none")]
    default: Option<String>,
    #[serde(rename = "AllowedPattern", skip_serializing_if = "Option::is_none")]
    allowed_pattern: Option<String>,
    #[serde(
        rename = "ConstraintDescription",
        skip_serializing_if = "Option::is_none"
    )]
    constraint_description: Option<String>,
}

impl Parameter {
    /// A parameter of `parameter_type` (such as `String`), with a description.
    pub(crate) fn new(parameter_type: &'static str, description: impl Into<String>) -> Parameter {
        Parameter {
            parameter_type,
            description: description.into(),
            default: None,
            allowed_pattern: None,
            constraint_description: None,
        }
    }

    /// Accepts only values matching `pattern` (a Java regular expression), explaining a
    /// rejection with `description`.
    pub(crate) fn allowed_pattern(
        mut self,
        pattern: impl Into<String>,
        description: impl Into<String>,
    ) -> Parameter {
        self.allowed_pattern = Some(pattern.into());
        self.constraint_description = Some(description.into());
        self
    }

    /// Sets the default value.
    pub(crate) fn default_value(mut self, value: impl Into<String>) -> Parameter {
        self.default = Some(value.into());
        self
    }

    /// The parameter type, such as `AWS::EC2::AvailabilityZone::Name`.
    pub fn parameter_type(&self) -> &str {
        self.parameter_type
    }

    /// The description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The default value, if any.
    pub fn default(&self) -> Option<&str> {
        self.default.as_deref()
    }

    /// The pattern a value must match, if any.
    pub fn pattern(&self) -> Option<&str> {
        self.allowed_pattern.as_deref()
    }
}

/// A template output, exported for other stacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Output {
    #[serde(rename = "Description")]
    description: String,
    #[serde(rename = "Value")]
    value: Expr,
    #[serde(rename = "Export")]
    export: Export,
}

/// The export of an output: the name other stacks import it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Export {
    #[serde(rename = "Name")]
    name: Expr,
}

impl Output {
    /// An output of `value`, exported as `name`.
    pub(crate) fn exported(description: impl Into<String>, value: Expr, name: Expr) -> Output {
        Output {
            description: description.into(),
            value,
            export: Export { name },
        }
    }

    /// The description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The value.
    pub fn value(&self) -> &Expr {
        &self.value
    }

    /// The export name.
    pub fn export_name(&self) -> &Expr {
        &self.export.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Template {
        let mut template = Template::new("demo");
        template.add_resource(
            LogicalId::new(["Zeta"]),
            Resource::new("AWS::EC2::VPC").property("CidrBlock", "10.0.0.0/16"),
        );
        template.add_resource(
            LogicalId::new(["Alpha"]),
            Resource::new("AWS::EC2::InternetGateway")
                .depends_on(LogicalId::new(["Zeta"]))
                .keep_on(Policy::Retain),
        );
        template
    }

    #[test]
    fn json_is_sorted_pretty_and_ends_in_a_newline() {
        let json = sample().to_json();
        assert!(json.ends_with("}\n"));
        assert!(json.starts_with("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n"));
        let alpha = json.find("\"Alpha\"").expect("Alpha is written");
        let zeta = json.find("\"Zeta\"").expect("Zeta is written");
        assert!(alpha < zeta);
        assert!(!json.contains("Parameters") && !json.contains("Outputs"));
        assert!(json.contains("\"DeletionPolicy\": \"Retain\""));
    }

    #[test]
    fn compact_json_is_the_same_template_without_whitespace() {
        let template = sample();
        let compact = template.to_compact_json();
        assert!(compact.starts_with("{\"AWSTemplateFormatVersion\":\"2010-09-09\","));
        assert!(!compact.contains('\n') && compact.len() < template.to_json().len());
        let pretty: serde_json::Value = serde_json::from_str(&template.to_json()).expect("JSON");
        let dense: serde_json::Value = serde_json::from_str(&compact).expect("JSON");
        assert_eq!(pretty, dense);
        assert!(template.fits_inline());
    }

    #[test]
    fn the_first_resource_with_an_id_is_kept() {
        let mut template = sample();
        template.add_resource(LogicalId::new(["Zeta"]), Resource::new("AWS::EC2::Subnet"));
        let zeta = template.resource("Zeta").expect("Zeta exists");
        assert_eq!(zeta.resource_type(), "AWS::EC2::VPC");
        assert_eq!(template.resources_of_type("AWS::EC2::VPC").count(), 1);
    }
}
