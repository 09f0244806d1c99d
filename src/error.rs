//! One error type for the whole crate, with a stable machine-readable [`Code`].
//!
//! Every failure that untrusted input can cause ends here, never in a panic: in wasm a panic is a
//! trap that kills the module instance. The JavaScript bindings throw the same `code` strings, so a
//! program can switch on `err.code` in Rust and in JavaScript alike.
//!
//! Messages are written for people and may change; codes may not. No message ever contains a
//! secret: they are built only from header names, lengths and positions.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

/// What went wrong, as a stable identifier (`Code::as_str` is the string the JS bindings expose).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    // Webhook verification and signing.
    /// A header the scheme needs is absent.
    MissingHeader,
    /// A header is present but cannot be parsed.
    MalformedHeader,
    /// The timestamp is not a non-negative integer number of seconds.
    InvalidTimestamp,
    /// The timestamp is older than the tolerance allows.
    TimestampTooOld,
    /// The timestamp is further in the future than the tolerance allows.
    TimestampTooNew,
    /// No candidate signature matches any secret.
    NoMatchingSignature,
    /// A secret is empty or not in the form the scheme expects.
    InvalidSecret,
    /// The payload cannot be used (wrong type, or not JSON where JSON is required).
    InvalidPayload,
    /// A custom scheme definition is incomplete or contradictory.
    InvalidScheme,
    /// An option has a value outside its domain (a negative tolerance, an id with a line break…).
    InvalidOptions,
    /// The payload is longer than the verifier's limit.
    PayloadTooLarge,
    /// The request carries more header entries than the limit.
    TooManyHeaders,
    /// The headers the scheme reads are longer, together, than the limit.
    HeadersTooLarge,
    /// A delivery carries more candidate signatures than the limit.
    TooManySignatures,

    // JSON parsing and RFC 8785 canonicalization.
    /// The input is not JSON; the message gives the byte offset.
    InvalidJson,
    /// An object has the same property name twice (I-JSON forbids it).
    DuplicateKey,
    /// A string holds an unpaired UTF-16 surrogate, escaped or raw.
    LoneSurrogate,
    /// The input bytes are not UTF-8.
    InvalidUtf8,
    /// A number is not a finite IEEE-754 double (or, on request, not an exact integer).
    NumberOutOfRange,
    /// Arrays and objects nest deeper than the configured limit.
    TooDeep,
    /// The JSON text is longer than [`ParseOptions::max_input_len`](crate::json::ParseOptions::max_input_len).
    JsonTooLarge,
    /// A string is longer than [`ParseOptions::max_string_len`](crate::json::ParseOptions::max_string_len).
    StringTooLong,
    /// An array has more elements than [`ParseOptions::max_items`](crate::json::ParseOptions::max_items).
    TooManyItems,
    /// An object has more members than [`ParseOptions::max_members`](crate::json::ParseOptions::max_members).
    TooManyMembers,
    /// An in-memory value has no JSON form (a function, a symbol, a BigInt, `undefined`).
    UnsupportedValue,
    /// An in-memory value contains itself.
    CircularReference,

    // JSON Schema.
    /// A schema document is not a valid JSON Schema, or uses an unsupported keyword.
    InvalidSchema,
    /// A schema document nests deeper than its compile limit (subschemas, or its JSON itself).
    SchemaTooDeep,
    /// A schema document has more subschemas, or more bytes of JSON text, than its compile limit.
    SchemaTooLarge,
}

impl Code {
    /// The stable snake_case identifier, identical in Rust and JavaScript.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::MissingHeader => "missing_header",
            Code::MalformedHeader => "malformed_header",
            Code::InvalidTimestamp => "invalid_timestamp",
            Code::TimestampTooOld => "timestamp_too_old",
            Code::TimestampTooNew => "timestamp_too_new",
            Code::NoMatchingSignature => "no_matching_signature",
            Code::InvalidSecret => "invalid_secret",
            Code::InvalidPayload => "invalid_payload",
            Code::InvalidScheme => "invalid_scheme",
            Code::InvalidOptions => "invalid_options",
            Code::PayloadTooLarge => "payload_too_large",
            Code::TooManyHeaders => "too_many_headers",
            Code::HeadersTooLarge => "headers_too_large",
            Code::TooManySignatures => "too_many_signatures",
            Code::InvalidJson => "invalid_json",
            Code::DuplicateKey => "duplicate_key",
            Code::LoneSurrogate => "lone_surrogate",
            Code::InvalidUtf8 => "invalid_utf8",
            Code::NumberOutOfRange => "number_out_of_range",
            Code::TooDeep => "too_deep",
            Code::JsonTooLarge => "json_too_large",
            Code::StringTooLong => "string_too_long",
            Code::TooManyItems => "too_many_items",
            Code::TooManyMembers => "too_many_members",
            Code::UnsupportedValue => "unsupported_value",
            Code::CircularReference => "circular_reference",
            Code::InvalidSchema => "invalid_schema",
            Code::SchemaTooDeep => "schema_too_deep",
            Code::SchemaTooLarge => "schema_too_large",
        }
    }

    /// True for the codes of JSON parsing and canonicalization.
    pub const fn is_canonicalization(self) -> bool {
        matches!(
            self,
            Code::InvalidJson
                | Code::DuplicateKey
                | Code::LoneSurrogate
                | Code::InvalidUtf8
                | Code::NumberOutOfRange
                | Code::TooDeep
                | Code::JsonTooLarge
                | Code::StringTooLong
                | Code::TooManyItems
                | Code::TooManyMembers
                | Code::UnsupportedValue
                | Code::CircularReference
        )
    }

    /// True for the codes of compiling a schema document.
    pub const fn is_schema(self) -> bool {
        matches!(self, Code::InvalidSchema | Code::SchemaTooDeep | Code::SchemaTooLarge)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure with a stable [`Code`] and a human-readable message free of secrets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: Code,
    message: Cow<'static, str>,
}

impl Error {
    /// An error with a fixed message.
    pub const fn new(code: Code, message: &'static str) -> Self {
        Error { code, message: Cow::Borrowed(message) }
    }

    /// An error with a message built at run time. Never pass secret material.
    pub fn with_message(code: Code, message: String) -> Self {
        Error { code, message: Cow::Owned(message) }
    }

    /// The stable code.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The message, for people.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// `Result` with this crate's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;
