//! The compiled form of a schema: a flat arena of nodes, one per (sub)schema.
//!
//! Keywords are resolved into typed fields when the schema is compiled, `$ref` into a node index,
//! so validation never looks up a keyword by name and a recursive schema is a cycle of indices,
//! not an infinite tree.

use alloc::string::String;
use alloc::vec::Vec;

use super::format::Format;
use super::regex::Regex;
use crate::json::Value;

/// Index of a node in [`Compiled::nodes`].
pub(crate) type NodeId = usize;

/// A compiled schema document.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub nodes: Vec<Node>,
    pub root: NodeId,
}

impl Compiled {
    /// The node at `id` (an unknown index, which compilation never produces, reads as `true`).
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        self.nodes.get(id).unwrap_or(&Node::Bool(true))
    }
}

/// One schema.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// `true` or `false`.
    Bool(bool),
    /// An object schema.
    Object(alloc::boxed::Box<Keywords>),
}

/// The JSON Schema types as bits.
pub(crate) mod types {
    pub const NULL: u8 = 1;
    pub const BOOLEAN: u8 = 2;
    pub const OBJECT: u8 = 4;
    pub const ARRAY: u8 = 8;
    pub const NUMBER: u8 = 16;
    pub const STRING: u8 = 32;
    pub const INTEGER: u8 = 64;

    /// The bit of a type name.
    pub fn bit(name: &str) -> Option<u8> {
        Some(match name {
            "null" => NULL,
            "boolean" => BOOLEAN,
            "object" => OBJECT,
            "array" => ARRAY,
            "number" => NUMBER,
            "string" => STRING,
            "integer" => INTEGER,
            _ => return None,
        })
    }
}

/// A pattern with its source, for error messages.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub source: String,
    pub regex: Regex,
}

/// The keywords of an object schema. Absent keywords are `None` or empty.
#[derive(Debug, Clone, Default)]
pub(crate) struct Keywords {
    pub reference: Option<NodeId>,
    /// Allowed types as bits, with the keyword's value for error parameters.
    pub types: Option<(u8, Value)>,
    pub enumeration: Option<Vec<Value>>,
    pub constant: Option<Value>,

    pub multiple_of: Option<f64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,

    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<Pattern>,
    pub format: Option<Format>,

    pub prefix_items: Vec<NodeId>,
    pub items: Option<NodeId>,
    pub contains: Option<NodeId>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,

    /// In the schema's order (defaults are filled in it).
    pub properties: Vec<(String, NodeId)>,
    /// Positions into `properties`, sorted by name: an instance member is looked up by binary
    /// search, so a schema with thousands of properties against an object with thousands of
    /// members costs no product of the two.
    pub property_index: Vec<usize>,
    pub pattern_properties: Vec<(Pattern, NodeId)>,
    pub additional_properties: Option<NodeId>,
    pub property_names: Option<NodeId>,
    pub required: Vec<String>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    pub dependent_required: Vec<(String, Vec<String>)>,
    pub dependent_schemas: Vec<(String, NodeId)>,

    pub all_of: Vec<NodeId>,
    pub any_of: Vec<NodeId>,
    pub one_of: Vec<NodeId>,
    pub not: Option<NodeId>,
    pub if_: Option<NodeId>,
    pub then_: Option<NodeId>,
    pub else_: Option<NodeId>,

    pub default: Option<Value>,
}

impl Keywords {
    /// The subschema `properties` gives member `name`.
    pub(crate) fn property(&self, name: &str) -> Option<NodeId> {
        // A few names are quicker to scan than to search, as in `json::Map`.
        if self.properties.len() <= crate::json::SCAN_MAX {
            return self.properties.iter().find(|(k, _)| k == name).map(|(_, id)| *id);
        }
        let name_at = |i: usize| self.properties.get(i).map_or("", |(k, _)| k.as_str());
        let found = self.property_index.binary_search_by(|&i| name_at(i).cmp(name)).ok()?;
        let position = self.property_index.get(found).copied()?;
        self.properties.get(position).map(|(_, id)| *id)
    }

    /// Sorts `property_index` once `properties` is complete.
    pub(crate) fn index_properties(&mut self) {
        let properties = &self.properties;
        let name_at = |i: usize| properties.get(i).map_or("", |(k, _)| k.as_str());
        let mut index: Vec<usize> = (0..properties.len()).collect();
        crate::sort::heapsort(&mut index, |&a, &b| name_at(a) < name_at(b));
        self.property_index = index;
    }
}
