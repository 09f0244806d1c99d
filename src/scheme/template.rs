//! The signed-content template: which parts of a delivery go into the HMAC, in which order.
//!
//! `{id}.{timestamp}.{body}` is Standard Webhooks, `v0:{timestamp}:{body}` is Slack and Zoom,
//! `{url}{body}` is Square. Parts are fed to the MAC one after another, so the body is never
//! copied to build the signed string.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Code, Error, Result};

/// One piece of the signed content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Text copied as it is.
    Literal(String),
    /// The message id.
    Id,
    /// The timestamp, in decimal seconds.
    Timestamp,
    /// The raw body bytes (or their canonical form, in canonical mode).
    Body,
    /// The notification URL the delivery was sent to (Square).
    Url,
}

/// A parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

/// Longest template accepted: a template is configuration, not data.
const MAX_TEMPLATE_LEN: usize = 1024;

impl Template {
    /// A template of parts already checked by [`Template::parse`] (the bindings' descriptors).
    #[cfg(feature = "wasm-verify")]
    pub(crate) fn from_parts(parts: Vec<Part>) -> Template {
        Template { parts }
    }

    /// Parses placeholders `{id}`, `{timestamp}`, `{body}` and `{url}`; `{{` and `}}` stand for
    /// literal braces. The template must sign `{body}` exactly once.
    pub fn parse(text: &str) -> Result<Template> {
        if text.len() > MAX_TEMPLATE_LEN {
            return Err(Error::new(Code::InvalidScheme, "template is longer than 1024 bytes"));
        }
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("{{") {
                literal.push('{');
                rest = after;
            } else if let Some(after) = rest.strip_prefix("}}") {
                literal.push('}');
                rest = after;
            } else if c == '{' {
                let end =
                    rest.find('}').ok_or_else(|| Error::new(Code::InvalidScheme, "template has an unclosed `{`"))?;
                let name = rest.get(1..end).unwrap_or("");
                let part = match name {
                    "id" => Part::Id,
                    "timestamp" => Part::Timestamp,
                    "body" => Part::Body,
                    "url" => Part::Url,
                    _ => {
                        return Err(Error::with_message(
                            Code::InvalidScheme,
                            format!(
                            "template placeholder `{{{name}}}` is not one of {{id}}, {{timestamp}}, {{body}}, {{url}}"
                        ),
                        ))
                    }
                };
                if !literal.is_empty() {
                    parts.push(Part::Literal(core::mem::take(&mut literal)));
                }
                parts.push(part);
                rest = rest.get(end + 1..).unwrap_or("");
            } else if c == '}' {
                return Err(Error::new(Code::InvalidScheme, "template has a `}` without `{` (write `}}`)"));
            } else {
                literal.push(c);
                rest = rest.get(c.len_utf8()..).unwrap_or("");
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        let bodies = parts.iter().filter(|p| **p == Part::Body).count();
        if bodies != 1 {
            return Err(Error::new(Code::InvalidScheme, "template must contain `{body}` exactly once"));
        }
        Ok(Template { parts })
    }

    /// The template `{body}`: signs the body alone.
    pub fn body_only() -> Template {
        Template { parts: alloc::vec![Part::Body] }
    }

    /// The parts in signing order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// True if the template signs `part`.
    pub fn uses(&self, part: &Part) -> bool {
        self.parts.contains(part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn parses_the_provider_templates() {
        let t = Template::parse("{id}.{timestamp}.{body}").unwrap();
        assert_eq!(
            t.parts(),
            &[Part::Id, Part::Literal(".".to_string()), Part::Timestamp, Part::Literal(".".to_string()), Part::Body]
        );
        let t = Template::parse("v0:{timestamp}:{body}").unwrap();
        assert_eq!(t.parts()[0], Part::Literal("v0:".to_string()));
        assert_eq!(Template::parse("{url}{body}").unwrap().parts(), &[Part::Url, Part::Body]);
        assert_eq!(
            Template::parse("{{x}}{body}é").unwrap().parts(),
            &vec![Part::Literal("{x}".to_string()), Part::Body, Part::Literal("é".to_string())][..]
        );
    }

    #[test]
    fn refuses_bad_templates() {
        for bad in ["", "{id}", "{body}{body}", "{bogus}{body}", "{body", "{body}}", "x}{body}"] {
            assert_eq!(Template::parse(bad).unwrap_err().code(), Code::InvalidScheme, "{bad}");
        }
        let long = "a".repeat(2000) + "{body}";
        assert_eq!(Template::parse(&long).unwrap_err().code(), Code::InvalidScheme);
    }
}
