//! The `storage { ... }` section: S3 buckets.
//!
//! ```text
//! storage {
//!     bucket datasets {
//!         versioning: true,
//!         encryption: kms,                 // or `aes256` (SSE-S3)
//!         kms_key: storage,                // a key of `security`; SSE-KMS only; `aws/s3` without it
//!         access_logs: access_logs,        // a bucket of the design, encrypted with `aes256`
//!         lifecycle: [
//!             after 30d => STANDARD_IA,
//!             after 90d => GLACIER,
//!             expire 365d,
//!             noncurrent_expire 90d,
//!             abort_uploads 7d,
//!         ],
//!     }
//! }
//! ```
//!
//! `class: <CLASS>` (or `storage_class:`) is read and rejected: S3 has no bucket-level storage
//! class (`bucket-storage-class`).

use infra_core::model::{path, Acknowledgement, Bucket, Encryption, ObjectStorage};
use infra_core::rules::{bucket_storage_class, value_diagnostic};
use infra_core::value::{parse_days, Lifecycle, Name, StorageClass, Transition, ValueError};
use infra_core::ModelPath;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{braced, bracketed, Ident, LitBool, Token};

use super::keyword::{BucketKey, ClassKey, EncryptionKey, LifecycleKey, SectionKey};
use crate::cx::Cx;
use crate::keyword::Keyword;
use crate::parse::attributes::{acknowledge, attributes};
use crate::parse::syntax::*;

/// The section's body.
pub(super) fn storage(
    input: ParseStream,
    cx: &mut Cx,
    acks: &mut Vec<Acknowledgement>,
) -> ObjectStorage {
    let mut section = ObjectStorage::new();
    entries(input, cx, SectionKey::ALL, |input, cx| {
        let allows = attributes(input, cx)?;
        let (item, _) = key::<SectionKey>(input)?;
        match item {
            SectionKey::Bucket => {
                let ident = input.call(Ident::parse_any)?;
                let name = ident_name(cx, &ident, path::bucket);
                acknowledge(acks, cx, allows, path::bucket(name.as_str()));
                let content;
                braced!(content in input);
                section.buckets.push(bucket(&content, cx, name, ident.span()));
            }
        }
        separator(input)
    });
    section
}

/// A bucket's body. Without `encryption` a bucket is SSE-S3 (S3's own default since 2023), and
/// without `versioning` unversioned; their paths are then recorded at the bucket's name `at`.
fn bucket(input: ParseStream, cx: &mut Cx, name: Name, at: Span) -> Bucket {
    let bucket = name.as_str().to_owned();
    let mut versioning: Option<bool> = None;
    let mut encryption: Option<Encryption> = None;
    let mut kms_key: Option<Name> = None;
    let mut access_logs: Option<Name> = None;
    let mut lifecycle: Option<Lifecycle> = None;
    entries(input, cx, BucketKey::ALL, |input, cx| {
        let (field, key) = key::<BucketKey>(input)?;
        match field {
            BucketKey::Versioning => {
                once(&versioning, &key)?;
                input.parse::<Token![:]>()?;
                let value: LitBool = input.parse()?;
                cx.span(path::bucket_versioning(&bucket), value.span());
                versioning = Some(value.value);
            }
            BucketKey::Encryption => {
                once(&encryption, &key)?;
                input.parse::<Token![:]>()?;
                let ident = input.call(Ident::parse_any)?;
                cx.span(path::bucket_encryption(&bucket), ident.span());
                encryption = Some(match word::<EncryptionKey>(&ident)? {
                    EncryptionKey::Aes256 => Encryption::aes256(),
                    EncryptionKey::Kms => Encryption::kms(),
                });
            }
            BucketKey::KmsKey => {
                input.parse::<Token![:]>()?;
                kms_key = Some(name_field(input, cx, &kms_key, &key, path::bucket_kms_key(&bucket))?);
            }
            BucketKey::AccessLogs => {
                input.parse::<Token![:]>()?;
                access_logs = Some(name_ref(input, cx, &access_logs, &key, path::bucket_access_logs(&bucket))?);
            }
            BucketKey::Lifecycle => {
                once(&lifecycle, &key)?;
                input.parse::<Token![:]>()?;
                lifecycle = Some(lifecycle_list(input, cx, &bucket, key.span())?);
            }
            BucketKey::Class | BucketKey::StorageClass => {
                input.parse::<Token![:]>()?;
                let ident = input.call(Ident::parse_any)?;
                word::<ClassKey>(&ident)?;
                let at = path::bucket_storage_class(&bucket);
                cx.span(at, ident.span());
                cx.value_errors
                    .push(bucket_storage_class(&bucket, &unraw(&ident)));
            }
        }
        separator(input)
    });
    if versioning.is_none() {
        cx.span(path::bucket_versioning(&bucket), at);
    }
    if encryption.is_none() {
        cx.span(path::bucket_encryption(&bucket), at);
    }
    let mut encryption = encryption.unwrap_or_else(Encryption::aes256);
    if let Some(key) = kms_key {
        encryption = encryption.key(key);
    }
    let mut made = Bucket::new(name, encryption)
        .versioning(versioning.unwrap_or(false))
        .lifecycle(lifecycle.unwrap_or_default());
    made.access_logs = access_logs;
    made
}

/// A lifecycle entry as written, with its first and last tokens.
enum Entry {
    Transition(Transition),
    Action(LifecycleKey, u32),
}

/// `[after 30d => STANDARD_IA, expire 365d, noncurrent_expire 90d, abort_uploads 7d]`, checked
/// by the lifecycle's constructor entry by entry, so each finding is at its own entry: each
/// transition with those before it, then the actions with every accepted transition. A rejected
/// entry is left out of the model. `at` is the `lifecycle` key.
fn lifecycle_list(input: ParseStream, cx: &mut Cx, bucket: &str, at: Span) -> syn::Result<Lifecycle> {
    let list;
    let brackets = bracketed!(list in input);
    cx.span_range(path::lifecycle(bucket), at, brackets.span.close());
    let mut written: Vec<(Entry, Span, Span)> = Vec::new();
    entries(&list, cx, LifecycleKey::ALL, |list, _cx| {
        let (action, key) = key::<LifecycleKey>(list)?;
        let (days, days_end) = days(list)?;
        let entry = match action {
            LifecycleKey::After => {
                list.parse::<Token![=>]>()?;
                let ident = list.call(Ident::parse_any)?;
                let class = match word::<ClassKey>(&ident)? {
                    ClassKey::Standard => {
                        return Err(syn::Error::new(
                            ident.span(),
                            "S3 lifecycle transitions never move objects back to STANDARD; objects start there",
                        ))
                    }
                    ClassKey::StandardIa => StorageClass::StandardIa,
                    ClassKey::IntelligentTiering => StorageClass::IntelligentTiering,
                    ClassKey::OnezoneIa => StorageClass::OnezoneIa,
                    ClassKey::GlacierIr => StorageClass::GlacierIr,
                    ClassKey::Glacier => StorageClass::Glacier,
                    ClassKey::DeepArchive => StorageClass::DeepArchive,
                };
                written.push((Entry::Transition(Transition::after(days, class)), key.span(), ident.span()));
                return separator(list);
            }
            LifecycleKey::Expire | LifecycleKey::NoncurrentExpire | LifecycleKey::AbortUploads => action,
        };
        if written.iter().any(|(known, _, _)| matches!(known, Entry::Action(a, _) if *a == entry)) {
            return Err(syn::Error::new(key.span(), format!("duplicate `{}`", entry.as_str())));
        }
        written.push((Entry::Action(entry, days), key.span(), days_end));
        separator(list)
    });
    let mut transitions: Vec<Transition> = Vec::new();
    let mut actions: [Option<u32>; 3] = [None; 3];
    let mut idx = 0;
    for (entry, start, end) in &written {
        if let Entry::Transition(transition) = entry {
            let mut trial = transitions.clone();
            trial.push(*transition);
            let result = Lifecycle::check(&trial, None, None, None);
            if keep(cx, result, path::transition(bucket, idx), *start, *end) {
                transitions.push(*transition);
                idx += 1;
            }
        }
    }
    for (entry, start, end) in &written {
        let Entry::Action(action, days) = entry else {
            continue;
        };
        let (slot, field, check) = match action {
            LifecycleKey::Expire => (0, "expiration", Lifecycle::check(&transitions, Some(*days), None, None)),
            LifecycleKey::NoncurrentExpire => (1, "noncurrent_expiration", Lifecycle::check(&[], None, Some(*days), None)),
            LifecycleKey::AbortUploads => (2, "abort_incomplete_uploads", Lifecycle::check(&[], None, None, Some(*days))),
            LifecycleKey::After => continue,
        };
        if keep(cx, check, path::lifecycle_action(bucket, field), *start, *end) {
            actions[slot] = Some(*days);
        }
    }
    let [expiration, noncurrent, abort] = actions;
    Ok(match Lifecycle::from_parts(transitions, expiration, noncurrent, abort) {
        Ok(lifecycle) => lifecycle,
        Err(error) => {
            keep(cx, Err(error), path::lifecycle(bucket), at, at);
            Lifecycle::default()
        }
    })
}

/// Records `path` from `start` to `end`, and whether its check passed; a rejected entry's
/// finding is recorded there, and the entry is left out of the model.
fn keep(cx: &mut Cx, result: Result<(), ValueError>, path: ModelPath, start: Span, end: Span) -> bool {
    cx.span_range(path.clone(), start, end);
    match result {
        Ok(()) => true,
        Err(error) => {
            cx.value_errors.push(value_diagnostic(error, path.clone()));
            cx.stand_in_at(path);
            false
        }
    }
}

/// A number of days, `<n>d`, and its last token; a number beyond `u32` reads as `u32::MAX`.
fn days(input: ParseStream) -> syn::Result<(u32, Span)> {
    let number = integer_with_suffix(input)?;
    let sign = if number.negative { "-" } else { "" };
    let text = format!("{sign}{}{}", number.lit.base10_digits(), number.lit.suffix());
    match parse_days(&text) {
        Ok(days) => Ok((u32::try_from(days).unwrap_or(u32::MAX), number.end())),
        Err(error) => Err(syn::Error::new(number.start, format!("{error}; {}", error.help()))),
    }
}
