use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::ValueError;

macro_rules! text_value {
    ($(#[$doc:meta])* $ty:ident, $check:ident, $error:ident, $example:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $ty(Cow<'static, str>);

        impl $ty {
            #[doc = concat!("Checks the shape of `text`, for example `", $example, "`.")]
            ///
            /// # Errors
            #[doc = concat!("[`ValueError::", stringify!($error), "`] if the text is not of that shape.")]
            pub const fn new(text: &'static str) -> Result<$ty, ValueError> {
                if $check(text.as_bytes()) {
                    Ok($ty(Cow::Borrowed(text)))
                } else {
                    Err(ValueError::$error)
                }
            }

            #[doc = concat!("Like [`", stringify!($ty), "::new`], for `const` items.")]
            ///
            /// # Panics
            /// If the text is not of that shape; in a `const` item that is a compile error.
            pub const fn new_assert(text: &'static str) -> $ty {
                if $check(text.as_bytes()) {
                    $ty(Cow::Borrowed(text))
                } else {
                    panic!("{}", ValueError::$error.summary())
                }
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $ty {
            type Err = ValueError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                if $check(text.as_bytes()) {
                    Ok($ty(Cow::Owned(text.to_owned())))
                } else {
                    Err(ValueError::$error)
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

text_value!(
    /// The name of a model element (`private`, `app_servers`, `high-priority`): lowercase ASCII
    /// letters and digits, starting with a letter, words separated by single `-` or `_`, at most
    /// 64 characters, so that every logical id derived from it is valid.
    ///
    /// ```
    /// use infra_core::value::Name;
    ///
    /// assert!(Name::new("app_servers").is_ok());
    /// assert!(Name::new("App").is_err());
    /// ```
    Name, is_name, Name, "app_servers"
);

text_value!(
    /// An AWS region code such as `ap-northeast-1`.
    ///
    /// ```
    /// use infra_core::value::Region;
    ///
    /// assert!(Region::new("us-gov-west-1").is_ok());
    /// assert!(Region::new("Tokyo").is_err());
    /// ```
    Region, is_region, Region, "ap-northeast-1"
);

text_value!(
    /// An availability zone name such as `ap-northeast-1a` (or a Local or Wavelength Zone such
    /// as `us-west-2-lax-1a`). Names map to physical zones per account, so any letter is accepted.
    ///
    /// ```
    /// use infra_core::value::Zone;
    ///
    /// assert!(Zone::new("ap-northeast-1c").is_ok());
    /// assert!(Zone::new("ap-northeast-1").is_err());
    /// ```
    Zone, is_zone, Zone, "ap-northeast-1a"
);

impl Name {
    /// The name as a CloudFormation logical id fragment: `app_servers` becomes `AppServers`.
    pub fn pascal_case(&self) -> String {
        pascal_case(self.as_str())
    }
}

impl Zone {
    /// Whether this zone lies in `region`: the region code followed by a zone letter, or by a
    /// Local Zone suffix.
    pub fn is_in(&self, region: &Region) -> bool {
        match self.as_str().strip_prefix(region.as_str()) {
            Some(rest) => {
                let rest = rest.as_bytes();
                (rest.len() == 1 && rest[0].is_ascii_lowercase()) || rest.first() == Some(&b'-')
            }
            None => false,
        }
    }

    /// The zone as a CloudFormation logical id fragment: `ap-northeast-1a` becomes `ApNortheast1a`.
    pub fn pascal_case(&self) -> String {
        pascal_case(self.as_str())
    }
}

/// Upper-cases the first letter of each `-` or `_` separated word and drops the separators.
fn pascal_case(text: &str) -> String {
    text.split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

const fn is_lower_alnum(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte.is_ascii_digit()
}

const fn is_name(bytes: &[u8]) -> bool {
    if bytes.is_empty() || bytes.len() > 64 || !bytes[0].is_ascii_lowercase() {
        return false;
    }
    let mut idx = 1;
    while idx < bytes.len() {
        let byte = bytes[idx];
        let separator = byte == b'-' || byte == b'_';
        if separator && (idx + 1 == bytes.len() || !is_lower_alnum(bytes[idx + 1])) {
            return false;
        }
        if !separator && !is_lower_alnum(byte) {
            return false;
        }
        idx += 1;
    }
    true
}

/// `xx(-word)*-N`: two letters, lowercase words, a final number.
const fn is_region(bytes: &[u8]) -> bool {
    let n_bytes = bytes.len();
    if n_bytes < 5
        || !bytes[0].is_ascii_lowercase()
        || !bytes[1].is_ascii_lowercase()
        || bytes[2] != b'-'
    {
        return false;
    }
    let mut idx = 3;
    let mut last_dash = 2;
    while idx < n_bytes {
        let byte = bytes[idx];
        if byte == b'-' {
            if idx == last_dash + 1 {
                return false;
            }
            last_dash = idx;
        } else if !is_lower_alnum(byte) {
            return false;
        }
        idx += 1;
    }
    if last_dash == 2 || last_dash + 1 == n_bytes {
        return false;
    }
    let mut idx = last_dash + 1;
    while idx < n_bytes {
        if !bytes[idx].is_ascii_digit() {
            return false;
        }
        idx += 1;
    }
    true
}

/// A region code followed by a zone letter (`ap-northeast-1a`), or by `-` and the lowercase words
/// of a Local Zone or Wavelength Zone (`us-west-2-lax-1a`, `us-east-1-wl1-bos-wlz-1`).
const fn is_zone(bytes: &[u8]) -> bool {
    let n_bytes = bytes.len();
    if n_bytes == 0 {
        return false;
    }
    let (head, _) = bytes.split_at(n_bytes - 1);
    if bytes[n_bytes - 1].is_ascii_lowercase() && is_region(head) {
        return true;
    }
    let mut idx = 0;
    while idx < n_bytes {
        if bytes[idx] == b'-' {
            let (region, suffix) = bytes.split_at(idx);
            if is_region(region) {
                return is_words(suffix);
            }
        }
        idx += 1;
    }
    false
}

/// `-word(-word)*` with lowercase alphanumeric words.
const fn is_words(bytes: &[u8]) -> bool {
    if bytes.len() < 2 || bytes[0] != b'-' {
        return false;
    }
    let mut idx = 1;
    while idx < bytes.len() {
        let byte = bytes[idx];
        if byte == b'-' {
            if bytes[idx - 1] == b'-' || idx + 1 == bytes.len() {
                return false;
            }
        } else if !is_lower_alnum(byte) {
            return false;
        }
        idx += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in [
            "a",
            "private",
            "app_servers",
            "high-priority",
            "subnet1",
            "api_v2",
            "tier_1",
        ] {
            assert!(Name::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "App",
            "1tier",
            "a__b",
            "a-",
            "a_-b",
            "a b",
            &"a".repeat(65),
        ] {
            assert!(bad.parse::<Name>().is_err(), "{bad}");
        }
    }

    #[test]
    fn regions_and_zones() {
        for ok in [
            "ap-northeast-1",
            "us-gov-west-1",
            "eu-south-2",
            "us-isob-east-1",
        ] {
            assert!(Region::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "ap-northeast",
            "Tokyo",
            "ap--northeast-1",
            "ap-northeast-1a",
            "a-b-1",
        ] {
            assert!(bad.parse::<Region>().is_err(), "{bad}");
        }
        for ok in [
            "ap-northeast-1a",
            "us-west-2-lax-1a",
            "us-east-1-bos-1a",
            "us-east-1-wl1-bos-wlz-1",
        ] {
            assert!(Zone::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "ap-northeast-1",
            "apne1-az1",
            "ap-northeast-1A",
            "1a",
            "ap-northeast-1-",
            "ap-northeast-1--x",
            "",
        ] {
            assert!(bad.parse::<Zone>().is_err(), "{bad}");
        }
    }

    #[test]
    fn zone_membership() {
        let tokyo = Region::new_assert("ap-northeast-1");
        assert!(Zone::new_assert("ap-northeast-1c").is_in(&tokyo));
        assert!(!Zone::new_assert("ap-northeast-3a").is_in(&tokyo));
        assert!(!Zone::new_assert("us-east-1a").is_in(&tokyo));
        assert!(Zone::new_assert("us-west-2-lax-1a").is_in(&Region::new_assert("us-west-2")));
    }

    #[test]
    fn logical_id_fragments() {
        assert_eq!(Name::new_assert("app_servers").pascal_case(), "AppServers");
        assert_eq!(
            Zone::new_assert("ap-northeast-1a").pascal_case(),
            "ApNortheast1a"
        );
    }
}
