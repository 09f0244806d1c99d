//! Reading the keywords of one object schema into [`Keywords`], checking each keyword's value.
//!
//! Every keyword of draft 2020-12 that hookseal implements is read here; annotations are accepted
//! and dropped; anything else (an unsupported 2020-12 keyword such as `$dynamicRef` or
//! `unevaluatedProperties`, an older draft's keyword, a typo) is a compile error that names it,
//! because silently ignoring a constraint would let invalid configs through.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::compile::{escape, invalid, Compiler};
use super::format::Format;
use super::node::{types, Keywords, NodeId, Pattern};
use super::regex::Regex;
use crate::error::Result;
use crate::json::{Map, Value};

/// The `$schema` values accepted (draft 2020-12).
const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// What the compiler does with a keyword.
#[derive(Clone, Copy)]
enum Kw {
    Schema,
    Ref,
    Type,
    Enum,
    Const,
    Default,
    MultipleOf,
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
    MinLength,
    MaxLength,
    MinItems,
    MaxItems,
    MinContains,
    MaxContains,
    MinProperties,
    MaxProperties,
    UniqueItems,
    Pattern,
    Format,
    Required,
    DependentRequired,
    Items,
    Contains,
    AdditionalProperties,
    PropertyNames,
    Not,
    If,
    Then,
    Else,
    PrefixItems,
    AllOf,
    AnyOf,
    OneOf,
    Properties,
    DependentSchemas,
    PatternProperties,
    Defs,
    /// Accepted and ignored: identifiers handled by the first pass, and annotations.
    Annotation,
    /// Of draft 2020-12, known to hookseal but not implemented.
    Unsupported,
}

/// Every keyword by name: one lookup where a `match` on the name would compare it arm by arm in
/// code.
const KEYWORDS: [(&str, Kw); 60] = [
    ("$schema", Kw::Schema),
    ("$ref", Kw::Ref),
    ("type", Kw::Type),
    ("enum", Kw::Enum),
    ("const", Kw::Const),
    ("default", Kw::Default),
    ("multipleOf", Kw::MultipleOf),
    ("minimum", Kw::Minimum),
    ("maximum", Kw::Maximum),
    ("exclusiveMinimum", Kw::ExclusiveMinimum),
    ("exclusiveMaximum", Kw::ExclusiveMaximum),
    ("minLength", Kw::MinLength),
    ("maxLength", Kw::MaxLength),
    ("minItems", Kw::MinItems),
    ("maxItems", Kw::MaxItems),
    ("minContains", Kw::MinContains),
    ("maxContains", Kw::MaxContains),
    ("minProperties", Kw::MinProperties),
    ("maxProperties", Kw::MaxProperties),
    ("uniqueItems", Kw::UniqueItems),
    ("pattern", Kw::Pattern),
    ("format", Kw::Format),
    ("required", Kw::Required),
    ("dependentRequired", Kw::DependentRequired),
    ("items", Kw::Items),
    ("contains", Kw::Contains),
    ("additionalProperties", Kw::AdditionalProperties),
    ("propertyNames", Kw::PropertyNames),
    ("not", Kw::Not),
    ("if", Kw::If),
    ("then", Kw::Then),
    ("else", Kw::Else),
    ("prefixItems", Kw::PrefixItems),
    ("allOf", Kw::AllOf),
    ("anyOf", Kw::AnyOf),
    ("oneOf", Kw::OneOf),
    ("properties", Kw::Properties),
    ("dependentSchemas", Kw::DependentSchemas),
    ("patternProperties", Kw::PatternProperties),
    ("$defs", Kw::Defs),
    ("definitions", Kw::Defs),
    ("$id", Kw::Annotation),
    ("$anchor", Kw::Annotation),
    ("$comment", Kw::Annotation),
    ("title", Kw::Annotation),
    ("description", Kw::Annotation),
    ("examples", Kw::Annotation),
    ("deprecated", Kw::Annotation),
    ("readOnly", Kw::Annotation),
    ("writeOnly", Kw::Annotation),
    ("contentEncoding", Kw::Annotation),
    ("contentMediaType", Kw::Annotation),
    ("contentSchema", Kw::Annotation),
    ("$dynamicRef", Kw::Unsupported),
    ("$dynamicAnchor", Kw::Unsupported),
    ("$recursiveRef", Kw::Unsupported),
    ("$recursiveAnchor", Kw::Unsupported),
    ("$vocabulary", Kw::Unsupported),
    ("unevaluatedProperties", Kw::Unsupported),
    ("unevaluatedItems", Kw::Unsupported),
];

/// Reads the keywords of the object schema `map`, located at `at` with base URI `base`.
pub(crate) fn parse<'a>(c: &mut Compiler<'a>, map: &'a Map, base: &str, at: &str) -> Result<Keywords> {
    let mut k = Keywords::default();
    for (name, v) in map.iter() {
        let here = format!("{at}/{}", escape(name));
        let here = here.as_str();
        let Some(&(_, kw)) = KEYWORDS.iter().find(|(n, _)| n == name) else {
            return Err(invalid(here, format_args!("unknown keyword \"{name}\"")));
        };
        match kw {
            Kw::Schema => {
                let s = v.as_str().unwrap_or("");
                if s.trim_end_matches('#') != DIALECT {
                    return Err(invalid(
                        here,
                        format_args!("unsupported $schema \"{s}\": hookseal implements {DIALECT}"),
                    ));
                }
            }
            Kw::Ref => {
                let r = v.as_str().ok_or_else(|| invalid(here, "$ref must be a string"))?;
                k.reference = Some(c.resolve(r, base, here)?);
            }
            Kw::Type => k.types = Some((type_bits(v, here)?, v.clone())),
            Kw::Enum => {
                let Value::Array(items) = v else {
                    return Err(invalid(here, "enum must be an array"));
                };
                k.enumeration = Some(items.clone());
            }
            Kw::Const => k.constant = Some(v.clone()),
            Kw::Default => k.default = Some(v.clone()),
            Kw::MultipleOf => match v.as_f64() {
                Some(n) if n > 0.0 => k.multiple_of = Some(n),
                _ => return Err(invalid(here, "multipleOf must be a number greater than 0")),
            },
            Kw::Minimum => k.minimum = Some(number(v, here)?),
            Kw::Maximum => k.maximum = Some(number(v, here)?),
            Kw::ExclusiveMinimum => k.exclusive_minimum = Some(number(v, here)?),
            Kw::ExclusiveMaximum => k.exclusive_maximum = Some(number(v, here)?),
            Kw::MinLength => k.min_length = Some(count(v, here)?),
            Kw::MaxLength => k.max_length = Some(count(v, here)?),
            Kw::MinItems => k.min_items = Some(count(v, here)?),
            Kw::MaxItems => k.max_items = Some(count(v, here)?),
            Kw::MinContains => k.min_contains = Some(count(v, here)?),
            Kw::MaxContains => k.max_contains = Some(count(v, here)?),
            Kw::MinProperties => k.min_properties = Some(count(v, here)?),
            Kw::MaxProperties => k.max_properties = Some(count(v, here)?),
            Kw::UniqueItems => {
                k.unique_items = v.as_bool().ok_or_else(|| invalid(here, "uniqueItems must be a boolean"))?
            }
            Kw::Pattern => k.pattern = Some(pattern(v, here)?),
            Kw::Format => {
                let f = v.as_str().ok_or_else(|| invalid(here, "format must be a string"))?;
                k.format = Some(Format::from_name(f, c.formats).ok_or_else(|| {
                    invalid(
                        here,
                        format_args!("unsupported format \"{f}\" (hookseal asserts formats and refuses unknown ones)"),
                    )
                })?);
            }
            Kw::Required => k.required = strings(v, here)?,
            Kw::DependentRequired => {
                let Value::Object(m) = v else {
                    return Err(invalid(here, "dependentRequired must be an object"));
                };
                for (p, deps) in m.iter() {
                    k.dependent_required.push((p.clone(), strings(deps, &format!("{here}/{}", escape(p)))?));
                }
            }
            Kw::Items => k.items = Some(c.node_for(v, base, here.to_string())?),
            Kw::Contains => k.contains = Some(c.node_for(v, base, here.to_string())?),
            Kw::AdditionalProperties => k.additional_properties = Some(c.node_for(v, base, here.to_string())?),
            Kw::PropertyNames => k.property_names = Some(c.node_for(v, base, here.to_string())?),
            Kw::Not => k.not = Some(c.node_for(v, base, here.to_string())?),
            Kw::If => k.if_ = Some(c.node_for(v, base, here.to_string())?),
            Kw::Then => k.then_ = Some(c.node_for(v, base, here.to_string())?),
            Kw::Else => k.else_ = Some(c.node_for(v, base, here.to_string())?),
            Kw::PrefixItems => k.prefix_items = list(c, v, base, here)?,
            Kw::AllOf => k.all_of = list(c, v, base, here)?,
            Kw::AnyOf => k.any_of = list(c, v, base, here)?,
            Kw::OneOf => k.one_of = list(c, v, base, here)?,
            Kw::Properties => k.properties = members(c, v, base, here)?,
            Kw::DependentSchemas => k.dependent_schemas = members(c, v, base, here)?,
            Kw::PatternProperties => {
                for (p, id) in members(c, v, base, here)? {
                    let source = Value::String(p);
                    k.pattern_properties.push((pattern(&source, here)?, id));
                }
            }
            Kw::Defs => {
                // Compiled even when unreferenced, so errors in them are reported.
                members(c, v, base, here)?;
            }
            Kw::Annotation => {}
            Kw::Unsupported => {
                return Err(invalid(here, format_args!("keyword \"{name}\" is not supported by hookseal")));
            }
        }
    }
    k.index_properties();
    Ok(k)
}

fn number(v: &Value, at: &str) -> Result<f64> {
    v.as_f64().ok_or_else(|| invalid(at, "must be a number"))
}

/// A non-negative integer (`2.0` counts, as JSON Schema says).
fn count(v: &Value, at: &str) -> Result<u64> {
    match v.as_f64() {
        Some(n) if n >= 0.0 && v.is_integer() => {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = n as u64;
            Ok(n)
        }
        _ => Err(invalid(at, "must be a non-negative integer")),
    }
}

fn pattern(v: &Value, at: &str) -> Result<Pattern> {
    let source = v.as_str().ok_or_else(|| invalid(at, "pattern must be a string"))?;
    let regex = Regex::new(source).map_err(|e| invalid(at, format_args!("pattern \"{source}\": {e}")))?;
    Ok(Pattern { source: source.to_string(), regex })
}

fn type_bits(v: &Value, at: &str) -> Result<u8> {
    let one = |name: &Value| {
        name.as_str()
            .and_then(types::bit)
            .ok_or_else(|| invalid(at, format_args!("unknown type \"{}\"", name.as_str().unwrap_or("(not a string)"))))
    };
    match v {
        Value::Array(names) => {
            let mut bits = 0;
            for n in names {
                let b = one(n)?;
                if bits & b != 0 {
                    return Err(invalid(at, "type names must be unique"));
                }
                bits |= b;
            }
            Ok(bits)
        }
        name => one(name),
    }
}

/// An array of unique strings, checked for repeats by sorting (a hostile `required` may list
/// thousands of names).
fn strings(v: &Value, at: &str) -> Result<Vec<String>> {
    let Value::Array(items) = v else {
        return Err(invalid(at, "must be an array of strings"));
    };
    let mut out: Vec<&str> = Vec::with_capacity(items.len());
    for item in items {
        out.push(item.as_str().ok_or_else(|| invalid(at, "must be an array of strings"))?);
    }
    let mut sorted = out.clone();
    crate::sort::heapsort(&mut sorted, |a, b| a < b);
    if let Some([s, _]) = sorted.windows(2).find(|pair| matches!(pair, [a, b] if a == b)) {
        return Err(invalid(at, format_args!("\"{s}\" is listed twice")));
    }
    let mut names = Vec::with_capacity(out.len());
    for name in out {
        names.push(String::from(name));
    }
    Ok(names)
}

fn list<'a>(c: &mut Compiler<'a>, v: &'a Value, base: &str, at: &str) -> Result<Vec<NodeId>> {
    let Value::Array(items) = v else {
        return Err(invalid(at, "must be an array of schemas"));
    };
    if items.is_empty() {
        return Err(invalid(at, "must not be empty"));
    }
    // Loops, not `collect` into a `Result`: each such collect is its own generic code in the wasm.
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(c.node_for(item, base, format!("{at}/{i}"))?);
    }
    Ok(out)
}

fn members<'a>(c: &mut Compiler<'a>, v: &'a Value, base: &str, at: &str) -> Result<Vec<(String, NodeId)>> {
    let Value::Object(m) = v else {
        return Err(invalid(at, "must be an object of schemas"));
    };
    let mut out = Vec::with_capacity(m.len());
    for (name, item) in m.iter() {
        out.push((name.clone(), c.node_for(item, base, format!("{at}/{}", escape(name)))?));
    }
    Ok(out)
}
