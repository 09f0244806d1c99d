//! The generic JSON Schema draft 2020-12 engine: a document compiled once into a node arena, then
//! evaluated many times with work bounds. It knows nothing of webhooks: formats beyond the
//! standard ones are plugged in through [`FormatPlugin`], and how results are answered is the
//! caller's (the policy's `Schema`). Public items reach users through `hookseal::schema`.

mod addresses;
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
mod unique;
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
