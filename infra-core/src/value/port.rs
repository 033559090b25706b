use std::fmt;

use super::ValueError;

/// An inclusive range of TCP or UDP ports, such as `1024..=65535`.
///
/// ```
/// use infra_core::value::{PortRange, ValueError};
///
/// const HTTPS: PortRange = PortRange::single(443);
/// assert_eq!(HTTPS.to_string(), "443");
/// assert!(PortRange::new(1024, 65535).is_ok());
/// assert_eq!(PortRange::new(80, 8), Err(ValueError::PortRangeReversed { from: 80, to: 8 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PortRange {
    from: u16,
    to: u16,
}

impl PortRange {
    /// Every port, `0..=65535`.
    pub const ALL: PortRange = PortRange { from: 0, to: 65535 };
    /// The ephemeral ports NAT gateways and load balancers use, `1024..=65535`.
    pub const EPHEMERAL: PortRange = PortRange {
        from: 1024,
        to: 65535,
    };

    /// The ports `from..=to`.
    ///
    /// # Errors
    /// [`ValueError::PortRangeReversed`] if `from > to`.
    pub const fn new(from: u16, to: u16) -> Result<PortRange, ValueError> {
        if from > to {
            Err(ValueError::PortRangeReversed { from, to })
        } else {
            Ok(PortRange { from, to })
        }
    }

    /// Like [`PortRange::new`], for `const` items: a reversed range fails the build.
    ///
    /// # Panics
    /// If `from > to`; in a `const` item that panic is a compile error.
    pub const fn new_assert(from: u16, to: u16) -> PortRange {
        match PortRange::new(from, to) {
            Ok(range) => range,
            Err(error) => panic!("{}", error.summary()),
        }
    }

    /// Checks that a port as written (possibly negative, possibly huge) is one of 0-65535.
    ///
    /// ```
    /// use infra_core::value::{PortRange, ValueError};
    ///
    /// assert_eq!(PortRange::port(443), Ok(443));
    /// assert_eq!(PortRange::port(65536), Err(ValueError::Port(65536)));
    /// assert_eq!(PortRange::port(-1), Err(ValueError::Port(-1)));
    /// ```
    ///
    /// # Errors
    /// [`ValueError::Port`] outside 0-65535.
    pub const fn port(number: i128) -> Result<u16, ValueError> {
        if number < 0 || number > u16::MAX as i128 {
            Err(ValueError::Port(number))
        } else {
            Ok(number as u16)
        }
    }

    /// One port.
    pub const fn single(port: u16) -> PortRange {
        PortRange {
            from: port,
            to: port,
        }
    }

    /// The first port.
    pub const fn from(&self) -> u16 {
        self.from
    }

    /// The last port.
    pub const fn to(&self) -> u16 {
        self.to
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}..={}", self.from, self.to)
        }
    }
}

/// An IP protocol a rule can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Protocol {
    /// TCP (6).
    Tcp,
    /// UDP (17).
    Udp,
    /// ICMP (1), every type and code.
    Icmp,
    /// Every protocol.
    All,
}

impl Protocol {
    /// The IANA protocol number AWS uses, `-1` for every protocol.
    pub const fn number(&self) -> i32 {
        match self {
            Self::Tcp => 6,
            Self::Udp => 17,
            Self::Icmp => 1,
            Self::All => -1,
        }
    }

    /// The lowercase keyword, as written in the DSL.
    pub const fn keyword(&self) -> &'static str {
        match self {
            Self::Tcp => "tcp",
            Self::Udp => "udp",
            Self::Icmp => "icmp",
            Self::All => "all",
        }
    }
}

/// What a firewall rule matches: a protocol and, for TCP and UDP, a port range.
///
/// Ports exist only where the protocol has them, so an ICMP rule with a port cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Traffic {
    /// TCP to the given ports.
    Tcp(PortRange),
    /// UDP to the given ports.
    Udp(PortRange),
    /// Every ICMP type and code.
    Icmp,
    /// Every protocol and port.
    All,
}

impl Traffic {
    /// The protocol matched.
    pub const fn protocol(&self) -> Protocol {
        match self {
            Self::Tcp(_) => Protocol::Tcp,
            Self::Udp(_) => Protocol::Udp,
            Self::Icmp => Protocol::Icmp,
            Self::All => Protocol::All,
        }
    }

    /// The ports matched, for TCP and UDP.
    pub const fn ports(&self) -> Option<PortRange> {
        match self {
            Self::Tcp(ports) | Self::Udp(ports) => Some(*ports),
            Self::Icmp | Self::All => None,
        }
    }

    /// The TCP ports this traffic matches: all of them for [`Traffic::All`].
    pub const fn tcp_ports(&self) -> Option<PortRange> {
        match self {
            Self::Tcp(ports) => Some(*ports),
            Self::All => Some(PortRange::ALL),
            Self::Udp(_) | Self::Icmp => None,
        }
    }
}

impl fmt::Display for Traffic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ports() {
            Some(ports) => write!(f, "{} {ports}", self.protocol().keyword()),
            None => f.write_str(self.protocol().keyword()),
        }
    }
}
