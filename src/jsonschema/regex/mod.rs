//! A small ECMA-262 regular expression engine for `pattern` and `patternProperties`.
//!
//! Why not a crate: the full-featured engines (`regex`, `regex-automata`, `fancy-regex`) cost
//! hundreds of kilobytes of wasm or need `std`, and JSON Schema only asks "does this string match".
//! This engine parses the common ECMA-262 subset (see [`parse`]) into a syntax tree and compiles
//! it to a Thompson NFA run by a Pike-style simulation (see [`vm`]): no backtracking, so matching
//! is linear in the text for a given pattern and hostile patterns such as `(a+)+$` cannot hang it.
//!
//! Bounds: patterns longer than [`MAX_PATTERN_CHARS`] code points, nesting deeper than 64 groups,
//! repetition counts above 1000 and programs above 20 000 instructions are refused when the schema
//! is compiled. Matching charges every NFA step to a budget shared with the rest of validation.
//!
//! Semantics are those of `RegExp.prototype.test` with the `u` flag: unanchored search, code
//! points (not UTF-16 units), `\d`/`\w` ASCII-only, `.` excluding line terminators, `$` only at
//! the very end. Constructs outside the subset (backreferences, lookaround, `\p{…}`, inline flags)
//! are compile errors that name the construct.

mod class;
mod parse;
mod vm;

use alloc::string::String;

/// Longest pattern accepted, in code points.
pub const MAX_PATTERN_CHARS: usize = 8192;

/// The step budget ran out before the search finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Exhausted;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Regex {
    program: vm::Program,
}

impl Regex {
    /// Compiles an ECMA-262 pattern; the error says which construct is unsupported or malformed.
    pub(crate) fn new(pattern: &str) -> Result<Regex, String> {
        if pattern.chars().count() > MAX_PATTERN_CHARS {
            return Err(alloc::format!("pattern is longer than {MAX_PATTERN_CHARS} characters"));
        }
        let ast = parse::parse(pattern)?;
        Ok(Regex { program: vm::compile(&ast)? })
    }

    /// True if the pattern matches somewhere in `text`; each NFA step costs one unit of `budget`.
    pub(crate) fn is_match(&self, text: &str, budget: &mut u64) -> Result<bool, Exhausted> {
        self.program.search(text, budget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> bool {
        let mut budget = 1_000_000;
        Regex::new(p).unwrap().is_match(t, &mut budget).unwrap()
    }

    #[test]
    fn basics() {
        assert!(m("abc", "xxabcxx"));
        assert!(!m("^abc$", "abc\n"));
        assert!(m("^a|b$", "xb"));
        assert!(m("^(?:ab)+$", "ababab"));
        assert!(!m("^(?:ab)+$", "ababa"));
        assert!(m("^a{2,3}$", "aaa"));
        assert!(!m("^a{2,3}$", "aaaa"));
        assert!(m("^a{2,}$", "aaaaa"));
        assert!(m("^[a-c]+$", "abcabc"));
        assert!(!m("^[^a-c]+$", "abd"));
        assert!(m("^\\d+$", "0123"));
        assert!(!m("^\\d$", "\u{0967}"));
        assert!(m("^\\s$", "\u{3000}"));
        assert!(m("\\bfoo\\b", "a foo b"));
        assert!(!m("\\bfoo\\b", "afoob"));
        assert!(m("^\\cC$", "\u{3}"));
        assert!(m("^\\u{1F432}*$", "🐲🐲"));
        assert!(m("^\\ud83d\\udc32$", "🐲"));
        assert!(m("^.$", "🐲"));
        assert!(m("^[\\w-]+$", "a-b_c"));
        assert!(m("x{", "x{"));
        assert!(m("^(?<year>\\d{4})-\\d\\d$", "2024-01"));
        assert!(m("^(a*)*$", "aaaa"));
        assert!(m("", "anything"));
        assert!(m("[]|x", "x"));
        assert!(!m("[]", "x"));
        assert!(m("^[^]$", "\n"));
        assert!(m("a*?b", "aab"));
    }

    #[test]
    fn unsupported_constructs_are_named() {
        for (p, what) in [
            ("(a)\\1", "backreferences"),
            ("(?=a)", "lookahead"),
            ("(?<!a)b", "lookbehind"),
            ("\\p{L}", "property"),
            ("(?i)a", "inline flags"),
            ("*a", "nothing to repeat"),
            ("a{5,2}", "out of order"),
            ("(a", "unterminated"),
            ("a)", "unmatched"),
            ("[z-a]", "out of order"),
            ("a{1001}", "limit"),
        ] {
            let e = Regex::new(p).unwrap_err();
            assert!(e.contains(what), "{p}: {e}");
        }
    }

    #[test]
    fn hostile_patterns_stay_linear() {
        let text = "a".repeat(10_000) + "!";
        let mut budget = 10_000_000;
        let re = Regex::new("^(a+)+$").unwrap();
        assert_eq!(re.is_match(&text, &mut budget), Ok(false));
        // Programs bigger than the limit are refused, not built.
        assert!(Regex::new("(((a{100}){100}){100})").is_err());
        // A small budget stops the search.
        let mut tiny = 10;
        assert_eq!(re.is_match(&text, &mut tiny), Err(Exhausted));
    }
}
