//! ECMA-262 pattern syntax to an abstract syntax tree.
//!
//! The accepted language is the common subset of ECMA-262 with the `u` flag: literals, `.`,
//! classes with ranges and negation, `\d \w \s` and their negations, control and code-point
//! escapes, anchors, `\b`/`\B`, groups (capturing, non-capturing and named, all treated alike since
//! only match/no-match matters), alternation and every quantifier (lazy forms are matched like
//! greedy ones: the answer to "is there a match" is the same). Backreferences, lookaround and
//! Unicode property escapes are refused with an error naming the construct, never misread.
//!
//! The parser is a recursive descent whose recursion is bounded by the group nesting limit, and it
//! looks at each character a bounded number of times.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::class::{self, Ranges};

/// Deepest group nesting accepted.
const MAX_NESTING: usize = 64;
/// Largest repetition count accepted in `{n,m}`.
pub(super) const MAX_REPEAT: u32 = 1000;

/// A parsed pattern.
#[derive(Debug, Clone)]
pub(super) enum Ast {
    /// Matches the empty string.
    Empty,
    /// One code point out of a set.
    Set(Ranges),
    /// `^`
    Start,
    /// `$`
    End,
    /// `\b` (true) or `\B` (false).
    WordBoundary(bool),
    /// Each in turn.
    Concat(Vec<Ast>),
    /// Any of them.
    Alt(Vec<Ast>),
    /// `min` to `max` (unbounded if `None`) repetitions.
    Repeat(Box<Ast>, u32, Option<u32>),
}

/// Parses `pattern`; the error names the unsupported or malformed construct.
pub(super) fn parse(pattern: &str) -> Result<Ast, String> {
    let mut p = Parser { chars: pattern.chars().collect(), pos: 0, depth: 0 };
    let ast = p.alternation()?;
    match p.peek() {
        None => Ok(ast),
        Some(')') => Err("unmatched ')'".into()),
        Some(c) => Err(alloc::format!("unexpected '{c}'")),
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn alternation(&mut self) -> Result<Ast, String> {
        let mut alts = Vec::new();
        loop {
            alts.push(self.concat()?);
            if !self.eat('|') {
                break;
            }
        }
        Ok(if alts.len() == 1 { alts.pop().unwrap_or(Ast::Empty) } else { Ast::Alt(alts) })
    }

    fn concat(&mut self) -> Result<Ast, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let quantifiable = !matches!(atom, Ast::Start | Ast::End | Ast::WordBoundary(_));
            match self.quantifier()? {
                Some((min, max)) if quantifiable => {
                    items.push(Ast::Repeat(Box::new(atom), min, max));
                }
                Some(_) => return Err("nothing to repeat (quantified assertion)".into()),
                None => items.push(atom),
            }
        }
        Ok(match items.len() {
            0 => Ast::Empty,
            1 => items.pop().unwrap_or(Ast::Empty),
            _ => Ast::Concat(items),
        })
    }

    /// A quantifier after an atom, if any: `(min, max)`.
    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let q = match self.peek() {
            Some('*') => {
                self.pos += 1;
                (0, None)
            }
            Some('+') => {
                self.pos += 1;
                (1, None)
            }
            Some('?') => {
                self.pos += 1;
                (0, Some(1))
            }
            Some('{') => match self.braces()? {
                Some(q) => q,
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        // Lazy quantifiers accept the same strings as greedy ones.
        self.eat('?');
        if matches!(self.peek(), Some('*' | '+' | '?')) {
            return Err("nothing to repeat (double quantifier)".into());
        }
        Ok(Some(q))
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor; `None` (cursor unmoved) if the brace is not one.
    fn braces(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let start = self.pos;
        self.pos += 1;
        let Some(min) = self.number()? else {
            self.pos = start;
            return Ok(None);
        };
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                match self.number()? {
                    Some(m) => Some(m),
                    None => {
                        self.pos = start;
                        return Ok(None);
                    }
                }
            }
        } else {
            Some(min)
        };
        if !self.eat('}') {
            self.pos = start;
            return Ok(None);
        }
        if let Some(max) = max {
            if max < min {
                return Err("numbers out of order in {} quantifier".into());
            }
        }
        Ok(Some((min, max)))
    }

    fn number(&mut self) -> Result<Option<u32>, String> {
        let mut n: Option<u32> = None;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            self.pos += 1;
            let v = n.unwrap_or(0).saturating_mul(10).saturating_add(d);
            n = Some(v);
        }
        match n {
            Some(v) if v > MAX_REPEAT => Err(alloc::format!("repetition count {v} exceeds the limit of {MAX_REPEAT}")),
            other => Ok(other),
        }
    }

    fn atom(&mut self) -> Result<Ast, String> {
        let Some(c) = self.next() else {
            return Ok(Ast::Empty);
        };
        match c {
            '^' => Ok(Ast::Start),
            '$' => Ok(Ast::End),
            '.' => Ok(Ast::Set(class::dot())),
            '(' => self.group(),
            '[' => self.class().map(Ast::Set),
            '\\' => self.escape(),
            '*' | '+' | '?' => Err("nothing to repeat".into()),
            '{' => {
                self.pos -= 1;
                if self.braces()?.is_some() {
                    return Err("nothing to repeat".into());
                }
                self.pos += 1;
                Ok(Ast::Set(class::single('{')))
            }
            c => Ok(Ast::Set(class::single(c))),
        }
    }

    fn group(&mut self) -> Result<Ast, String> {
        if self.depth >= MAX_NESTING {
            return Err(alloc::format!("groups nest deeper than {MAX_NESTING}"));
        }
        if self.eat('?') {
            match (self.next(), self.peek()) {
                (Some(':'), _) => {}
                (Some('='), _) | (Some('!'), _) => return Err("lookahead is not supported".into()),
                (Some('<'), Some('=' | '!')) => return Err("lookbehind is not supported".into()),
                (Some('<'), _) => {
                    // A named group: skip the name.
                    loop {
                        match self.next() {
                            Some('>') => break,
                            Some(c) if c.is_ascii_alphanumeric() || c == '_' || c == '$' || !c.is_ascii() => {}
                            _ => return Err("invalid group name".into()),
                        }
                    }
                }
                _ => return Err("invalid group (inline flags are not ECMA-262)".into()),
            }
        }
        self.depth += 1;
        let inner = self.alternation()?;
        self.depth -= 1;
        if !self.eat(')') {
            return Err("unterminated group".into());
        }
        Ok(inner)
    }

    /// An escape outside a class (the backslash is consumed).
    fn escape(&mut self) -> Result<Ast, String> {
        match self.peek() {
            Some('b') => {
                self.pos += 1;
                Ok(Ast::WordBoundary(true))
            }
            Some('B') => {
                self.pos += 1;
                Ok(Ast::WordBoundary(false))
            }
            Some('1'..='9') => Err("backreferences are not supported".into()),
            Some('k') if self.peek_at(1) == Some('<') => Err("named backreferences are not supported".into()),
            _ => self.class_escape().map(Ast::Set),
        }
    }

    /// An escape that stands for a set of code points (the backslash is consumed); shared by
    /// classes and plain atoms.
    fn class_escape(&mut self) -> Result<Ranges, String> {
        let Some(c) = self.next() else {
            return Err("pattern ends with '\\'".into());
        };
        let single = |c: char| Ok(class::single(c));
        match c {
            'd' => Ok(class::digit()),
            'D' => Ok(class::negate(&class::digit())),
            'w' => Ok(class::word()),
            'W' => Ok(class::negate(&class::word())),
            's' => Ok(class::space()),
            'S' => Ok(class::negate(&class::space())),
            't' => single('\t'),
            'n' => single('\n'),
            'v' => single('\u{b}'),
            'f' => single('\u{c}'),
            'r' => single('\r'),
            '0' if !matches!(self.peek(), Some('0'..='9')) => single('\0'),
            'p' | 'P' => Err("Unicode property escapes (\\p, \\P) are not supported".into()),
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    Ok(code_point(u32::from(l) % 32))
                }
                _ => {
                    // Annex B: a `\c` not followed by a letter is a backslash, then `c`.
                    self.pos -= 1;
                    single('\\')
                }
            },
            'x' => match self.hex(2) {
                Some(v) => Ok(code_point(v)),
                None => single('x'),
            },
            'u' => self.unicode_escape(),
            c => single(c),
        }
    }

    /// `\uHHHH` (a surrogate pair of them joins into one code point) or `\u{H…}`.
    fn unicode_escape(&mut self) -> Result<Ranges, String> {
        if self.eat('{') {
            let mut v: u32 = 0;
            let mut digits = 0;
            while let Some(d) = self.peek().and_then(|c| c.to_digit(16)) {
                self.pos += 1;
                digits += 1;
                v = v.saturating_mul(16).saturating_add(d);
            }
            if digits == 0 || !self.eat('}') || v > 0x10_FFFF {
                return Err("invalid \\u{...} escape".into());
            }
            return Ok(code_point(v));
        }
        let Some(hi) = self.hex(4) else {
            return Ok(class::single('u'));
        };
        if (0xD800..0xDC00).contains(&hi) && self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
            let save = self.pos;
            self.pos += 2;
            match self.hex(4) {
                Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                    return Ok(code_point(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)));
                }
                _ => self.pos = save,
            }
        }
        Ok(code_point(hi))
    }

    /// Exactly `n` hex digits, or `None` with the cursor unmoved.
    fn hex(&mut self, n: usize) -> Option<u32> {
        let mut v = 0;
        for i in 0..n {
            v = v * 16 + self.peek_at(i)?.to_digit(16)?;
        }
        self.pos += n;
        Some(v)
    }

    /// A bracketed class (the `[` is consumed).
    fn class(&mut self) -> Result<Ranges, String> {
        let negated = self.eat('^');
        let mut set: Ranges = Vec::new();
        loop {
            let Some(c) = self.next() else {
                return Err("unterminated character class".into());
            };
            if c == ']' {
                break;
            }
            let lo = self.class_atom(c)?;
            // A range needs single code points on both sides; otherwise '-' is literal (Annex B).
            if self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']') | None) {
                if let Some(lo_cp) = single_of(&lo) {
                    self.pos += 1;
                    let c2 = self.next().unwrap_or(']');
                    let hi = self.class_atom(c2)?;
                    match single_of(&hi) {
                        Some(hi_cp) if hi_cp >= lo_cp => set.push((lo_cp, hi_cp)),
                        Some(_) => return Err("range out of order in character class".into()),
                        None => {
                            set.extend(lo);
                            set.push(('-' as u32, '-' as u32));
                            set.extend(hi);
                        }
                    }
                    continue;
                }
            }
            set.extend(lo);
        }
        let set = class::normalize(set);
        Ok(if negated { class::negate(&set) } else { set })
    }

    /// One member of a class starting with `c` (already consumed).
    fn class_atom(&mut self, c: char) -> Result<Ranges, String> {
        if c != '\\' {
            return Ok(class::single(c));
        }
        match self.peek() {
            Some('b') => {
                self.pos += 1;
                Ok(class::single('\u{8}'))
            }
            Some('-') => {
                self.pos += 1;
                Ok(class::single('-'))
            }
            Some('1'..='9') => Err("backreferences are not supported".into()),
            _ => self.class_escape(),
        }
    }
}

/// The set holding code point `v` (a lone surrogate yields the empty set: no string holds one).
fn code_point(v: u32) -> Ranges {
    match char::from_u32(v) {
        Some(c) => class::single(c),
        None => Vec::new(),
    }
}

/// The code point, if the set is exactly one.
fn single_of(set: &Ranges) -> Option<u32> {
    match set.as_slice() {
        [(a, b)] if a == b => Some(*a),
        _ => None,
    }
}
