//! Filling in `default` values for the returned `value`.
//!
//! Validation sees the input as given: in JSON Schema `default` is an annotation, and the test
//! suite checks that a missing member is not validated as if its default were there. Once the
//! input is validated, hookseal inserts the defaults of absent members into a copy, which
//! [`super::Validation::value`] returns. (ajv's `useDefaults` inserts them before validating
//! instead; the two differ only for a schema whose defaults break its own rules, or whose other
//! keywords test the presence of a defaulted member. The built-in schemas give the same verdict
//! either way: Jelou's rule "authorization unless authType is no_auth" treats an absent authType
//! like its default, `no_auth`.)
//!
//! Defaults are taken from `properties` subschemas (following a `$ref` from the subschema) and
//! applied recursively: through `$ref`, `allOf`, the branch of `if`/`then`/`else` that applies,
//! member subschemas (`properties`, `additionalProperties`) and array items (`prefixItems`,
//! `items`). As in ajv, defaults inside `anyOf`, `oneOf`, `not`, `patternProperties` and
//! `dependentSchemas` are not applied: which branch "counts" is ambiguous there. Only absent
//! members are filled; `null` is a value and stays.

use alloc::vec::Vec;

use super::node::{Keywords, Node, NodeId};
use super::validate::{Ctx, Seg};
use crate::json::Value;

/// How many `$ref` hops are followed to find a member's default.
const MAX_REF_HOPS: usize = 32;

impl Ctx<'_> {
    /// The `default` of node `id`, following `$ref`s.
    fn default_of(&self, mut id: NodeId) -> Option<&Value> {
        let schema = self.schema;
        for _ in 0..MAX_REF_HOPS {
            let Node::Object(k) = schema.node(id) else {
                return None;
            };
            if let Some(d) = &k.default {
                return Some(d);
            }
            id = k.reference?;
        }
        None
    }

    /// Inserts the defaults of node `id` into `value`, recursively.
    pub(crate) fn fill(&mut self, id: NodeId, value: &mut Value, depth: usize) {
        if depth > self.max_eval_depth() || !self.charge(&[], 1) {
            return;
        }
        let schema = self.schema;
        let Node::Object(k) = schema.node(id) else {
            return;
        };
        let k: &Keywords = k;
        if let Some(r) = k.reference {
            self.fill(r, value, depth + 1);
        }
        for &s in &k.all_of {
            self.fill(s, value, depth + 1);
        }
        if let Some(i) = k.if_ {
            let mut path: Vec<Seg<'_>> = Vec::new();
            let holds = self.validate(i, &*value, &mut path, depth + 1, false);
            if let Some(branch) = if holds { k.then_ } else { k.else_ } {
                self.fill(branch, value, depth + 1);
            }
        }
        match value {
            Value::Object(m) => {
                for (name, s) in &k.properties {
                    if !m.contains_key(name) {
                        if let Some(d) = self.default_of(*s) {
                            m.insert(name.clone(), d.clone());
                        }
                    }
                }
                for (key, member) in m.iter_mut() {
                    let s = match k.property(key) {
                        Some(s) => Some(s),
                        None if k.pattern_properties.is_empty() => k.additional_properties,
                        None => None,
                    };
                    if let Some(s) = s {
                        self.fill(s, member, depth + 1);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let s = k.prefix_items.get(i).copied().or(if i >= k.prefix_items.len() { k.items } else { None });
                    if let Some(s) = s {
                        self.fill(s, item, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}
