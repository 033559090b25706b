//! The DSL's keywords, spelled once so the parser and its messages agree. Each set of keywords
//! is an enum, so a parser's `match` on one is exhaustive: a new keyword cannot fall into
//! another's arm.

/// A set of keywords, read from an identifier.
pub trait Keyword: Sized + Copy + 'static {
    /// Every keyword of the set, in the order the grammar lists them.
    const ALL: &'static [&'static str];
    /// What the keywords are, in messages (`network item`).
    const WHAT: &'static str;

    /// The keyword `word` is, if any.
    fn from_word(word: &str) -> Option<Self>;

    /// The keyword as written.
    fn as_str(self) -> &'static str;
}

/// `keywords! { /// doc
/// pub enum Name: "what" { Variant = "word", ... } }` declares a [`Keyword`] enum.
macro_rules! keywords {
    ($(
        $(#[$doc:meta])* pub enum $name:ident: $what:literal {
            $($variant:ident = $word:literal),* $(,)?
        }
    )*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $(#[doc = concat!("`", $word, "`")] $variant),*
        }

        impl $crate::keyword::Keyword for $name {
            const ALL: &'static [&'static str] = &[$($word),*];
            const WHAT: &'static str = $what;

            fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some(Self::$variant),)*
                    _ => None,
                }
            }

            fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word),*
                }
            }
        }
    )*};
}

pub(crate) use keywords;

keywords! {
    /// The platform's own keys (its sections' keys are registered in `crate::sections`).
    pub enum PlatformKey: "platform section" {
        Name = "name",
        Region = "region",
        Environments = "environments",
    }

    /// The fields of an environment.
    pub enum EnvironmentKey: "environment field" {
        Zones = "zones",
        MultiAz = "multi_az",
    }
}

/// The key of an acknowledgement's reason: `#[allow(code, reason = "...")]`.
pub const REASON: &str = "reason";

/// The scrutinee of a per-environment value: `match env { ... }`.
pub const ENV: &str = "env";
