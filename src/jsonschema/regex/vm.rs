//! Thompson construction of the syntax tree into a program, and a Pike-style simulation of it.
//!
//! The simulation keeps a set of program counters, never a backtracking stack: each input code
//! point is looked at once and each instruction is visited at most once per position, so a search
//! costs at most `text length × program length` steps, whatever the pattern. Every visited state is
//! charged to a caller-provided budget, and the search stops when the budget runs out.

use alloc::string::String;
use alloc::vec::Vec;

use super::class::{self, Ranges};
use super::parse::Ast;
use super::Exhausted;

/// Largest program accepted, in instructions.
pub(super) const MAX_INSTS: usize = 20_000;

#[derive(Debug, Clone, Copy)]
pub(super) enum Inst {
    /// Consumes one code point equal to this one.
    Char(char),
    /// Consumes one code point in class number `.0`.
    Set(u32),
    /// Continues at both targets.
    Split(u32, u32),
    /// Continues at the target.
    Jmp(u32),
    /// `^`
    Start,
    /// `$`
    End,
    /// `\b` (true) or `\B` (false).
    Word(bool),
    /// The pattern matched.
    Match,
}

/// A compiled program and its classes.
#[derive(Debug, Clone)]
pub(super) struct Program {
    insts: Vec<Inst>,
    classes: Vec<Ranges>,
}

/// Compiles a syntax tree; fails if the program would exceed [`MAX_INSTS`].
pub(super) fn compile(ast: &Ast) -> Result<Program, String> {
    let mut c = Compiler { insts: Vec::new(), classes: Vec::new() };
    c.emit(ast)?;
    c.push(Inst::Match)?;
    Ok(Program { insts: c.insts, classes: c.classes })
}

struct Compiler {
    insts: Vec<Inst>,
    classes: Vec<Ranges>,
}

impl Compiler {
    fn pc(&self) -> u32 {
        u32::try_from(self.insts.len()).unwrap_or(u32::MAX)
    }

    fn push(&mut self, inst: Inst) -> Result<u32, String> {
        if self.insts.len() >= MAX_INSTS {
            return Err(alloc::format!(
                "pattern is too complex (more than {MAX_INSTS} instructions once repetitions are expanded)"
            ));
        }
        let pc = self.pc();
        self.insts.push(inst);
        Ok(pc)
    }

    fn patch(&mut self, at: u32, inst: Inst) {
        if let Some(slot) = self.insts.get_mut(at as usize) {
            *slot = inst;
        }
    }

    fn emit(&mut self, ast: &Ast) -> Result<(), String> {
        match ast {
            Ast::Empty => {}
            Ast::Set(set) => {
                let inst = match set.as_slice() {
                    [(a, b)] if a == b => char::from_u32(*a).map(Inst::Char),
                    _ => None,
                };
                let inst = match inst {
                    Some(i) => i,
                    None => Inst::Set(self.intern(set)),
                };
                self.push(inst)?;
            }
            Ast::Start => {
                self.push(Inst::Start)?;
            }
            Ast::End => {
                self.push(Inst::End)?;
            }
            Ast::WordBoundary(b) => {
                self.push(Inst::Word(*b))?;
            }
            Ast::Concat(items) => {
                for item in items {
                    self.emit(item)?;
                }
            }
            Ast::Alt(alts) => {
                let mut jumps = Vec::new();
                let last = alts.len().saturating_sub(1);
                for (i, alt) in alts.iter().enumerate() {
                    if i == last {
                        self.emit(alt)?;
                    } else {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.emit(alt)?;
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.pc();
                        self.patch(split, Inst::Split(split + 1, next));
                    }
                }
                let end = self.pc();
                for j in jumps {
                    self.patch(j, Inst::Jmp(end));
                }
            }
            Ast::Repeat(node, min, max) => {
                for _ in 0..*min {
                    self.emit(node)?;
                }
                match max {
                    None => {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.emit(node)?;
                        self.push(Inst::Jmp(split))?;
                        let end = self.pc();
                        self.patch(split, Inst::Split(split + 1, end));
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            splits.push(self.push(Inst::Split(0, 0))?);
                            self.emit(node)?;
                        }
                        let end = self.pc();
                        for s in splits {
                            self.patch(s, Inst::Split(s + 1, end));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn intern(&mut self, set: &Ranges) -> u32 {
        let i = match self.classes.iter().position(|c| c == set) {
            Some(i) => i,
            None => {
                self.classes.push(set.clone());
                self.classes.len() - 1
            }
        };
        u32::try_from(i).unwrap_or(u32::MAX)
    }
}

/// A set of program counters with O(1) insert, membership and clear.
struct SparseSet {
    dense: Vec<u32>,
    sparse: Vec<u32>,
}

impl SparseSet {
    fn new(n: usize) -> Self {
        SparseSet { dense: Vec::with_capacity(n), sparse: alloc::vec![0; n] }
    }

    /// Inserts `pc`; false if it was already there (or out of range).
    fn insert(&mut self, pc: u32) -> bool {
        let Some(&slot) = self.sparse.get(pc as usize) else {
            return false;
        };
        if self.dense.get(slot as usize) == Some(&pc) {
            return false;
        }
        if let Some(s) = self.sparse.get_mut(pc as usize) {
            *s = u32::try_from(self.dense.len()).unwrap_or(u32::MAX);
        }
        self.dense.push(pc);
        true
    }
}

impl Program {
    /// True if the pattern matches anywhere in `text` (ECMA-262 `RegExp.prototype.test`).
    pub(super) fn search(&self, text: &str, budget: &mut u64) -> Result<bool, Exhausted> {
        let n = self.insts.len();
        let mut clist = SparseSet::new(n);
        let mut nlist = SparseSet::new(n);
        let mut stack = Vec::new();
        let mut chars = text.chars();
        let mut prev: Option<char> = None;
        let mut cur = chars.next();
        loop {
            if self.add(&mut clist, 0, prev, cur, &mut stack, budget)? {
                return Ok(true);
            }
            let Some(c) = cur else { return Ok(false) };
            let next = chars.next();
            for &pc in &clist.dense {
                charge(budget)?;
                let consumes = match self.insts.get(pc as usize) {
                    Some(Inst::Char(x)) => *x == c,
                    Some(Inst::Set(i)) => self.classes.get(*i as usize).is_some_and(|s| class::contains(s, c)),
                    _ => false,
                };
                if consumes && self.add(&mut nlist, pc + 1, Some(c), next, &mut stack, budget)? {
                    return Ok(true);
                }
            }
            core::mem::swap(&mut clist, &mut nlist);
            nlist.dense.clear();
            prev = Some(c);
            cur = next;
        }
    }

    /// Adds `pc` and everything reachable from it without consuming input, at a position between
    /// `prev` and `cur`; true if that reaches `Match`.
    fn add(
        &self,
        set: &mut SparseSet,
        pc: u32,
        prev: Option<char>,
        cur: Option<char>,
        stack: &mut Vec<u32>,
        budget: &mut u64,
    ) -> Result<bool, Exhausted> {
        stack.clear();
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            if !set.insert(pc) {
                continue;
            }
            charge(budget)?;
            match self.insts.get(pc as usize) {
                Some(Inst::Match) => return Ok(true),
                Some(Inst::Jmp(t)) => stack.push(*t),
                Some(Inst::Split(a, b)) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Some(Inst::Start) if prev.is_none() => stack.push(pc + 1),
                Some(Inst::End) if cur.is_none() => stack.push(pc + 1),
                Some(Inst::Word(want)) => {
                    let at_boundary = prev.is_some_and(class::is_word) != cur.is_some_and(class::is_word);
                    if at_boundary == *want {
                        stack.push(pc + 1);
                    }
                }
                _ => {}
            }
        }
        Ok(false)
    }
}

fn charge(budget: &mut u64) -> Result<(), Exhausted> {
    *budget = budget.checked_sub(1).ok_or(Exhausted)?;
    Ok(())
}
