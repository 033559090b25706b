//! The data form of the typed values (serde), used by designs read from or written to JSON.
//!
//! Each value serializes as its canonical text or number: a [`Cidr`] as `"10.0.0.0/16"`, a
//! [`Zone`] as `"ap-northeast-1a"`, [`Traffic`] as in the DSL (`"tcp 443"`, `"udp 1024..=65535"`,
//! `"icmp"`, `"all"`), an [`AclRuleNumber`] as `100` and a [`RetentionDays`] as its number of
//! days, `30`. Each deserializes through its validating constructor, so data can hold no value
//! that the constructor rejects; the error names the value and says why.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde::ser::{Serialize, Serializer};

use super::{
    AclRuleNumber, Capacity, Cidr, EndpointService, JobQueuePriority, MaxReceiveCount, MaxVcpus,
    MessageRetention, Name, PortRange, QueueThreshold, Region, RetentionDays, Traffic, ValueError,
    VisibilityTimeout, Zone,
};

/// A value read from a string or a number, checked by its constructor.
///
/// The check runs inside serde's visitor, so a JSON error points just after the value itself.
trait Checked: Sized {
    /// What the value looks like, for serde's "invalid type" message.
    const EXPECTING: &'static str;

    /// The value from `text`.
    fn from_text<E: de::Error>(text: &str) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Str(text), &Self::EXPECTING))
    }

    /// The value from `number`.
    fn from_number<E: de::Error>(number: u64) -> Result<Self, E> {
        Err(E::invalid_type(
            Unexpected::Unsigned(number),
            &Self::EXPECTING,
        ))
    }
}

/// Serde's visitor for a [`Checked`] value.
struct Check<T>(PhantomData<T>);

impl<T: Checked> Visitor<'_> for Check<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::from_text(text)
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<T, E> {
        T::from_number(number)
    }
}

/// `text` through the type's `FromStr`, its constructor; an error names the text, then says why.
fn parsed<T: FromStr<Err = ValueError>, E: de::Error>(text: &str) -> Result<T, E> {
    text.parse()
        .map_err(|error| E::custom(format_args!("`{text}`: {error}")))
}

/// Serializes through `Display`; deserializes a string through `from_text`.
macro_rules! as_text {
    ($($ty:ty, $expecting:literal, $from_text:expr;)*) => {$(
        impl Checked for $ty {
            const EXPECTING: &'static str = $expecting;

            fn from_text<E: de::Error>(text: &str) -> Result<Self, E> {
                $from_text(text)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(Check(PhantomData))
            }
        }
    )*};
}

as_text! {
    Cidr, "an IPv4 block such as `10.0.0.0/16`", parsed;
    Name, "a name such as `app_servers`", parsed;
    Region, "a region such as `ap-northeast-1`", parsed;
    Zone, "a zone such as `ap-northeast-1a`", parsed;
    EndpointService, "an endpoint service such as `ecr.api`", parsed;
    PortRange, "a port such as `443` or a range such as `1024..=65535`", port_range;
    Traffic, "`all`, `icmp`, or `tcp` or `udp` and ports, such as `tcp 443`", traffic;
}

/// `443` or `1024..=65535`, through [`PortRange::new`]; `Err(None)` if it is neither.
fn parse_ports(text: &str) -> Result<PortRange, Option<ValueError>> {
    let port = |digits: &str| {
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            digits.parse::<u16>().map_err(|_| None)
        } else {
            Err(None) // `u16::from_str` would accept a sign.
        }
    };
    let (from, to) = match text.split_once("..=") {
        Some((from, to)) => (port(from)?, port(to)?),
        None => {
            let single = port(text)?;
            (single, single)
        }
    };
    PortRange::new(from, to).map_err(Some)
}

/// The error for `text` of type `T`, which is malformed, or which `error` rejected.
fn malformed<T: Checked, E: de::Error>(text: &str, error: Option<ValueError>) -> E {
    match error {
        // The message of a rejected range names it.
        Some(error) => E::custom(error),
        None => E::invalid_value(Unexpected::Str(text), &T::EXPECTING),
    }
}

/// A [`PortRange`] from its text.
fn port_range<E: de::Error>(text: &str) -> Result<PortRange, E> {
    parse_ports(text).map_err(|error| malformed::<PortRange, E>(text, error))
}

/// `all`, `icmp`, `tcp <ports>` or `udp <ports>`, as [`Traffic`]'s `Display` writes it.
fn traffic<E: de::Error>(text: &str) -> Result<Traffic, E> {
    let traffic = match text.split_once(' ') {
        None if text == "all" => Ok(Traffic::All),
        None if text == "icmp" => Ok(Traffic::Icmp),
        Some(("tcp", ports)) => parse_ports(ports).map(Traffic::Tcp),
        Some(("udp", ports)) => parse_ports(ports).map(Traffic::Udp),
        _ => Err(None),
    };
    traffic.map_err(|error| malformed::<Traffic, E>(text, error))
}

impl Checked for AclRuleNumber {
    const EXPECTING: &'static str = "a network ACL rule number from 1 to 32766";

    fn from_number<E: de::Error>(number: u64) -> Result<Self, E> {
        let number = u32::try_from(number)
            .map_err(|_| E::invalid_value(Unexpected::Unsigned(number), &Self::EXPECTING))?;
        // The error's message names the number.
        AclRuleNumber::new(number).map_err(E::custom)
    }
}

impl Serialize for AclRuleNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.get())
    }
}

impl<'de> Deserialize<'de> for AclRuleNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_u32(Check(PhantomData))
    }
}

impl Checked for RetentionDays {
    const EXPECTING: &'static str = "a number of days that CloudWatch Logs offers, such as 30";

    fn from_number<E: de::Error>(number: u64) -> Result<Self, E> {
        // The error's message names the number of days.
        RetentionDays::new(number).map_err(E::custom)
    }
}

impl Serialize for RetentionDays {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.days())
    }
}

impl<'de> Deserialize<'de> for RetentionDays {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_u64(Check(PhantomData))
    }
}

impl Checked for Capacity {
    const EXPECTING: &'static str = "a capacity such as `min 2, desired 4, max 10`";

    fn from_text<E: de::Error>(text: &str) -> Result<Self, E> {
        // The error's message says what is wrong with it.
        Capacity::parse(text).map_err(E::custom)
    }
}

impl Serialize for Capacity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Capacity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Check(PhantomData))
    }
}

/// Serializes as the number; deserializes a number through the type's `from_i128` constructor.
macro_rules! as_number {
    ($($ty:ty, $expecting:literal, $serialize:ident;)*) => {$(
        impl Checked for $ty {
            const EXPECTING: &'static str = $expecting;

            fn from_number<E: de::Error>(number: u64) -> Result<Self, E> {
                // The error's message names the number.
                <$ty>::from_i128(i128::from(number)).map_err(E::custom)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.$serialize(self.get())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_u64(Check(PhantomData))
            }
        }
    )*};
}

as_number! {
    JobQueuePriority, "a job queue priority from 0 to 1000", serialize_u16;
    MaxVcpus, "a number of vCPUs above 0", serialize_u32;
    VisibilityTimeout, "a visibility timeout of 0 to 43200 seconds", serialize_u32;
    MessageRetention, "a message retention of 60 to 1209600 seconds", serialize_u32;
    MaxReceiveCount, "a maximum receive count from 1 to 1000", serialize_u16;
    QueueThreshold, "a queue depth of at least 1 message", serialize_u32;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{Error, StrDeserializer, U64Deserializer};
    use serde::de::IntoDeserializer;

    fn from_text<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, String> {
        let deserializer: StrDeserializer<'a, Error> = text.into_deserializer();
        T::deserialize(deserializer).map_err(|error| error.to_string())
    }

    fn from_number<T: for<'a> Deserialize<'a>>(number: u64) -> Result<T, String> {
        let deserializer: U64Deserializer<Error> = number.into_deserializer();
        T::deserialize(deserializer).map_err(|error| error.to_string())
    }

    #[test]
    fn traffic_reads_as_written_in_the_dsl() {
        let cases = [
            ("all", Traffic::All),
            ("icmp", Traffic::Icmp),
            ("tcp 443", Traffic::Tcp(PortRange::single(443))),
            ("udp 1024..=65535", Traffic::Udp(PortRange::EPHEMERAL)),
            ("tcp 0..=65535", Traffic::Tcp(PortRange::ALL)),
        ];
        for (text, traffic) in cases {
            assert_eq!(from_text::<Traffic>(text), Ok(traffic), "{text}");
            assert_eq!(traffic.to_string(), text);
        }
    }

    #[test]
    fn malformed_traffic_is_rejected_with_the_text() {
        for text in [
            "",
            "tcp",
            "tcp ",
            "TCP 443",
            "tcp 443 ",
            "tcp +443",
            "tcp 65536",
            "icmp 8",
            "all 1",
            "tcp 1..2",
            "udp ..=5",
        ] {
            let error = from_text::<Traffic>(text).expect_err(text);
            assert!(error.contains(&format!("\"{text}\"")), "{error}");
        }
        assert_eq!(
            from_text::<Traffic>("tcp 80..=8").unwrap_err(),
            "invalid port range `80..=8`: the first port is above the last"
        );
    }

    #[test]
    fn text_values_are_checked_by_their_constructors() {
        assert_eq!(
            from_text::<Cidr>("10.0.0.0/16"),
            Ok(Cidr::new_assert("10.0.0.0/16"))
        );
        let error = from_text::<Cidr>("10.0.1.5/16").unwrap_err();
        assert!(
            error.starts_with("`10.0.1.5/16`: invalid CIDR block"),
            "{error}"
        );
        assert!(from_text::<Name>("App")
            .unwrap_err()
            .starts_with("`App`: invalid name"));
        assert!(from_text::<Region>("Tokyo")
            .unwrap_err()
            .starts_with("`Tokyo`: invalid region"));
        assert!(from_text::<Zone>("apne1-az1")
            .unwrap_err()
            .starts_with("`apne1-az1`: invalid zone"));
        assert_eq!(
            from_text::<Zone>("ap-northeast-1a").map(|zone| zone.to_string()),
            Ok("ap-northeast-1a".to_owned())
        );
    }

    #[test]
    fn numbers_are_checked_by_their_constructors() {
        assert_eq!(from_number::<AclRuleNumber>(100).map(|n| n.get()), Ok(100));
        assert_eq!(
            from_number::<AclRuleNumber>(40000).unwrap_err(),
            "invalid network ACL rule number 40000: AWS allows 1 to 32766"
        );
        assert_eq!(from_number::<RetentionDays>(30).map(|d| d.days()), Ok(30));
        assert_eq!(
            from_text::<Capacity>("min 2, desired 4, max 10"),
            Ok(Capacity::new_assert(2, 4, 10))
        );
        assert!(from_text::<Capacity>("min 5, desired 4, max 10")
            .unwrap_err()
            .contains("min <= desired <= max"));
        assert_eq!(from_number::<JobQueuePriority>(10).map(|p| p.get()), Ok(10));
        assert_eq!(
            from_number::<JobQueuePriority>(1001).unwrap_err(),
            "invalid job queue priority 1001: AWS Batch allows 0 to 1000, and schedules the higher number first"
        );
        assert_eq!(from_number::<MaxVcpus>(100).map(|n| n.get()), Ok(100));
        assert!(from_number::<MaxVcpus>(0)
            .unwrap_err()
            .starts_with("invalid maximum vCPUs 0"));
        assert!(from_number::<RetentionDays>(31)
            .unwrap_err()
            .starts_with("invalid log retention of 31 days"));
    }

    proptest::proptest! {
        #[test]
        fn text_values_round_trip(address: u32, prefix in 0u8..=32, from: u16, to: u16, udp: bool) {
            let block = ipnet::Ipv4Net::new(address.into(), prefix).expect("a prefix").trunc();
            let cidr = Cidr::new(&block.to_string()).expect("a canonical block");
            proptest::prop_assert_eq!(from_text::<Cidr>(&cidr.to_string()), Ok(cidr));
            let ports = PortRange::new(from.min(to), from.max(to)).expect("ordered");
            let traffic = if udp { Traffic::Udp(ports) } else { Traffic::Tcp(ports) };
            proptest::prop_assert_eq!(from_text::<Traffic>(&traffic.to_string()), Ok(traffic));
            proptest::prop_assert_eq!(from_text::<PortRange>(&ports.to_string()), Ok(ports));
        }

        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,24}") {
            let _ = from_text::<Traffic>(&text);
            let _ = from_text::<Cidr>(&text);
            let _ = from_text::<Zone>(&text);
        }
    }
}
