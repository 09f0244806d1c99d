//! The messages that need more than a sentence of context: the verifier's errors with what to
//! check next, and the payload that is not a body.

use alloc::format;
use alloc::string::String;

use super::{Finding, FindingCode};
use crate::error::{Code, Error};

/// The payload is no body: empty, or an object that went through `String(…)`.
pub(super) fn body_not_raw(empty: bool) -> Finding {
    let what = if empty { "The payload is empty" } else { "The payload is the text `[object Object]`" };
    Finding {
        code: FindingCode::BodyNotRaw,
        message: format!(
            "{what}: it is not the raw request body. Read the body as bytes or text before any JSON \
             parser runs (e.g. `express.raw({{ type: 'application/json' }})` or `await request.text()`) \
             and pass that."
        ),
    }
}

/// The verifier's message with what to check next.
pub(super) fn advice(error: &Error) -> String {
    let next = match error.code() {
        Code::MissingHeader => "Pass every request header as received; a proxy or framework may have dropped it.",
        Code::MalformedHeader => "Check that the scheme is the one the sender uses.",
        Code::InvalidTimestamp => "The timestamp must be whole Unix seconds, digits only.",
        Code::TimestampTooOld | Code::TimestampTooNew => "Check the clocks, or raise toleranceSeconds.",
        Code::NoMatchingSignature => {
            "None of the usual mistakes (whitespace or quotes around the secret, the secret's encoding, a \
             re-serialized body, the signature's encoding) explains it: check that the secret is this endpoint's \
             signing secret and that the body is the raw request body."
        }
        Code::InvalidSecret => "Check that the secret is the one the provider shows for this endpoint.",
        Code::InvalidScheme => "Check the scheme's options (a notification URL for `square`).",
        _ => "",
    };
    // The verifier's messages start in lower case, as fragments; here they open a sentence.
    let mut chars = error.message().chars();
    let mut out = String::new();
    out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    if !next.is_empty() {
        out.push(' ');
        out.push_str(next);
    }
    out
}
