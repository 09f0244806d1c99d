//! Compiling a schema document into the node arena of [`super::node`].
//!
//! Two passes. The first walks the document (recursively, at most [`CompileOptions::max_depth`]
//! levels of subschemas) and records every schema resource (`$id`, resolved against its parent's base URI)
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

use super::addresses::AddressMap;
use super::format::FormatPlugin;
use super::keywords;
use super::node::{Compiled, Node, NodeId};
use super::uri;
use crate::error::{Code, Error, Result};
use crate::json::{Value, MAX_DEPTH_CAP};
use crate::sort::heapsort;

/// Deepest nesting of subschemas in a document, the default of [`CompileOptions::max_depth`]. Real
/// config schemas nest a dozen levels; 128 matches the JSON parser's default depth.
pub const MAX_SCHEMA_DEPTH: usize = 128;
/// Most (sub)schemas in one document, the default of [`CompileOptions::max_nodes`]. The built-in
/// schemas have a few hundred; each node costs a few hundred bytes of compiled form.
pub const MAX_SCHEMA_NODES: usize = 100_000;
/// Longest schema text, in bytes, the default of [`CompileOptions::max_bytes`]. A schema is
/// configuration: the built-in ones are a few kilobytes and large public ones (OpenAPI's
/// metaschema, Kubernetes CRDs) a few hundred.
pub const MAX_SCHEMA_BYTES: usize = 1 << 20;

/// How many characters of a location (`#/properties/a/items`) are kept for error messages: the
/// end, which names the failing keyword. Without the bound, locations along a chain of `$ref`s
/// would grow with the chain, and building them would cost quadratic time and memory.
const MAX_LOCATION_CHARS: usize = 256;

/// Limits on compiling one schema document, each refused with its own code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompileOptions {
    /// How deeply subschemas may nest (default [`MAX_SCHEMA_DEPTH`]; values above
    /// [`MAX_DEPTH_CAP`] count as the cap). The document's JSON itself may nest at most
    /// [`MAX_DEPTH_CAP`] levels, the bound that keeps cloning and comparing its values within a
    /// small stack. Either excess is refused with `schema_too_deep`.
    pub max_depth: usize,
    /// Most subschemas, counting every object or boolean schema compiled (default
    /// [`MAX_SCHEMA_NODES`]); more are refused with `schema_too_large`.
    pub max_nodes: usize,
    /// Longest schema text [`Schema::compile_json_with`](crate::schema::Schema::compile_json_with) accepts,
    /// in bytes (default [`MAX_SCHEMA_BYTES`]); longer text, or text whose strings, arrays or
    /// objects exceed the JSON parser's default limits, is refused with `schema_too_large`.
    pub max_bytes: usize,
}

impl CompileOptions {
    /// The defaults: [`MAX_SCHEMA_DEPTH`], [`MAX_SCHEMA_NODES`], [`MAX_SCHEMA_BYTES`].
    pub const fn new() -> CompileOptions {
        CompileOptions { max_depth: MAX_SCHEMA_DEPTH, max_nodes: MAX_SCHEMA_NODES, max_bytes: MAX_SCHEMA_BYTES }
    }
}

impl Default for CompileOptions {
    fn default() -> CompileOptions {
        CompileOptions::new()
    }
}

/// A limit error at a location of the schema document.
fn too_much(code: Code, at: &str, message: impl core::fmt::Display) -> Error {
    Error::with_message(code, format!("{at}: {message}"))
}

/// `at`, shortened to its last [`MAX_LOCATION_CHARS`] characters.
pub(crate) fn shorten(at: String) -> String {
    let excess = at.chars().count().saturating_sub(MAX_LOCATION_CHARS);
    if excess == 0 {
        return at;
    }
    // Sliced, not collected from `chars()`: one generic copy fewer in the wasm.
    let cut = at.char_indices().nth(excess + 1).map_or(at.len(), |(i, _)| i);
    let mut out = String::from("…");
    out.push_str(at.get(cut..).unwrap_or_default());
    out
}

/// Refuses a document whose JSON nests deeper than [`MAX_DEPTH_CAP`], without recursing: a
/// document built in memory has not been through the parser's depth limit.
fn check_json_depth(document: &Value) -> Result<()> {
    let mut stack: Vec<(&Value, usize)> = alloc::vec![(document, 0)];
    while let Some((value, depth)) = stack.pop() {
        if matches!(value, Value::Array(_) | Value::Object(_)) && depth >= MAX_DEPTH_CAP {
            return Err(too_much(
                Code::SchemaTooDeep,
                "#",
                format_args!("the document nests deeper than {MAX_DEPTH_CAP} levels of arrays and objects"),
            ));
        }
        match value {
            Value::Array(items) => stack.extend(items.iter().map(|child| (child, depth + 1))),
            Value::Object(map) => stack.extend(map.iter().map(|(_, child)| (child, depth + 1))),
            _ => {}
        }
    }
    Ok(())
}

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
    escape_into(name, &mut out);
    out
}

/// Appends `name` escaped as a JSON Pointer token (see [`escape`]).
pub(crate) fn escape_into(name: &str, out: &mut String) {
    let mut rest = name;
    // `~` and `/` are ASCII, so the runs between them are whole characters.
    while let Some(at) = rest.find(['~', '/']) {
        out.push_str(rest.get(..at).unwrap_or_default());
        out.push_str(if rest.as_bytes().get(at) == Some(&b'~') { "~0" } else { "~1" });
        rest = rest.get(at + 1..).unwrap_or_default();
    }
    out.push_str(rest);
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
    /// True if `base` already has the value's own `$id` applied (a `$ref` target: `resolve`
    /// finds it with its resource's URI); else `build` applies it.
    rebased: bool,
    at: String,
}

pub(crate) struct Compiler<'a> {
    nodes: Vec<Node>,
    /// Node indices by the address of their schema value.
    ids: AddressMap,
    queue: Vec<Pending<'a>>,
    /// Schema resources: absolute URI, order of appearance, value; sorted once indexed, since a
    /// hostile document may declare thousands and reference each.
    resources: Vec<(String, usize, &'a Value)>,
    /// `$anchor`s: resource URI, name, order of appearance, value; sorted like `resources`.
    anchors: Vec<(String, String, usize, &'a Value)>,
    max_depth: usize,
    max_nodes: usize,
    pub(crate) formats: &'a dyn FormatPlugin,
}

/// Compiles `document`.
pub(crate) fn compile<'a>(
    document: &'a Value,
    options: &CompileOptions,
    formats: &'a dyn FormatPlugin,
) -> Result<Compiled> {
    check_json_depth(document)?;
    let base = DEFAULT_BASE.to_string();
    let mut c = Compiler {
        nodes: Vec::new(),
        ids: AddressMap::default(),
        queue: Vec::new(),
        resources: Vec::new(),
        anchors: Vec::new(),
        max_depth: options.max_depth.min(MAX_DEPTH_CAP),
        max_nodes: options.max_nodes,
        formats,
    };
    c.resources.push((base.clone(), 0, document));
    c.index(document, &base, "#", 0)?;
    // Equal URIs keep their order, so the first declaration wins, as a linear search would.
    heapsort(&mut c.resources, |a, b| (&a.0, a.1) < (&b.0, b.1));
    heapsort(&mut c.anchors, |a, b| (&a.0, &a.1, a.2) < (&b.0, &b.1, b.2));
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
        if depth > self.max_depth {
            return Err(too_much(
                Code::SchemaTooDeep,
                at,
                format_args!("subschemas nest deeper than {} levels", self.max_depth),
            ));
        }
        let Value::Object(map) = value else {
            return Ok(());
        };
        let own = rebase(value, base, at)?;
        if let Some(url) = &own {
            self.resources.push((url.clone(), self.resources.len(), value));
        }
        let base = own.as_deref().unwrap_or(base);
        if let Some(anchor) = map.get("$anchor") {
            let Some(name) = anchor.as_str() else {
                return Err(invalid(at, "$anchor must be a string"));
            };
            self.anchors.push((base.to_string(), name.to_string(), self.anchors.len(), value));
        }
        for (k, child) in map.iter() {
            let here = shorten(format!("{at}/{}", escape(k)));
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
        self.queue_node(value, base, false, at)
    }

    /// [`Compiler::node_for`]; `rebased` as in [`Pending::rebased`]. The node is the same
    /// whichever way it is reached first, since either way its base is the same.
    fn queue_node(&mut self, value: &'a Value, base: &str, rebased: bool, at: String) -> Result<NodeId> {
        let addr = core::ptr::from_ref(value) as usize;
        if let Some(id) = self.ids.get(addr) {
            return Ok(id);
        }
        let at = shorten(at);
        if self.nodes.len() >= self.max_nodes {
            return Err(too_much(
                Code::SchemaTooLarge,
                &at,
                format_args!("the document has more than {} subschemas", self.max_nodes),
            ));
        }
        let id = self.nodes.len();
        self.nodes.push(Node::Bool(true));
        self.ids.insert(addr, id);
        self.queue.push(Pending { id, value, base: base.to_string(), rebased, at });
        Ok(id)
    }

    fn build(&mut self, p: &Pending<'a>) -> Result<Node> {
        match p.value {
            Value::Bool(b) => Ok(Node::Bool(*b)),
            Value::Object(map) => {
                let base = match p.rebased {
                    true => p.base.clone(),
                    false => rebase(p.value, &p.base, &p.at)?.unwrap_or_else(|| p.base.clone()),
                };
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
        let first = self.resources.partition_point(|(uri, _, _)| *uri < target);
        let found = self.resources.get(first).filter(|(uri, _, _)| *uri == target);
        let Some(&(_, _, root)) = found else {
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
            let first = self.anchors.partition_point(|(uri, name, _, _)| (uri, name) < (&target, &fragment));
            let found = self.anchors.get(first).filter(|(uri, name, _, _)| *uri == target && *name == fragment);
            let Some(&(_, _, _, v)) = found else {
                return Err(invalid(
                    at,
                    format_args!("$ref \"{reference}\": no $anchor \"{fragment}\" in that resource"),
                ));
            };
            (v, target)
        };
        // `value_base` is the base inside `value`, its own `$id` included: applying a relative
        // `$id` again would move it (`nested/foo.json` to `nested/nested/foo.json`).
        self.queue_node(value, &value_base, true, format!("{at} -> {reference}"))
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
