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

/// Keywords accepted and ignored: identifiers handled by the first pass, and annotations.
const ANNOTATIONS: [&str; 14] = [
    "$id",
    "$anchor",
    "$comment",
    "$defs",
    "definitions",
    "title",
    "description",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
];

/// Keywords of draft 2020-12 that hookseal knows but does not implement.
const UNSUPPORTED: [&str; 7] = [
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "$vocabulary",
    "unevaluatedProperties",
    "unevaluatedItems",
];

/// Reads the keywords of the object schema `map`, located at `at` with base URI `base`.
pub(crate) fn parse<'a>(c: &mut Compiler<'a>, map: &'a Map, base: &str, at: &str) -> Result<Keywords> {
    let mut k = Keywords::default();
    for (name, v) in map.iter() {
        let here = format!("{at}/{}", escape(name));
        let here = here.as_str();
        match name.as_str() {
            "$schema" => {
                let s = v.as_str().unwrap_or("");
                if s.trim_end_matches('#') != DIALECT {
                    return Err(invalid(
                        here,
                        format_args!("unsupported $schema \"{s}\": hookseal implements {DIALECT}"),
                    ));
                }
            }
            "$ref" => {
                let r = v.as_str().ok_or_else(|| invalid(here, "$ref must be a string"))?;
                k.reference = Some(c.resolve(r, base, here)?);
            }
            "type" => k.types = Some((type_bits(v, here)?, v.clone())),
            "enum" => {
                let Value::Array(items) = v else {
                    return Err(invalid(here, "enum must be an array"));
                };
                k.enumeration = Some(items.clone());
            }
            "const" => k.constant = Some(v.clone()),
            "default" => k.default = Some(v.clone()),
            "multipleOf" => match v.as_f64() {
                Some(n) if n > 0.0 => k.multiple_of = Some(n),
                _ => return Err(invalid(here, "multipleOf must be a number greater than 0")),
            },
            "minimum" => k.minimum = Some(number(v, here)?),
            "maximum" => k.maximum = Some(number(v, here)?),
            "exclusiveMinimum" => k.exclusive_minimum = Some(number(v, here)?),
            "exclusiveMaximum" => k.exclusive_maximum = Some(number(v, here)?),
            "minLength" => k.min_length = Some(count(v, here)?),
            "maxLength" => k.max_length = Some(count(v, here)?),
            "minItems" => k.min_items = Some(count(v, here)?),
            "maxItems" => k.max_items = Some(count(v, here)?),
            "minContains" => k.min_contains = Some(count(v, here)?),
            "maxContains" => k.max_contains = Some(count(v, here)?),
            "minProperties" => k.min_properties = Some(count(v, here)?),
            "maxProperties" => k.max_properties = Some(count(v, here)?),
            "uniqueItems" => {
                k.unique_items = v.as_bool().ok_or_else(|| invalid(here, "uniqueItems must be a boolean"))?
            }
            "pattern" => k.pattern = Some(pattern(v, here)?),
            "format" => {
                let f = v.as_str().ok_or_else(|| invalid(here, "format must be a string"))?;
                k.format = Some(Format::from_name(f, c.formats).ok_or_else(|| {
                    invalid(
                        here,
                        format_args!("unsupported format \"{f}\" (hookseal asserts formats and refuses unknown ones)"),
                    )
                })?);
            }
            "required" => k.required = strings(v, here)?,
            "dependentRequired" => {
                let Value::Object(m) = v else {
                    return Err(invalid(here, "dependentRequired must be an object"));
                };
                for (p, deps) in m.iter() {
                    k.dependent_required.push((p.clone(), strings(deps, &format!("{here}/{}", escape(p)))?));
                }
            }
            "items" => k.items = Some(c.node_for(v, base, here.to_string())?),
            "contains" => k.contains = Some(c.node_for(v, base, here.to_string())?),
            "additionalProperties" => k.additional_properties = Some(c.node_for(v, base, here.to_string())?),
            "propertyNames" => k.property_names = Some(c.node_for(v, base, here.to_string())?),
            "not" => k.not = Some(c.node_for(v, base, here.to_string())?),
            "if" => k.if_ = Some(c.node_for(v, base, here.to_string())?),
            "then" => k.then_ = Some(c.node_for(v, base, here.to_string())?),
            "else" => k.else_ = Some(c.node_for(v, base, here.to_string())?),
            "prefixItems" => k.prefix_items = list(c, v, base, here)?,
            "allOf" => k.all_of = list(c, v, base, here)?,
            "anyOf" => k.any_of = list(c, v, base, here)?,
            "oneOf" => k.one_of = list(c, v, base, here)?,
            "properties" => k.properties = members(c, v, base, here)?,
            "dependentSchemas" => k.dependent_schemas = members(c, v, base, here)?,
            "patternProperties" => {
                for (p, id) in members(c, v, base, here)? {
                    let source = Value::String(p);
                    k.pattern_properties.push((pattern(&source, here)?, id));
                }
            }
            "$defs" | "definitions" => {
                // Compiled even when unreferenced, so errors in them are reported.
                members(c, v, base, here)?;
            }
            other if ANNOTATIONS.contains(&other) => {}
            other if UNSUPPORTED.contains(&other) => {
                return Err(invalid(here, format_args!("keyword \"{other}\" is not supported by hookseal")));
            }
            other => return Err(invalid(here, format_args!("unknown keyword \"{other}\""))),
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
    Ok(out.into_iter().map(String::from).collect())
}

fn list<'a>(c: &mut Compiler<'a>, v: &'a Value, base: &str, at: &str) -> Result<Vec<NodeId>> {
    let Value::Array(items) = v else {
        return Err(invalid(at, "must be an array of schemas"));
    };
    if items.is_empty() {
        return Err(invalid(at, "must not be empty"));
    }
    items.iter().enumerate().map(|(i, item)| c.node_for(item, base, format!("{at}/{i}"))).collect()
}

fn members<'a>(c: &mut Compiler<'a>, v: &'a Value, base: &str, at: &str) -> Result<Vec<(String, NodeId)>> {
    let Value::Object(m) = v else {
        return Err(invalid(at, "must be an object of schemas"));
    };
    m.iter().map(|(name, item)| Ok((name.clone(), c.node_for(item, base, format!("{at}/{}", escape(name)))?))).collect()
}
