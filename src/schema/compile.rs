//! Compiling a schema document into the node arena of [`super::node`].
//!
//! Two passes. The first walks the document (recursively, at most [`MAX_SCHEMA_DEPTH`] levels of
//! subschemas) and records every schema resource (`$id`, resolved against its parent's base URI)
//! and every `$anchor`. The second builds nodes from a work list, not by recursion: a subschema or
//! `$ref` target gets a node index the first time it is seen (keyed by its address in the
//! document) and is built later, so recursive references terminate and a long chain of references
//! cannot exhaust the stack.
//!
//! `$ref` is resolved by RFC 3986 §5.2 ([`super::uri::resolve`]) against the current base URI;
//! the target must lie in this document (a resource of it, a JSON Pointer into one, or an anchor).
//! Remote references are a compile error. A document without `$id` gets the base `https://hookseal.invalid/schema.json`.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::keywords;
use super::node::{Compiled, Node, NodeId};
use super::uri;
use crate::error::{Code, Error, Result};
use crate::json::Value;

/// Deepest nesting of subschemas in a document.
pub const MAX_SCHEMA_DEPTH: usize = 128;
/// Most (sub)schemas in one document.
pub const MAX_SCHEMA_NODES: usize = 100_000;

const DEFAULT_BASE: &str = "https://hookseal.invalid/schema.json";

/// A compile error at a location of the schema document.
pub(crate) fn invalid(at: &str, message: impl core::fmt::Display) -> Error {
    Error::with_message(Code::InvalidSchema, format!("{at}: {message}"))
}

/// How a keyword holds subschemas.
pub(crate) enum Holds {
    /// One subschema.
    One,
    /// An array of subschemas.
    List,
    /// An object whose values are subschemas.
    Map,
    /// No subschema.
    Nothing,
}

/// Which keywords hold subschemas (the applicators and `$defs`).
pub(crate) fn holds(keyword: &str) -> Holds {
    match keyword {
        "items" | "contains" | "additionalProperties" | "propertyNames" | "not" | "if" | "then" | "else" => Holds::One,
        "prefixItems" | "allOf" | "anyOf" | "oneOf" => Holds::List,
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => Holds::Map,
        _ => Holds::Nothing,
    }
}

/// Escapes a name for a JSON Pointer (RFC 6901).
pub(crate) fn escape(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Unescapes a JSON Pointer token (RFC 6901): `~1` is `/`, then `~0` is `~`.
pub(crate) fn unescape(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('~', Some('1')) => {
                out.push('/');
                chars.next();
            }
            ('~', Some('0')) => {
                out.push('~');
                chars.next();
            }
            (c, _) => out.push(c),
        }
    }
    out
}

struct Pending<'a> {
    id: NodeId,
    value: &'a Value,
    base: String,
    at: String,
}

pub(crate) struct Compiler<'a> {
    nodes: Vec<Node>,
    /// Node indices by the address of their schema value, sorted by address.
    ids: Vec<(usize, NodeId)>,
    queue: Vec<Pending<'a>>,
    /// Schema resources by absolute URI (few per document: a linear search is enough).
    resources: Vec<(String, &'a Value)>,
    /// `$anchor`s by resource URI and name.
    anchors: Vec<(String, String, &'a Value)>,
}

/// Compiles `document`.
pub(crate) fn compile(document: &Value) -> Result<Compiled> {
    let base = DEFAULT_BASE.to_string();
    let mut c =
        Compiler { nodes: Vec::new(), ids: Vec::new(), queue: Vec::new(), resources: Vec::new(), anchors: Vec::new() };
    c.resources.push((base.clone(), document));
    c.index(document, &base, "#", 0)?;
    let root = c.node_for(document, &base, "#".to_string())?;
    while let Some(p) = c.queue.pop() {
        let node = c.build(&p)?;
        if let Some(slot) = c.nodes.get_mut(p.id) {
            *slot = node;
        }
    }
    Ok(Compiled { nodes: c.nodes, root })
}

/// `base` with `$id` applied, if the object has one.
fn rebase(value: &Value, base: &str, at: &str) -> Result<Option<String>> {
    let Some(id) = value.get("$id") else {
        return Ok(None);
    };
    let Some(id) = id.as_str() else {
        return Err(invalid(at, "$id must be a string"));
    };
    let url = uri::resolve(base, id).ok_or_else(|| invalid(at, format_args!("$id \"{id}\" is not a URI reference")))?;
    match url.split_once('#') {
        None => Ok(Some(url)),
        Some((url, "")) => Ok(Some(url.to_string())),
        Some(_) => Err(invalid(at, format_args!("$id \"{id}\" must not have a fragment (use $anchor)"))),
    }
}

impl<'a> Compiler<'a> {
    /// First pass: records resources and anchors under `value`.
    fn index(&mut self, value: &'a Value, base: &str, at: &str, depth: usize) -> Result<()> {
        if depth > MAX_SCHEMA_DEPTH {
            return Err(invalid(at, format_args!("subschemas nest deeper than {MAX_SCHEMA_DEPTH} levels")));
        }
        let Value::Object(map) = value else {
            return Ok(());
        };
        let own = rebase(value, base, at)?;
        if let Some(url) = &own {
            self.resources.push((url.clone(), value));
        }
        let base = own.as_deref().unwrap_or(base);
        if let Some(anchor) = map.get("$anchor") {
            let Some(name) = anchor.as_str() else {
                return Err(invalid(at, "$anchor must be a string"));
            };
            self.anchors.push((base.to_string(), name.to_string(), value));
        }
        for (k, child) in map.iter() {
            let here = format!("{at}/{}", escape(k));
            match (holds(k), child) {
                (Holds::One, _) => self.index(child, base, &here, depth + 1)?,
                (Holds::List, Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        self.index(item, base, &format!("{here}/{i}"), depth + 1)?;
                    }
                }
                (Holds::Map, Value::Object(members)) => {
                    for (name, item) in members.iter() {
                        self.index(item, base, &format!("{here}/{}", escape(name)), depth + 1)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The node index of the schema at `value`, queueing it for building if new.
    pub(crate) fn node_for(&mut self, value: &'a Value, base: &str, at: String) -> Result<NodeId> {
        let addr = core::ptr::from_ref(value) as usize;
        let slot = match self.ids.binary_search_by_key(&addr, |&(a, _)| a) {
            Ok(i) => return Ok(self.ids.get(i).map_or(0, |&(_, id)| id)),
            Err(i) => i,
        };
        if self.nodes.len() >= MAX_SCHEMA_NODES {
            return Err(invalid(&at, format_args!("the document has more than {MAX_SCHEMA_NODES} subschemas")));
        }
        let id = self.nodes.len();
        self.nodes.push(Node::Bool(true));
        self.ids.insert(slot, (addr, id));
        self.queue.push(Pending { id, value, base: base.to_string(), at });
        Ok(id)
    }

    fn build(&mut self, p: &Pending<'a>) -> Result<Node> {
        match p.value {
            Value::Bool(b) => Ok(Node::Bool(*b)),
            Value::Object(map) => {
                let base = rebase(p.value, &p.base, &p.at)?.unwrap_or_else(|| p.base.clone());
                let k = keywords::parse(self, map, &base, &p.at)?;
                Ok(Node::Object(alloc::boxed::Box::new(k)))
            }
            other => {
                Err(invalid(&p.at, format_args!("a schema must be an object or a boolean, not {}", other.type_name())))
            }
        }
    }

    /// Resolves `$ref` value `reference` written at `at` under base URI `base`.
    pub(crate) fn resolve(&mut self, reference: &str, base: &str, at: &str) -> Result<NodeId> {
        let resolved = uri::resolve(base, reference)
            .ok_or_else(|| invalid(at, format_args!("$ref \"{reference}\" is not a URI reference")))?;
        let (target, fragment) = resolved.split_once('#').unwrap_or((&resolved, ""));
        let target = target.to_string();
        let fragment = percent_decode(fragment)
            .ok_or_else(|| invalid(at, format_args!("$ref \"{reference}\" has a malformed fragment")))?;
        let found = self.resources.iter().find(|(uri, _)| *uri == target);
        let Some(&(_, root)) = found else {
            return Err(invalid(
                at,
                format_args!("$ref \"{reference}\" points outside this document (remote references are not supported)"),
            ));
        };
        let (value, value_base) = if fragment.is_empty() {
            (root, target)
        } else if let Some(pointer) = fragment.strip_prefix('/') {
            walk(root, pointer, target)
                .ok_or_else(|| invalid(at, format_args!("$ref \"{reference}\": no such location in the document")))?
        } else {
            let found = self.anchors.iter().find(|(uri, name, _)| *uri == target && *name == fragment);
            let Some(&(_, _, v)) = found else {
                return Err(invalid(
                    at,
                    format_args!("$ref \"{reference}\": no $anchor \"{fragment}\" in that resource"),
                ));
            };
            (v, target)
        };
        self.node_for(value, &value_base, format!("{at} -> {reference}"))
    }
}

/// Follows a JSON Pointer (without its leading `/`) from `root`, tracking `$id` base changes.
fn walk<'a>(root: &'a Value, pointer: &str, mut base: String) -> Option<(&'a Value, String)> {
    let mut v = root;
    for token in pointer.split('/') {
        let token = unescape(token);
        v = match v {
            Value::Object(m) => m.get(&token)?,
            Value::Array(a) => {
                if token.len() > 1 && token.starts_with('0') {
                    return None;
                }
                a.get(token.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
        if let Ok(Some(url)) = rebase(v, &base, "#") {
            base = url;
        }
    }
    Some((v, base))
}

/// Decodes `%XX` escapes (as the URL parser leaves them in fragments); `None` if not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |j: usize| b.get(j).and_then(|h| char::from(*h).to_digit(16));
        match (c, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push(u8::try_from(h * 16 + l).ok()?);
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}
