//! Small pieces of syntax shared by every section: keywords, names, separators.

use std::str::FromStr;

use infra_core::rules::suggest::did_you_mean;
use infra_core::value::Name;
use infra_core::ModelPath;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token};

use crate::cx::Cx;

/// A name written as an identifier, checked by [`Name`]'s constructor; `at` gives its path.
/// A rejected name continues as a lowercased stand-in, so its element keeps its own path.
pub(super) fn ident_name(cx: &mut Cx, ident: &Ident, at: impl Fn(&str) -> ModelPath) -> Name {
    let text = unraw(ident);
    match Name::from_str(&text) {
        Ok(name) => cx.value(Ok(name), at(&text), ident.span(), stand_in_name),
        Err(error) => {
            let stand_in = Name::from_str(&sanitize(&text)).unwrap_or_else(|_| stand_in_name());
            cx.value(Err(error), at(stand_in.as_str()), ident.span(), || stand_in)
        }
    }
}

/// `App__Servers` becomes `app_servers`.
pub(super) fn sanitize(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join("_");
    if joined.starts_with(|c: char| c.is_ascii_lowercase()) {
        joined
    } else {
        format!("x{joined}")
    }
}

pub(super) fn unraw(ident: &Ident) -> String {
    ident.unraw().to_string()
}

/// `key: "text"`, once.
pub(super) fn string_field<T>(
    input: ParseStream,
    slot: &Option<T>,
    key: &Ident,
) -> syn::Result<LitStr> {
    once(slot, key)?;
    input.parse::<Token![:]>()?;
    input.parse()
}

pub(super) fn once<T>(slot: &Option<T>, key: &Ident) -> syn::Result<()> {
    match slot {
        Some(_) => Err(syn::Error::new(key.span(), format!("duplicate `{key}`"))),
        None => Ok(()),
    }
}

/// An identifier that must be one of `expected`.
pub(super) fn keyword(
    input: ParseStream,
    what: &str,
    expected: &[&'static str],
) -> syn::Result<Ident> {
    let ident = input
        .call(Ident::parse_any)
        .map_err(|e| syn::Error::new(e.span(), format!("expected a {what}: {}", list(expected))))?;
    choice(&ident, what, expected)?;
    Ok(ident)
}

/// Which of `expected` the identifier is.
pub(super) fn choice(
    ident: &Ident,
    what: &str,
    expected: &[&'static str],
) -> syn::Result<&'static str> {
    let text = ident.to_string();
    match expected.iter().find(|&&word| word == text) {
        Some(word) => Ok(word),
        None => {
            let hint = suggestion(&text, expected);
            Err(syn::Error::new(
                ident.span(),
                format!("unknown {what} `{text}`{hint}; expected {}", list(expected)),
            ))
        }
    }
}

pub(super) fn suggestion(text: &str, expected: &[&str]) -> String {
    did_you_mean(text, expected.iter().copied())
        .map(|word| format!(" (did you mean `{word}`?)"))
        .unwrap_or_default()
}

pub(super) fn list(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("one of {} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// An optional `,` between entries.
pub(super) fn separator(input: ParseStream) -> syn::Result<()> {
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    }
    Ok(())
}

/// The name a rejected name continues as when nothing better can be made of it.
pub(super) fn stand_in_name() -> Name {
    Name::new_assert("invalid")
}
