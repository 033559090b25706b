//! Small pieces of syntax shared by every section: keywords, names, literals, separators, and
//! recovery after a syntax error.

use std::str::FromStr;

use infra_core::rules::suggest::did_you_mean;
use infra_core::value::{parse_days, Name, RetentionDays, ValueError};
use infra_core::ModelPath;
use proc_macro2::{Delimiter, Span, TokenTree};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitBool, LitInt, LitStr, Token};

use crate::cx::Cx;
use crate::keyword::Keyword;

/// Parses the entries of one level (a section, a block, a list) until `input` is empty.
///
/// A syntax error in an entry is recorded and parsing resumes at the next entry: after the next
/// `,` or `{ ... }` group of this level, or before the next of `keys`, the words that open an
/// entry here. So every syntax error of a design is reported in one build.
pub(crate) fn entries(
    input: ParseStream,
    cx: &mut Cx,
    keys: &[&str],
    mut entry: impl FnMut(ParseStream, &mut Cx) -> syn::Result<()>,
) {
    while !input.is_empty() {
        let before = input.cursor();
        if let Err(error) = entry(input, cx) {
            cx.error(error);
            recover(input, keys, input.cursor() != before);
        }
    }
}

/// Skips to the start of the next entry. Without `progressed` (the failed entry consumed
/// nothing), at least one token is skipped, so that parsing always moves on.
fn recover(input: ParseStream, keys: &[&str], progressed: bool) {
    // The step cannot fail: it only moves the cursor.
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            match &tree {
                TokenTree::Punct(punct) if punct.as_char() == ',' => return Ok(((), next)),
                TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                    return Ok(((), next));
                }
                TokenTree::Ident(ident)
                    if (progressed || rest != *cursor)
                        && keys.contains(&ident.unraw().to_string().as_str()) =>
                {
                    return Ok(((), rest));
                }
                _ => rest = next,
            }
        }
        Ok(((), rest))
    });
}

/// A name written as an identifier, checked by [`Name`]'s constructor; `at` gives its path.
/// A rejected name continues as a lowercased stand-in, so its element keeps its own path.
pub(crate) fn ident_name(cx: &mut Cx, ident: &Ident, at: impl Fn(&str) -> ModelPath) -> Name {
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
pub(crate) fn sanitize(text: &str) -> String {
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

/// The identifier as written, without a raw prefix (`r#type` is `type`).
pub(crate) fn unraw(ident: &Ident) -> String {
    ident.unraw().to_string()
}

/// A string literal; a suffix (`"..."_x`) is an error at the token.
pub(crate) fn string(input: ParseStream, cx: &mut Cx) -> syn::Result<LitStr> {
    let lit: LitStr = input.parse()?;
    if !lit.suffix().is_empty() {
        cx.error(syn::Error::new(
            lit.span(),
            format!(
                "unexpected suffix `{}` on a string; write the string alone",
                lit.suffix()
            ),
        ));
    }
    Ok(lit)
}

/// An integer literal as written, possibly negative (`-1` is two tokens).
pub(crate) struct Integer {
    /// The literal, without the sign.
    pub lit: LitInt,
    /// Whether a `-` came first.
    pub negative: bool,
    /// The first token: the `-`, or the literal.
    pub start: Span,
}

impl Integer {
    /// Its value; a number beyond `i128` reads as `i128::MAX` (or `MIN`).
    pub fn value(&self) -> i128 {
        let magnitude = self.lit.base10_digits().parse::<i128>().ok();
        match (self.negative, magnitude) {
            (false, Some(n)) => n,
            (true, Some(n)) => -n,
            (false, None) => i128::MAX,
            (true, None) => i128::MIN,
        }
    }

    /// The last token.
    pub fn end(&self) -> Span {
        self.lit.span()
    }
}

/// An integer literal, possibly negative, with whatever suffix it has.
pub(crate) fn integer_with_suffix(input: ParseStream) -> syn::Result<Integer> {
    let minus: Option<Token![-]> = input.parse()?;
    let lit: LitInt = input.parse()?;
    Ok(Integer {
        negative: minus.is_some(),
        start: minus.map_or_else(|| lit.span(), |minus| minus.span),
        lit,
    })
}

/// A number of days written `<n>d` (`30d`), converted by `convert` and recorded at `at`: a value
/// either step rejects is reported at its token by its rule, and `stand_in` takes its place.
pub(crate) fn days<T: std::fmt::Display>(
    input: ParseStream,
    cx: &mut Cx,
    at: ModelPath,
    convert: impl FnOnce(u64) -> Result<T, ValueError>,
    stand_in: impl FnOnce() -> T,
) -> syn::Result<T> {
    let days = integer_with_suffix(input)?;
    let sign = if days.negative { "-" } else { "" };
    let text = format!("{sign}{}{}", days.lit.base10_digits(), days.lit.suffix());
    let parsed = parse_days(&text).and_then(convert);
    Ok(cx.value_range(parsed, at, days.start, days.end(), stand_in))
}

/// `<n>d` as a whole number of days for the rules to check; a huge one saturates.
pub(crate) fn whole_days(
    input: ParseStream,
    cx: &mut Cx,
    at: ModelPath,
    stand_in: u32,
) -> syn::Result<u32> {
    days(
        input,
        cx,
        at,
        |days| Ok(u32::try_from(days).unwrap_or(u32::MAX)),
        || stand_in,
    )
}

/// `<n>d`, a log group's retention from CloudWatch Logs' allowed set.
pub(crate) fn retention_days(
    input: ParseStream,
    cx: &mut Cx,
    at: ModelPath,
) -> syn::Result<RetentionDays> {
    days(input, cx, at, RetentionDays::new, || {
        RetentionDays::new_assert(30)
    })
}

/// An integer literal, possibly negative, without a suffix: `443u8` is an error at the token.
/// `what` names the number (`a port`).
pub(crate) fn integer(input: ParseStream, cx: &mut Cx, what: &str) -> syn::Result<Integer> {
    let integer = integer_with_suffix(input)?;
    let suffix = integer.lit.suffix();
    if !suffix.is_empty() {
        cx.error(syn::Error::new(
            integer.lit.span(),
            format!(
                "unexpected suffix `{suffix}` on {what}; write the number alone, such as `{}`",
                integer.lit.base10_digits()
            ),
        ));
    }
    Ok(integer)
}

/// A number as a `u32`, recorded at `at`; a negative or huge one saturates, for the rules to
/// report. `what` names the number (`a count`).
pub(crate) fn count(
    input: ParseStream,
    cx: &mut Cx,
    what: &str,
    at: ModelPath,
) -> syn::Result<u32> {
    let number = integer(input, cx, what)?;
    cx.span_range(at, number.start, number.end());
    Ok(u32::try_from(number.value().max(0)).unwrap_or(u32::MAX))
}

/// `true` or `false`, recorded at `at`.
pub(crate) fn flag(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<bool> {
    let value: LitBool = input.parse()?;
    cx.span(at, value.span());
    Ok(value.value)
}

/// Reports at `at` which of the `required` fields of `what` (such as `a service`) are not among
/// the `written` ones; nothing when every one was written (a rejected value was then reported at
/// its own token).
pub(crate) fn report_missing<K: Keyword + PartialEq>(
    cx: &mut Cx,
    at: Span,
    what: &str,
    required: &[K],
    written: &[K],
) {
    let quote = |field: &K| format!("`{}`", field.as_str());
    let absent: Vec<String> = required
        .iter()
        .filter(|field| !written.contains(field))
        .map(quote)
        .collect();
    if absent.is_empty() {
        return;
    }
    let all: Vec<String> = required.iter().map(quote).collect();
    let all = match all.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => all.concat(),
    };
    cx.error(missing(
        at,
        format!("{what} needs {all}; missing {}", absent.join(", ")),
    ));
}

/// `key: "text"`, once.
pub(crate) fn string_field<T>(
    input: ParseStream,
    cx: &mut Cx,
    slot: &Option<T>,
    key: &Ident,
) -> syn::Result<LitStr> {
    once(slot, key)?;
    input.parse::<Token![:]>()?;
    string(input, cx)
}

/// `<name>` after `key:` (the colon already read), once: a reference to an element of the design
/// by its name, recorded at `at`.
pub(crate) fn name_ref(
    input: ParseStream,
    cx: &mut Cx,
    slot: &Option<Name>,
    key: &Ident,
    at: ModelPath,
) -> syn::Result<Name> {
    once(slot, key)?;
    name_at(input, cx, at)
}

/// A name, recorded at `at`.
fn name_at(input: ParseStream, cx: &mut Cx, at: ModelPath) -> syn::Result<Name> {
    let ident = input.call(Ident::parse_any)?;
    Ok(ident_name(cx, &ident, |_| at.clone()))
}

/// `<name>` after `key:` (the colon already read), once: the name of a KMS key of the design, at
/// `at`. A string (an ARN or alias, as the seed writes keys) is an error that says how to name
/// the key instead.
pub(crate) fn name_field(
    input: ParseStream,
    cx: &mut Cx,
    slot: &Option<Name>,
    key: &Ident,
    at: ModelPath,
) -> syn::Result<Name> {
    once(slot, key)?;
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "`{}` names a KMS key of the design by identifier, not by ARN or alias\n  = help: declare the key in `security {{ kms_key <name> {{}} }}` and write `{}: <name>`",
                unraw(key),
                unraw(key)
            ),
        ));
    }
    name_at(input, cx, at)
}

pub(crate) fn once<T>(slot: &Option<T>, key: &Ident) -> syn::Result<()> {
    match slot {
        Some(_) => Err(syn::Error::new(
            key.span(),
            format!("duplicate `{}`", unraw(key)),
        )),
        None => Ok(()),
    }
}

/// A keyword of the set `K`, with the identifier it was read from.
pub(crate) fn key<K: Keyword>(input: ParseStream) -> syn::Result<(K, Ident)> {
    let ident = input.call(Ident::parse_any).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "expected {} {}: {}",
                article(K::WHAT),
                K::WHAT,
                list(K::ALL)
            ),
        )
    })?;
    Ok((word(&ident)?, ident))
}

/// Which keyword of the set `K` the identifier is.
pub(crate) fn word<K: Keyword>(ident: &Ident) -> syn::Result<K> {
    let text = unraw(ident);
    K::from_word(&text).ok_or_else(|| {
        let hint = suggestion(&text, K::ALL);
        syn::Error::new(
            ident.span(),
            format!(
                "unknown {} `{text}`{hint}; expected {}",
                K::WHAT,
                list(K::ALL)
            ),
        )
    })
}

/// `a` or `an`, by the sound of the word's first letter.
pub(crate) fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

pub(crate) fn suggestion(text: &str, expected: &[&str]) -> String {
    did_you_mean(text, expected.iter().copied())
        .map(|word| format!(" (did you mean `{word}`?)"))
        .unwrap_or_default()
}

pub(crate) fn list(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("one of {} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// `[a, b, ...]`: names of other elements (groups, tiers, services), each checked by [`Name`]'s
/// constructor and recorded at `at(index)`.
pub(crate) fn names(
    input: ParseStream,
    cx: &mut Cx,
    at: impl Fn(usize) -> ModelPath,
) -> syn::Result<Vec<Name>> {
    let list;
    syn::bracketed!(list in input);
    let mut parsed = Vec::new();
    entries(&list, cx, &[], |list, cx| {
        let ident = list.call(Ident::parse_any)?;
        let idx = parsed.len();
        parsed.push(ident_name(cx, &ident, |_| at(idx)));
        if !list.is_empty() {
            list.parse::<Token![,]>()?;
        }
        Ok(())
    });
    Ok(parsed)
}

/// An optional `,` between entries.
pub(crate) fn separator(input: ParseStream) -> syn::Result<()> {
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    }
    Ok(())
}

/// The error for a required field a block lacks, at the block's key.
pub(crate) fn missing(at: Span, message: impl std::fmt::Display) -> syn::Error {
    syn::Error::new(at, message)
}

/// The name a rejected name continues as when nothing better can be made of it.
pub(crate) fn stand_in_name() -> Name {
    Name::new_assert("invalid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_follow_the_first_letter() {
        assert_eq!(article("environment field"), "an");
        assert_eq!(article("network item"), "a");
        assert_eq!(article("item"), "an");
    }
}
