//! The evaluator: one compiled schema against one JSON value.
//!
//! `validate` walks the node arena and the value together. It runs in two modes: *collecting*
//! (every failure is recorded, like ajv's `allErrors`) and *probing* (stop at the first failure,
//! record nothing), used for `not`, `if`, `contains` and the branches of `anyOf`/`oneOf` until a
//! branch is known to fail, when the branches are run again in collecting mode for their errors.
//!
//! All work is bounded: every node visit, regex step and equality step is charged to
//! [`Limits::max_steps`], the value may nest at most [`Limits::max_depth`] levels and evaluation
//! (which follows `$ref` without descending into the value) at most twice that plus 64. Hitting a
//! bound halts validation with a `maxSteps` or `maxDepth` error; it never panics or overflows.

use alloc::string::String;
use alloc::vec::Vec;

use super::assert::{json_eq, number_fails, type_ok};
use super::compile::escape_into;
use super::fail::Fail;
use super::format::FormatPlugin;
use super::node::{Compiled, Keywords, Node, NodeId};
use super::{Limits, ValidationError};
use crate::json::Value;

/// One step of the path to the current value.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

/// The JSON Pointer (RFC 6901) of a path.
pub(crate) fn pointer(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        out.push('/');
        match seg {
            Seg::Key(k) => escape_into(k, &mut out),
            Seg::Index(i) => out.push_str(itoa::Buffer::new().format(*i)),
        }
    }
    out
}

/// Records a failure (collecting mode) or returns `false` at once (probing mode).
macro_rules! fail {
    ($self:ident, $valid:ident, $collect:ident, $path:ident, $f:expr) => {{
        $valid = false;
        if !$collect {
            return false;
        }
        $self.record($path, $f);
    }};
}

/// Notes a failed subschema, returning `false` at once in probing mode.
macro_rules! sub {
    ($valid:ident, $collect:ident, $ok:expr) => {{
        if !$ok {
            $valid = false;
            if !$collect {
                return false;
            }
        }
    }};
}

/// The state of one validation.
pub(crate) struct Ctx<'s> {
    pub schema: &'s Compiled,
    pub limits: Limits,
    pub formats: &'s dyn FormatPlugin,
    /// Steps left.
    pub steps: u64,
    pub errors: Vec<ValidationError>,
    /// The error that stopped validation, if a bound was hit.
    pub halted: Option<ValidationError>,
}

impl<'s> Ctx<'s> {
    pub(crate) fn new(schema: &'s Compiled, limits: Limits, formats: &'s dyn FormatPlugin) -> Self {
        Ctx { schema, limits, formats, steps: limits.max_steps, errors: Vec::new(), halted: None }
    }

    pub(crate) fn max_eval_depth(&self) -> usize {
        self.limits.max_depth.min(crate::json::MAX_DEPTH_CAP).saturating_mul(2).saturating_add(64)
    }

    pub(crate) fn record(&mut self, path: &[Seg<'_>], f: Fail<'_>) {
        if self.errors.len() < self.limits.max_errors {
            self.errors.push(ValidationError {
                path: pointer(path),
                keyword: f.keyword(),
                message: f.message(),
                params: f.params(),
            });
        }
    }

    pub(crate) fn halt(&mut self, path: &[Seg<'_>], f: Fail<'_>) {
        if self.halted.is_none() {
            self.halted = Some(ValidationError {
                path: pointer(path),
                keyword: f.keyword(),
                message: f.message(),
                params: f.params(),
            });
        }
    }

    /// Takes `n` steps from the budget; false (and halted) if it runs out.
    pub(crate) fn charge(&mut self, path: &[Seg<'_>], n: u64) -> bool {
        match self.steps.checked_sub(n) {
            Some(left) => {
                self.steps = left;
                true
            }
            None => {
                self.steps = 0;
                self.halt(path, Fail::Budget(self.limits.max_steps));
                false
            }
        }
    }

    /// Halts for lack of budget (a regex or an equality check ran out); always false.
    pub(crate) fn exhaust(&mut self, path: &[Seg<'_>]) -> bool {
        self.steps = 0;
        self.halt(path, Fail::Budget(self.limits.max_steps));
        false
    }

    /// Validates `inst` against node `id`.
    pub(crate) fn validate<'v>(
        &mut self,
        id: NodeId,
        inst: &'v Value,
        path: &mut Vec<Seg<'v>>,
        depth: usize,
        collect: bool,
    ) -> bool {
        if self.halted.is_some() {
            return false;
        }
        if depth > self.max_eval_depth() {
            self.halt(path, Fail::Depth(self.max_eval_depth()));
            return false;
        }
        if !self.charge(path, 1) {
            return false;
        }
        let schema = self.schema;
        match schema.node(id) {
            Node::Bool(true) => true,
            Node::Bool(false) => {
                if collect {
                    self.record(path, Fail::FalseSchema);
                }
                false
            }
            Node::Object(k) => self.keywords(k, inst, path, depth, collect),
        }
    }

    /// Validates a member or element of the current value.
    fn child<'v>(
        &mut self,
        id: NodeId,
        inst: &'v Value,
        seg: Seg<'v>,
        path: &mut Vec<Seg<'v>>,
        depth: usize,
        collect: bool,
    ) -> bool {
        let max_depth = self.limits.max_depth.min(crate::json::MAX_DEPTH_CAP);
        if path.len() >= max_depth {
            self.halt(path, Fail::Depth(max_depth));
            return false;
        }
        path.push(seg);
        let ok = self.validate(id, inst, path, depth + 1, collect);
        path.pop();
        ok
    }

    fn keywords<'v>(
        &mut self,
        k: &'s Keywords,
        inst: &'v Value,
        path: &mut Vec<Seg<'v>>,
        depth: usize,
        collect: bool,
    ) -> bool {
        let mut valid = true;
        if let Some(r) = k.reference {
            sub!(valid, collect, self.validate(r, inst, path, depth + 1, collect));
        }
        if let Some((bits, names)) = &k.types {
            if !type_ok(*bits, inst) {
                fail!(self, valid, collect, path, Fail::Type(names));
            }
        }
        if let Some(values) = &k.enumeration {
            let mut found = false;
            for v in values {
                match json_eq(v, inst, &mut self.steps) {
                    Some(true) => found = true,
                    Some(false) => {}
                    None => return self.exhaust(path),
                }
                if found {
                    break;
                }
            }
            if !found {
                fail!(self, valid, collect, path, Fail::Enum(values));
            }
        }
        if let Some(c) = &k.constant {
            match json_eq(c, inst, &mut self.steps) {
                Some(true) => {}
                Some(false) => fail!(self, valid, collect, path, Fail::Const(c)),
                None => return self.exhaust(path),
            }
        }
        match inst {
            Value::Number(n) => {
                for f in number_fails(k, *n) {
                    fail!(self, valid, collect, path, f);
                }
            }
            Value::String(s) => sub!(valid, collect, self.string(k, s, path, collect)),
            Value::Array(a) => sub!(valid, collect, self.array(k, a, path, depth, collect)),
            Value::Object(m) => sub!(valid, collect, self.object(k, inst, m, path, depth, collect)),
            _ => {}
        }
        for &s in &k.all_of {
            sub!(valid, collect, self.validate(s, inst, path, depth + 1, collect));
        }
        if !k.any_of.is_empty() {
            sub!(valid, collect, self.some_of(&k.any_of, inst, path, depth, collect, false));
        }
        if !k.one_of.is_empty() {
            sub!(valid, collect, self.some_of(&k.one_of, inst, path, depth, collect, true));
        }
        if let Some(n) = k.not {
            if self.validate(n, inst, path, depth + 1, false) {
                fail!(self, valid, collect, path, Fail::Not);
            }
        }
        if let Some(i) = k.if_ {
            let (branch, name) =
                if self.validate(i, inst, path, depth + 1, false) { (k.then_, "then") } else { (k.else_, "else") };
            if let Some(b) = branch {
                if !self.validate(b, inst, path, depth + 1, collect) {
                    fail!(self, valid, collect, path, Fail::If(name));
                }
            }
        }
        valid && self.halted.is_none()
    }

    fn string(&mut self, k: &'s Keywords, s: &str, path: &[Seg<'_>], collect: bool) -> bool {
        let mut valid = true;
        if k.min_length.is_some() || k.max_length.is_some() {
            let len = s.chars().count() as u64;
            if !self.charge(path, len / 64) {
                return false;
            }
            if let Some(n) = k.min_length.filter(|n| len < *n) {
                fail!(self, valid, collect, path, Fail::Count("minLength", n));
            }
            if let Some(n) = k.max_length.filter(|n| len > *n) {
                fail!(self, valid, collect, path, Fail::Count("maxLength", n));
            }
        }
        if let Some(p) = &k.pattern {
            match p.regex.is_match(s, &mut self.steps) {
                Ok(true) => {}
                Ok(false) => fail!(self, valid, collect, path, Fail::Pattern(&p.source)),
                Err(_) => return self.exhaust(path),
            }
        }
        if let Some(f) = k.format {
            if let Err(m) = f.check(s, self.formats) {
                fail!(self, valid, collect, path, Fail::Format(f, m));
            }
        }
        valid
    }

    /// `anyOf`, or `oneOf` if `exactly_one`: the branches are probed, and run again for their
    /// errors only when none passes.
    fn some_of<'v>(
        &mut self,
        branches: &'s [NodeId],
        inst: &'v Value,
        path: &mut Vec<Seg<'v>>,
        depth: usize,
        collect: bool,
        exactly_one: bool,
    ) -> bool {
        let mut first = None;
        for (i, &b) in branches.iter().enumerate() {
            if self.validate(b, inst, path, depth + 1, false) {
                match first {
                    None if !exactly_one => return true,
                    None => first = Some(i),
                    Some(a) => {
                        if collect {
                            self.record(path, Fail::OneOf(Some((a, i))));
                        }
                        return false;
                    }
                }
            }
        }
        if first.is_some() {
            return true;
        }
        if collect && self.halted.is_none() {
            for &b in branches {
                self.validate(b, inst, path, depth + 1, true);
            }
            self.record(path, if exactly_one { Fail::OneOf(None) } else { Fail::AnyOf });
        }
        false
    }
}

// After the macros, which it uses.
mod containers;
