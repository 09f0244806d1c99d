//! The array and object keywords: `items`, `prefixItems`, `contains`, `uniqueItems`, the item
//! counts, `properties`, `patternProperties`, `additionalProperties`, `propertyNames`,
//! `required`, `dependentRequired`, `dependentSchemas` and the property counts.

use alloc::string::String;
use alloc::vec::Vec;

use super::{Ctx, Seg};
use crate::json::{Map, Value};
use crate::jsonschema::fail::Fail;
use crate::jsonschema::node::{Keywords, Node, NodeId};
use crate::jsonschema::unique::find_duplicate;

impl<'s> Ctx<'s> {
    pub(super) fn array<'v>(
        &mut self,
        k: &'s Keywords,
        a: &'v [Value],
        path: &mut Vec<Seg<'v>>,
        depth: usize,
        collect: bool,
    ) -> bool {
        let mut valid = true;
        let len = a.len() as u64;
        if let Some(n) = k.min_items.filter(|n| len < *n) {
            fail!(self, valid, collect, path, Fail::Count("minItems", n));
        }
        if let Some(n) = k.max_items.filter(|n| len > *n) {
            fail!(self, valid, collect, path, Fail::Count("maxItems", n));
        }
        if k.unique_items {
            match find_duplicate(a, &mut self.steps) {
                Some(None) => {}
                Some(Some((i, j))) => fail!(self, valid, collect, path, Fail::Unique(i, j)),
                None => return self.exhaust(path),
            }
        }
        for (i, (item, &s)) in a.iter().zip(&k.prefix_items).enumerate() {
            sub!(valid, collect, self.child(s, item, Seg::Index(i), path, depth, collect));
        }
        if let Some(s) = k.items {
            for (i, item) in a.iter().enumerate().skip(k.prefix_items.len()) {
                sub!(valid, collect, self.child(s, item, Seg::Index(i), path, depth, collect));
            }
        }
        if let Some(c) = k.contains {
            let mut matched = 0u64;
            for (i, item) in a.iter().enumerate() {
                if self.child(c, item, Seg::Index(i), path, depth, false) {
                    matched += 1;
                }
            }
            if self.halted.is_some() {
                return false;
            }
            let min = k.min_contains.unwrap_or(1);
            if matched < min {
                fail!(self, valid, collect, path, Fail::Count("contains", min));
            }
            if let Some(max) = k.max_contains.filter(|max| matched > *max) {
                fail!(self, valid, collect, path, Fail::Count("maxContains", max));
            }
        }
        valid
    }

    pub(super) fn object<'v>(
        &mut self,
        k: &'s Keywords,
        inst: &'v Value,
        m: &'v Map,
        path: &mut Vec<Seg<'v>>,
        depth: usize,
        collect: bool,
    ) -> bool {
        let mut valid = true;
        let len = m.len() as u64;
        // Each name lookup is a binary search (see `Map`), so names cost one step each.
        let lookups = k.required.len() + k.dependent_required.iter().map(|(_, d)| d.len() + 1).sum::<usize>();
        if !self.charge(path, lookups as u64 + 1) {
            return false;
        }
        for r in &k.required {
            if !m.contains_key(r) {
                fail!(self, valid, collect, path, Fail::Required(r));
            }
        }
        for (p, deps) in &k.dependent_required {
            if m.contains_key(p) {
                for d in deps.iter().filter(|d| !m.contains_key(d)) {
                    fail!(self, valid, collect, path, Fail::DependentRequired(p, d));
                }
            }
        }
        if let Some(n) = k.min_properties.filter(|n| len < *n) {
            fail!(self, valid, collect, path, Fail::Count("minProperties", n));
        }
        if let Some(n) = k.max_properties.filter(|n| len > *n) {
            fail!(self, valid, collect, path, Fail::Count("maxProperties", n));
        }
        for (key, value) in m.iter() {
            if !self.charge(path, 1) {
                return false;
            }
            let mut matched = false;
            if let Some(s) = k.property(key) {
                matched = true;
                sub!(valid, collect, self.child(s, value, Seg::Key(key), path, depth, collect));
            }
            for (p, s) in &k.pattern_properties {
                match p.regex.is_match(key, &mut self.steps) {
                    Ok(true) => {
                        matched = true;
                        sub!(valid, collect, self.child(*s, value, Seg::Key(key), path, depth, collect));
                    }
                    Ok(false) => {}
                    Err(_) => return self.exhaust(path),
                }
            }
            if let (false, Some(ap)) = (matched, k.additional_properties) {
                if matches!(self.schema.node(ap), Node::Bool(false)) {
                    fail!(self, valid, collect, path, Fail::Additional(key));
                } else {
                    sub!(valid, collect, self.child(ap, value, Seg::Key(key), path, depth, collect));
                }
            }
            if let Some(pn) = k.property_names {
                sub!(valid, collect, self.property_name(pn, key, path, depth, collect));
            }
        }
        for (p, s) in &k.dependent_schemas {
            if m.contains_key(p) {
                sub!(valid, collect, self.validate(*s, inst, path, depth + 1, collect));
            }
        }
        valid
    }

    /// `propertyNames`: the name, as a string value, against the subschema. One error is
    /// reported at the member's path, its message gathering the subschema's messages.
    fn property_name(&mut self, pn: NodeId, key: &str, path: &[Seg<'_>], depth: usize, collect: bool) -> bool {
        let name = Value::String(key.into());
        let mut name_path: Vec<Seg<'_>> = path.to_vec();
        let before = self.errors.len();
        if self.validate(pn, &name, &mut name_path, depth + 1, collect) {
            return true;
        }
        if collect && self.halted.is_none() {
            // Joined by hand: a collect and a join would each be generic code in the wasm.
            let mut why = String::from("it does not match propertyNames");
            for (i, e) in self.errors.drain(before..).enumerate() {
                if i == 0 {
                    why.clear();
                } else {
                    why.push_str("; ");
                }
                why.push_str(&e.message);
            }
            name_path.push(Seg::Key(key));
            self.record(&name_path, Fail::PropertyName(key, why));
        }
        false
    }
}
