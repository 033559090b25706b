//! A design as data: the model in JSON, the form `platform!` expands to and a file format for designs.
//!
//! Every part of the model derives serde's `Serialize` and `Deserialize`; typed values read as
//! their canonical text or number (see [`crate::value`]) and go through their validating
//! constructors, so a decoded design holds no value AWS rejects. Decoding does not run the rules:
//! [`Platform::validate`] does.

use std::fmt;

use super::Platform;

impl Platform {
    /// Decodes a design from JSON, as [`Platform::to_json`] writes it.
    ///
    /// ```
    /// use infra_core::model::Platform;
    ///
    /// let design = r#"{
    ///     "name": "demo", "region": "ap-northeast-1", "acknowledgements": [],
    ///     "environments": [{ "name": "production", "zones": ["ap-northeast-1a"], "multi_az": false }],
    ///     "network": {
    ///         "vpc": "10.0.0.0/16", "security_groups": [], "acls": [], "endpoints": ["s3"],
    ///         "flow_logs": { "retention": 30, "traffic": "all" },
    ///         "tiers": [{ "name": "data", "role": "isolated",
    ///                     "subnets": [{ "zone": "ap-northeast-1a", "cidr": "10.0.1.0/24" }] }]
    ///     }
    /// }"#;
    /// let platform = Platform::from_json(design).unwrap();
    /// let cidr = platform.network.tiers[0].subnets[0].cidr.get("production");
    /// assert_eq!(cidr.to_string(), "10.0.1.0/24");
    /// assert_eq!(Platform::from_json(&platform.to_json()).unwrap(), platform);
    ///
    /// let error = Platform::from_json(&design.replace("10.0.1.0/24", "10.0.1.9/24")).unwrap_err();
    /// assert!(error.to_string().starts_with("`10.0.1.9/24`: invalid CIDR block"));
    /// ```
    ///
    /// # Errors
    /// [`DecodeError`] if the text is not JSON of the model's shape, or holds a value that its
    /// type's constructor rejects; the message names the value and its line and column.
    pub fn from_json(json: &str) -> Result<Platform, DecodeError> {
        serde_json::from_str(json).map_err(DecodeError)
    }

    /// Encodes the design as compact JSON; [`Platform::from_json`] reads it back unchanged.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .expect("the model has string keys and values that always serialize")
    }

    /// Encodes the design as indented JSON, one field per line: the form for a design file.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self)
            .expect("the model has string keys and values that always serialize")
    }
}

/// Why [`Platform::from_json`] could not decode a design.
#[derive(Debug)]
pub struct DecodeError(serde_json::Error);

impl DecodeError {
    /// The line of the text where decoding stopped, from 1.
    pub fn line(&self) -> usize {
        self.0.line()
    }

    /// The column of that line where decoding stopped, from 1.
    pub fn column(&self) -> usize {
        self.0.column()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::reference_network;

    #[test]
    fn the_reference_design_round_trips() {
        let platform = reference_network();
        let json = platform.to_json();
        assert_eq!(Platform::from_json(&json).expect("it decodes"), platform);
        // And the text is stable: encoding the decoded design gives the same text.
        assert_eq!(
            Platform::from_json(&json).expect("it decodes").to_json(),
            json
        );
    }

    #[test]
    fn values_read_as_written() {
        let json = reference_network().to_json();
        for fragment in [
            r#""vpc":{"staging":"10.1.0.0/16","_":"10.0.0.0/16"}"#,
            r#""nat_gateways":{"production":"one_per_zone","_":"shared"}"#,
            r#""zones":["ap-northeast-1a","ap-northeast-1c"]"#,
            r#""role":"isolated""#,
            r#""traffic":"tcp 1024..=65535""#,
            r#""peer":{"group":"alb"}"#,
            r#""peer":{"cidr":"0.0.0.0/0"}"#,
            r#""number":110,"action":"allow""#,
            r#""endpoints":["s3","dynamodb"]"#,
            r#""flow_logs":{"retention":30,"traffic":"all","kms_key":"logs"}"#,
        ] {
            assert!(json.contains(fragment), "no {fragment} in {json}");
        }
    }

    /// Each invalid value is rejected by its own constructor, and the message names it.
    #[test]
    fn invalid_values_are_rejected_by_name() {
        let json = reference_network().to_json();
        let cases = [
            (
                r#""10.0.11.0/24""#,
                r#""10.0.11.5/24""#,
                "`10.0.11.5/24`: invalid CIDR block",
            ),
            (
                r#""10.0.0.0/16""#,
                r#""10.0.0.0/33""#,
                "`10.0.0.0/33`: invalid CIDR block",
            ),
            (r#""name":"alb""#, r#""name":"Alb""#, "`Alb`: invalid name"),
            (
                r#""ap-northeast-1c""#,
                r#""apne1-az3""#,
                "`apne1-az3`: invalid zone",
            ),
            (
                r#""region":"ap-northeast-1""#,
                r#""region":"Tokyo""#,
                "`Tokyo`: invalid region",
            ),
            (
                r#""tcp 443""#,
                r#""tcp 443..=80""#,
                "invalid port range `443..=80`",
            ),
            (
                r#""traffic":"all""#,
                r#""traffic":"any""#,
                "invalid value: string \"any\"",
            ),
            (
                r#""number":110"#,
                r#""number":0"#,
                "invalid network ACL rule number 0",
            ),
            (
                r#""retention":30"#,
                r#""retention":31"#,
                "invalid log retention of 31 days",
            ),
            (
                r#""role":"public""#,
                r#""role":"dmz""#,
                "unknown variant `dmz`",
            ),
            (
                r#""_":"10.0.0.0/16""#,
                r#""_":16"#,
                "invalid type: integer `16`, expected an IPv4 block",
            ),
            (
                r#""number":100"#,
                r#""number":"100""#,
                "invalid type: string \"100\", expected a network ACL rule number",
            ),
            (
                r#""number":100"#,
                r#""number":4294967396"#,
                "invalid value: integer `4294967396`, expected a network ACL rule number",
            ),
            (
                r#""multi_az":true"#,
                r#""multi_az":true,"size":3"#,
                "unknown field `size`",
            ),
        ];
        for (good, bad, message) in cases {
            assert!(json.contains(good), "no {good} in the fixture");
            let error = Platform::from_json(&json.replacen(good, bad, 1))
                .expect_err(bad)
                .to_string();
            assert!(error.starts_with(message), "{bad}: {error}");
            assert!(error.contains(" at line 1 column "), "{error}");
        }
    }

    #[test]
    fn decoding_does_not_run_the_rules() {
        // A subnet outside the VPC is a valid value; the rules, not the decoder, reject it.
        let json =
            reference_network()
                .to_json()
                .replacen(r#""10.0.11.0/24""#, r#""10.1.11.0/24""#, 1);
        let platform = Platform::from_json(&json).expect("well-formed data");
        assert_eq!(
            platform.validate().unwrap_err().codes(),
            ["subnet-outside-vpc"]
        );
    }

    #[test]
    fn a_design_file_points_at_the_bad_value() {
        let platform = reference_network();
        let pretty = platform.to_json_pretty();
        assert_eq!(Platform::from_json(&pretty).expect("it decodes"), platform);
        let line = pretty
            .lines()
            .position(|line| line.contains(r#""10.0.22.0/24""#))
            .expect("the database tier's second subnet")
            + 1;
        let error =
            Platform::from_json(&pretty.replace("10.0.22.0/24", "10.0.22.0/33")).unwrap_err();
        assert_eq!(error.line(), line, "{error}");
        assert!(
            error
                .to_string()
                .starts_with("`10.0.22.0/33`: invalid CIDR block"),
            "{error}"
        );
    }

    #[test]
    fn malformed_json_is_an_error() {
        let error = Platform::from_json("{\"name\": \"demo\"").unwrap_err();
        assert_eq!((error.line(), error.column()), (1, 15));
        assert!(Platform::from_json("").is_err());
        assert!(Platform::from_json("[]").is_err());
    }
}
