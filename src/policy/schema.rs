//! [`Schema`]: a compiled document with the policy's formats and a provider's [`ErrorStyle`], and
//! [`Validation`], what it says of a value.

use alloc::string::String;
use alloc::vec::Vec;

use super::formats::WebhookFormats;
use super::response::{self, ErrorStyle, Response};
use super::url::{UrlParser, DEFAULT_URL_PARSER};
use crate::error::Result;
use crate::json::{parse, ParseOptions, Value};
use crate::jsonschema::{compile_document, parse_document, CompileOptions, Compiled, Limits, ValidationError};

/// The outcome of validating one value. Plain data, ready for the JavaScript bindings.
///
/// `field_errors` are Laravel-style: dotted paths such as `events.0`; a `required` error is keyed
/// by the missing member's own path, an `additionalProperties` error by the extra member's.
#[derive(Clone, Debug, PartialEq)]
pub struct Validation {
    /// True if the value satisfies the schema.
    pub valid: bool,
    /// The input with `default`s filled in.
    pub value: Value,
    /// Every failure (up to [`Limits::max_errors`]), in evaluation order.
    pub errors: Vec<ValidationError>,
    /// Messages by dotted path (`events.0`), in the schema's [`ErrorStyle`].
    pub field_errors: Vec<(String, Vec<String>)>,
    /// The provider's HTTP answer for an invalid value (`None` if valid or if the style has none).
    pub response: Option<Response>,
}

impl Validation {
    /// `field_errors` as a JSON object of arrays of strings.
    pub fn field_errors_json(&self) -> Value {
        response::field_errors_json(&self.field_errors)
    }
}

/// A compiled schema: compile once, validate many times.
#[derive(Clone, Debug)]
pub struct Schema {
    compiled: Compiled,
    style: ErrorStyle,
    limits: Limits,
    url_parser: UrlParser,
}

impl Schema {
    /// Compiles a JSON Schema 2020-12 document within the default [`CompileOptions`]; errors
    /// have code `invalid_schema` (or `schema_too_deep`, `schema_too_large` for a document beyond
    /// the limits) and say where.
    pub fn compile(document: &Value) -> Result<Schema> {
        Schema::compile_with(document, &CompileOptions::default())
    }

    /// Compiles a document within `options`.
    pub fn compile_with(document: &Value, options: &CompileOptions) -> Result<Schema> {
        Ok(Schema {
            compiled: compile_document(document, options, &WebhookFormats { url_parser: DEFAULT_URL_PARSER })?,
            style: ErrorStyle::Ajv,
            limits: Limits::default(),
            url_parser: DEFAULT_URL_PARSER,
        })
    }

    /// Parses `text` with the strict parser (duplicate keys are errors), then compiles it, within
    /// the default [`CompileOptions`].
    pub fn compile_json(text: &[u8]) -> Result<Schema> {
        Schema::compile_json_with(text, &CompileOptions::default())
    }

    /// Parses `text`, then compiles it within `options`. Text beyond the limits fails with the
    /// schema codes, not the JSON parser's: `schema_too_large` for more than
    /// [`CompileOptions::max_bytes`] or a string, array or object beyond the parser's default
    /// limits, `schema_too_deep` for JSON nested deeper than [`MAX_DEPTH_CAP`](crate::json::MAX_DEPTH_CAP) levels.
    pub fn compile_json_with(text: &[u8], options: &CompileOptions) -> Result<Schema> {
        Schema::compile_with(&parse_document(text, options)?, options)
    }

    /// The same schema reporting in `style`.
    pub fn with_style(mut self, style: ErrorStyle) -> Schema {
        self.style = style;
        self
    }

    /// The same schema with other work bounds.
    pub fn with_limits(mut self, limits: Limits) -> Schema {
        self.limits = limits;
        self
    }

    /// The same schema checking `webhook-url` with another WHATWG URL parser (the JavaScript
    /// bindings pass the host's `URL`).
    pub fn with_url_parser(mut self, parser: UrlParser) -> Schema {
        self.url_parser = parser;
        self
    }

    /// The error style.
    pub fn style(&self) -> ErrorStyle {
        self.style
    }

    /// Validates `instance` as given, then fills in defaults for the returned `value`.
    pub fn validate(&self, instance: &Value) -> Validation {
        self.validate_owned(instance.clone())
    }

    /// [`Schema::validate`] of a value the caller no longer needs: the returned `value` is
    /// `instance` itself with the defaults filled in, not a copy.
    pub fn validate_owned(&self, instance: Value) -> Validation {
        let formats = WebhookFormats { url_parser: self.url_parser };
        let outcome = self.compiled.evaluate(instance, self.limits, &formats);
        // Field errors read the instance only at the paths of errors, where filling defaults,
        // which adds absent members and nothing else, has changed nothing they look at (whether
        // the value there is `null`).
        let field_errors =
            response::field_errors(self.style, &outcome.errors, &outcome.value, self.compiled.root_keywords());
        let response =
            if outcome.valid { None } else { response::response(self.style, &outcome.errors, &field_errors) };
        Validation { valid: outcome.valid, value: outcome.value, errors: outcome.errors, field_errors, response }
    }

    /// Parses `text` with the strict parser (duplicate keys are errors), then validates it.
    pub fn validate_json(&self, text: &[u8]) -> Result<Validation> {
        Ok(self.validate_owned(parse(text, &ParseOptions::default())?))
    }

    /// The result for JSON text that [`Schema::validate_json`] could not parse (`error` is its
    /// error): invalid, `value` `null`, one root error with keyword `json` whose `params.code` is
    /// the parser's code (`invalid_json`, `duplicate_key`, `lone_surrogate`, `too_deep`, …), and
    /// under a provider style that provider's `400` response. For callers that answer a request
    /// body: every outcome is then a [`Validation`].
    ///
    /// ```
    /// # use hookseal::schema::{Builtin, BuiltinOptions};
    /// let schema = Builtin::Talkover.schema(&BuiltinOptions::default())?;
    /// let text = br#"{"name": "a", "name": "b"}"#;
    /// let result = schema.validate_json(text).unwrap_or_else(|e| schema.parse_failure(&e));
    /// assert_eq!(result.errors[0].keyword, "json");
    /// assert_eq!(result.errors[0].params.get("code").and_then(|c| c.as_str()), Some("duplicate_key"));
    /// assert_eq!(result.response.map(|r| r.status), Some(400));
    /// # Ok::<(), hookseal::Error>(())
    /// ```
    pub fn parse_failure(&self, error: &crate::Error) -> Validation {
        response::parse_failure(self.style, error)
    }

    /// True if `instance` is valid.
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.validate(instance).valid
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;
    use alloc::vec;

    use super::Schema;
    use crate::json::Value;

    fn doc(text: &str) -> Value {
        crate::json::parse(text.as_bytes(), &Default::default()).unwrap()
    }

    #[test]
    fn results_are_plain_data() {
        let schema = Schema::compile(&doc(r#"{"type": "object", "required": ["events"], "properties": {
            "events": {"type": "array", "items": {"enum": ["a", "b"]}}, "on": {"type": "boolean", "default": true}}}"#))
        .unwrap();
        let r = schema.validate(&doc(r#"{"events": ["a", "c"]}"#));
        assert!(!r.valid);
        assert_eq!(r.value, doc(r#"{"events": ["a", "c"], "on": true}"#));
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].path, "/events/1");
        assert_eq!(r.errors[0].keyword, "enum");
        assert_eq!(r.errors[0].message, "must be equal to one of the allowed values");
        assert_eq!(r.errors[0].params, doc(r#"{"allowedValues": ["a", "b"]}"#));
        assert_eq!(r.field_errors_json(), doc(r#"{"events.1": ["must be equal to one of the allowed values"]}"#));
        assert!(r.response.is_none());
        let r = schema.validate(&doc("{}"));
        assert_eq!(
            r.field_errors,
            vec![("events".to_string(), vec!["must have required property 'events'".to_string()])]
        );
        assert_eq!(r.errors[0].path, "");
    }
}
