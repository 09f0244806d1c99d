//! The JSON Schema draft 2020-12 engine: compile a document once, validate many values. It is
//! generic; the webhook policy ([`crate::policy`]) plugs its formats in and reads the results in
//! a provider's style, and the engine imports nothing of it. [`Schema`] is the two together.
//!
//! ```
//! use hookseal::json::{parse, ParseOptions};
//! use hookseal::schema::{Builtin, BuiltinOptions, Schema};
//!
//! let schema = Builtin::Talkover.schema(&BuiltinOptions::default())?;
//! let input = parse(br#"{"name": "My Webhook", "events": []}"#, &ParseOptions::default())?;
//! let result = schema.validate(&input);
//! assert!(!result.valid);
//! assert_eq!(result.response.map(|r| r.status), Some(422));
//! assert_eq!(result.value.get("timeout").and_then(|t| t.as_f64()), Some(30.0)); // default filled
//!
//! let custom = Schema::compile_json(br#"{"type": "object", "required": ["url"],
//!     "properties": {"url": {"type": "string", "format": "webhook-url"}}}"#)?;
//! let bad = custom.validate_json(br#"{"url": "https://10.0.0.1/hook"}"#)?;
//! assert_eq!(bad.errors[0].path, "/url");
//! assert_eq!(bad.errors[0].keyword, "format");
//! # Ok::<(), hookseal::Error>(())
//! ```
//!
//! # Engine
//!
//! [`Schema::compile`] turns a document into a node arena once (keywords resolved, `$ref`s
//! resolved to node indices, patterns compiled); [`Schema::validate`] then runs many times and
//! never fails: every outcome, including hitting a work bound, is plain data in [`Validation`].
//!
//! Supported: `type`, `enum`, `const`, `required`, `properties`, `additionalProperties`,
//! `patternProperties`, `propertyNames`, `minProperties`, `maxProperties`, `dependentRequired`,
//! `dependentSchemas`, `items`, `prefixItems`, `minItems`, `maxItems`, `uniqueItems`, `contains`,
//! `minContains`, `maxContains`, `minLength`/`maxLength` (in code points), `pattern` (ECMA-262
//! subset, see `regex`), `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`,
//! `multipleOf`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `$ref` within the document
//! (JSON Pointers, `$id` resources, `$anchor`), `$defs` (and `definitions`), `default`, `format`
//! (see `format`), `$schema` (2020-12 only) and the annotations (`title`, `description`,
//! `examples`, `$comment`, `deprecated`, `readOnly`, `writeOnly`, `content*`).
//!
//! Refused when compiling, with [`Code::InvalidSchema`]: unknown
//! keywords and formats, `$dynamicRef`/`$dynamicAnchor`, `unevaluatedProperties`/`Items`,
//! `$vocabulary`, remote `$ref`s, and patterns outside the supported regex subset. Documents
//! beyond the [`CompileOptions`] limits are refused with [`Code::SchemaTooDeep`] or
//! [`Code::SchemaTooLarge`].
//!
//! Decisions: `format` is an assertion; `default` is an annotation for validation (the input is
//! validated as given, as the specification says) and is then filled into the returned `value`
//! (see `defaults`); `errors` use ajv's messages and params; the work is bounded by [`Limits`].

mod assert;
pub(crate) mod compile;
mod defaults;
pub(crate) mod fail;
mod format;
mod idn;
mod keywords;
pub(crate) mod node;
mod regex;
#[cfg(test)]
mod tests;
mod uri;
mod validate;

use alloc::string::String;
use alloc::vec::Vec;

pub use compile::{CompileOptions, MAX_SCHEMA_BYTES, MAX_SCHEMA_DEPTH, MAX_SCHEMA_NODES};
pub use regex::MAX_PATTERN_CHARS;

use crate::error::{Code, Error, Result};
use crate::json::{parse, ParseOptions, Value, MAX_DEPTH_CAP};
#[cfg(test)]
use format::NoFormats;
pub(crate) use format::{FormatPlugin, Mismatch};
pub(crate) use node::Compiled;
use node::Node;
use validate::Ctx;

/// Bounds on the work of one validation.
///
/// `max_depth` above [`MAX_DEPTH_CAP`] counts as the cap, so that evaluation, which recurses,
/// stays within a small stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How deeply the validated value may nest (default 128). Evaluation, which can follow
    /// `$ref`s without descending, may go twice as deep plus 64.
    pub max_depth: usize,
    /// Steps (node visits, regex steps, equality steps) before validation stops (default 10^7).
    pub max_steps: u64,
    /// Errors recorded at most (default 100); validity is still decided on the whole value.
    pub max_errors: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_depth: 128, max_steps: 10_000_000, max_errors: 100 }
    }
}

/// One failed assertion.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError {
    /// JSON Pointer (RFC 6901) to the value that failed (`""` for the root).
    pub path: String,
    /// The keyword that failed (`required`, `maxLength`, …; `maxSteps` or `maxDepth` when a bound
    /// stopped validation).
    pub keyword: &'static str,
    /// What is wrong, in ajv's words where ajv has the keyword.
    pub message: String,
    /// Details, with ajv's names (`missingProperty`, `limit`, `allowedValues`, …).
    pub params: Value,
}

/// What the engine concludes about one value: the part of a [`Validation`] that depends on the
/// schema alone, before any provider style reads it.
pub(crate) struct Outcome {
    pub valid: bool,
    /// The input with `default`s filled in.
    pub value: Value,
    pub errors: Vec<ValidationError>,
}

/// Compiles `document` with the engine's formats and `formats`.
pub(crate) fn compile_document(
    document: &Value,
    options: &CompileOptions,
    formats: &dyn FormatPlugin,
) -> Result<Compiled> {
    compile::compile(document, options, formats)
}

/// Parses schema text for [`compile_document`]. Text beyond the limits fails with the schema
/// codes, not the JSON parser's: `schema_too_large` for more than [`CompileOptions::max_bytes`]
/// or a string, array or object beyond the parser's default limits, `schema_too_deep` for JSON
/// nested deeper than [`MAX_DEPTH_CAP`] levels.
pub(crate) fn parse_document(text: &[u8], options: &CompileOptions) -> Result<Value> {
    if text.len() > options.max_bytes {
        return Err(Error::with_message(
            Code::SchemaTooLarge,
            alloc::format!("the schema text is {} bytes; at most {} are accepted", text.len(), options.max_bytes),
        ));
    }
    let parse_options = ParseOptions { max_depth: MAX_DEPTH_CAP, max_input_len: usize::MAX, ..ParseOptions::new() };
    parse(text, &parse_options).map_err(|e| {
        let code = match e.code() {
            Code::TooDeep => Code::SchemaTooDeep,
            Code::JsonTooLarge | Code::StringTooLong | Code::TooManyItems | Code::TooManyMembers => {
                Code::SchemaTooLarge
            }
            _ => return e,
        };
        Error::with_message(code, alloc::format!("schema text: {}", e.message()))
    })
}

impl Compiled {
    /// Validates `instance` as given, then fills in defaults. `formats` must be the plug-in the
    /// document was compiled with.
    pub(crate) fn evaluate(&self, mut instance: Value, limits: Limits, formats: &dyn FormatPlugin) -> Outcome {
        let mut ctx = Ctx::new(self, limits, formats);
        let mut path = Vec::new();
        let ok = ctx.validate(self.root, &instance, &mut path, 0, true);
        drop(path);
        ctx.fill(self.root, &mut instance, 0);
        let mut errors = core::mem::take(&mut ctx.errors);
        let halted = ctx.halted.is_some();
        errors.extend(ctx.halted);
        Outcome { valid: ok && !halted, value: instance, errors }
    }

    /// The root's keywords (`None` for a boolean schema).
    pub(crate) fn root_keywords(&self) -> Option<&node::Keywords> {
        match self.node(self.root) {
            Node::Object(k) => Some(k),
            Node::Bool(_) => None,
        }
    }
}

// The policy's items keep the paths they had before the engine and the policy were split. These
// re-exports are the only mention of the policy here: nothing of the engine uses them.
pub use crate::policy::{
    check_header_name, check_header_value, check_webhook_url_with, check_webhook_url_with_limits, Builtin,
    BuiltinOptions, ErrorStyle, HeaderRefusal, Response, Schema, UrlLimits, UrlOptions, UrlParser, UrlRefusal,
    Validation, WebUrl, DEFAULT_MAX_URL_LEN, DEFAULT_URL_PARSER, RESERVED_HEADERS,
};
#[cfg(feature = "url")]
pub use crate::policy::{check_webhook_url, whatwg_url};
