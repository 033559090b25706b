use std::fmt;
use std::str::FromStr;

use ipnet::Ipv4Net;

use super::ValueError;

/// An IPv4 CIDR block such as `10.0.0.0/16`, in canonical form (no host bits set).
///
/// ```
/// use infra_core::value::{Cidr, ValueError};
///
/// const VPC: Cidr = Cidr::new_assert("10.0.0.0/16");
/// assert_eq!(VPC.prefix(), 16);
/// assert_eq!(Cidr::new("10.0.0.0/33"), Err(ValueError::CidrPrefix(33)));
/// assert!(Cidr::new("10.0.0.1/16").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cidr {
    network: u32,
    prefix: u8,
}

impl Cidr {
    /// `0.0.0.0/0`: every IPv4 address.
    pub const ANYWHERE: Cidr = Cidr {
        network: 0,
        prefix: 0,
    };

    /// Parses `a.b.c.d/n`.
    ///
    /// # Errors
    /// [`ValueError::CidrSyntax`], [`ValueError::CidrPrefix`] or [`ValueError::CidrHostBits`].
    pub const fn new(text: &str) -> Result<Cidr, ValueError> {
        let bytes = text.as_bytes();
        let mut idx = 0;
        let mut address: u32 = 0;
        let mut octet_idx = 0;
        while octet_idx < 4 {
            let (value, next) = match parse_decimal(bytes, idx, 255) {
                Some(parsed) => parsed,
                None => return Err(ValueError::CidrSyntax),
            };
            address = (address << 8) | value;
            let separator = if octet_idx < 3 { b'.' } else { b'/' };
            if next >= bytes.len() || bytes[next] != separator {
                return Err(ValueError::CidrSyntax);
            }
            idx = next + 1;
            octet_idx += 1;
        }
        let (prefix, end) = match parse_decimal(bytes, idx, 99) {
            Some(parsed) => parsed,
            None => return Err(ValueError::CidrSyntax),
        };
        if end != bytes.len() {
            return Err(ValueError::CidrSyntax);
        }
        if prefix > 32 {
            return Err(ValueError::CidrPrefix(prefix as u8));
        }
        let prefix = prefix as u8;
        let network = address & mask(prefix);
        if network != address {
            return Err(ValueError::CidrHostBits { network, prefix });
        }
        Ok(Cidr { network, prefix })
    }

    /// Like [`Cidr::new`], for `const` items: a bad block fails the build.
    ///
    /// # Panics
    /// If the block is invalid; in a `const` item that panic is a compile error.
    pub const fn new_assert(text: &str) -> Cidr {
        match Cidr::new(text) {
            Ok(cidr) => cidr,
            Err(error) => panic!("{}", error.summary()),
        }
    }

    pub(crate) const fn from_parts(network: u32, prefix: u8) -> Cidr {
        Cidr { network, prefix }
    }

    /// The prefix length, 0 to 32.
    pub const fn prefix(&self) -> u8 {
        self.prefix
    }

    /// The first address of the block, as a number.
    pub const fn first(&self) -> u32 {
        self.network
    }

    /// The last address of the block, as a number.
    pub const fn last(&self) -> u32 {
        self.network | !mask(self.prefix)
    }

    /// Whether every address of `other` is in this block.
    pub const fn contains(&self, other: &Cidr) -> bool {
        self.first() <= other.first() && other.last() <= self.last()
    }

    /// Whether the two blocks share an address.
    pub const fn overlaps(&self, other: &Cidr) -> bool {
        self.first() <= other.last() && other.first() <= self.last()
    }

    /// The block as an [`ipnet::Ipv4Net`].
    pub fn to_ipnet(&self) -> Ipv4Net {
        Ipv4Net::new(self.network.into(), self.prefix).expect("a prefix of at most 32")
    }
}

const fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix as u32)
    }
}

/// Reads a decimal number without leading zeros that is at most `max`; returns it and the index after it.
const fn parse_decimal(bytes: &[u8], start: usize, max: u32) -> Option<(u32, usize)> {
    let mut idx = start;
    let mut value: u32 = 0;
    while idx < bytes.len() && bytes[idx].is_ascii_digit() {
        if idx > start && value == 0 {
            return None;
        }
        value = value * 10 + (bytes[idx] - b'0') as u32;
        if value > max {
            return None;
        }
        idx += 1;
    }
    if idx == start {
        None
    } else {
        Some((value, idx))
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.network.to_be_bytes();
        write!(f, "{a}.{b}.{c}.{d}/{}", self.prefix)
    }
}

impl FromStr for Cidr {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Cidr::new(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_canonical_blocks() {
        for text in [
            "10.0.0.0/16",
            "0.0.0.0/0",
            "192.168.1.128/25",
            "255.255.255.255/32",
        ] {
            assert_eq!(Cidr::new(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_malformed_blocks() {
        for text in [
            "",
            "10.0.0/16",
            "10.0.0.0",
            "10.0.0.0/",
            "256.0.0.0/8",
            "10.0.0.0/16x",
            "010.0.0.0/8",
            "a.b.c.d/1",
        ] {
            assert_eq!(Cidr::new(text), Err(ValueError::CidrSyntax), "{text}");
        }
        assert_eq!(Cidr::new("10.0.0.0/33"), Err(ValueError::CidrPrefix(33)));
    }

    #[test]
    fn rejects_host_bits_and_suggests_the_network() {
        let error = Cidr::new("10.0.1.5/16").unwrap_err();
        assert_eq!(error.rule().code, "invalid-cidr");
        assert_eq!(error.help(), "did you mean `10.0.0.0/16`?");
    }

    #[test]
    fn containment_and_overlap() {
        let vpc = Cidr::new_assert("10.0.0.0/16");
        let inside = Cidr::new_assert("10.0.1.0/24");
        let outside = Cidr::new_assert("10.1.0.0/24");
        assert!(vpc.contains(&inside) && !vpc.contains(&outside));
        assert!(vpc.overlaps(&inside) && !inside.overlaps(&outside));
        assert_eq!(inside.to_ipnet().to_string(), "10.0.1.0/24");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_round_trips(text in "\\PC{0,24}") {
            if let Ok(cidr) = Cidr::new(&text) {
                proptest::prop_assert_eq!(Cidr::new(&cidr.to_string()), Ok(cidr));
            }
        }

        #[test]
        fn agrees_with_ipnet(address: u32, prefix in 0u8..=32) {
            let net = Ipv4Net::new(address.into(), prefix).unwrap().trunc();
            let ours = Cidr::new(&net.to_string()).unwrap();
            proptest::prop_assert_eq!(ours.to_ipnet(), net);
            proptest::prop_assert_eq!(u32::from(net.broadcast()), ours.last());
        }
    }
}
