//! Compact JSON text of a [`Value`], members in their order: what `JSON.parse` turns back into
//! the same JavaScript value (numbers round-trip, `-0` included), for results that cross to
//! JavaScript as one text instead of one host call per property.

use alloc::string::String;

use super::write::{write_ecmascript_number, write_string, write_tree, TextStyle};
use super::{Map, Value, MAX_DEPTH_CAP};
use crate::error::Result;

/// Nesting written by recursion; deeper containers go to the iterative writer. Most values
/// (results' params and bodies, configs) are shallow, and recursion spares them the allocation
/// of a stack.
const RECURSION_LEVELS: usize = 8;

/// Appends `value` as compact JSON text, object members in insertion order. A value nested
/// deeper than [`MAX_DEPTH_CAP`] levels (only one built in memory can be) is written as `null`
/// there, as the bindings convert it. Depth costs heap, not call stack, past a few levels.
pub(crate) fn write_json(value: &Value, out: &mut String) {
    write_shallow(value, out, 0);
}

fn write_shallow(value: &Value, out: &mut String, depth: usize) {
    match value {
        Value::Array(items) if depth < RECURSION_LEVELS => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_shallow(item, out, depth + 1);
            }
            out.push(']');
        }
        Value::Object(map) if depth < RECURSION_LEVELS => {
            out.push('{');
            for (i, (name, item)) in map.members().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(name, out);
                out.push(':');
                write_shallow(item, out, depth + 1);
            }
            out.push('}');
        }
        _ => write_deep(value, out, depth),
    }
}

/// The text of the bindings: members in insertion order, `null` past the depth cap.
struct Plain {
    /// How deep the value written sits.
    depth: usize,
}

impl TextStyle for Plain {
    type Members<'a> = core::slice::Iter<'a, (String, Value)>;

    fn admit(&self, _: &Value, open: usize) -> Result<bool> {
        // Beyond the cap every value is `null`.
        Ok(self.depth + open <= MAX_DEPTH_CAP)
    }

    fn number(&self, n: f64, out: &mut String) -> Result<()> {
        write_number(n, out);
        Ok(())
    }

    fn members<'a>(&self, map: &'a Map) -> Result<Self::Members<'a>> {
        Ok(map.members().iter())
    }
}

/// [`write_json`] of a value at `depth`, with a stack on the heap.
fn write_deep(value: &Value, out: &mut String, depth: usize) {
    // The plain style never fails.
    let _ = write_tree(value, out, &Plain { depth });
}

/// A number that reads back as the same double: `-0` keeps its sign, and the non-finite numbers,
/// which no [`Value`] from the parser or the bindings holds, become `null` as in `JSON.stringify`.
fn write_number(n: f64, out: &mut String) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n == 0.0 && n.is_sign_negative() {
        out.push_str("-0");
    } else {
        write_ecmascript_number(n, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &Value) -> String {
        let mut out = String::new();
        write_json(value, &mut out);
        out
    }

    #[test]
    fn members_keep_their_order_and_numbers_round_trip() {
        let input = r#"{"b":[1,-0,0.1,1e21,-1.5e-7,null,true,false],"a":{"\u0000\"\\/\n\u001f":"é\u2028"},"":{}}"#;
        let value = crate::json::parse(input.as_bytes(), &Default::default()).unwrap();
        assert_eq!(
            text(&value),
            "{\"b\":[1,-0,0.1,1e+21,-1.5e-7,null,true,false],\"a\":{\"\\u0000\\\"\\\\/\\n\\u001f\":\"é\u{2028}\"},\"\":{}}"
        );
        let again = crate::json::parse(text(&value).as_bytes(), &Default::default()).unwrap();
        assert_eq!(again, value);
        assert_eq!(text(&Value::Number(f64::NAN)), "null");
    }

    #[test]
    fn values_deeper_than_the_cap_are_null() {
        let mut v = Value::Bool(true);
        for _ in 0..MAX_DEPTH_CAP + 3 {
            v = Value::Array(alloc::vec![v]);
        }
        let out = text(&v);
        let inner = "[".repeat(MAX_DEPTH_CAP + 1) + "null" + &"]".repeat(MAX_DEPTH_CAP + 1);
        assert_eq!(out, inner);
        // A scalar just past the cap is `null` too; one at the cap is itself.
        let mut v = Value::Bool(true);
        for _ in 0..MAX_DEPTH_CAP + 1 {
            v = Value::Array(alloc::vec![v]);
        }
        assert_eq!(text(&v), "[".repeat(MAX_DEPTH_CAP + 1) + "null" + &"]".repeat(MAX_DEPTH_CAP + 1));
        let Value::Array(mut items) = v else { unreachable!() };
        let v = items.pop().unwrap();
        assert_eq!(text(&v), "[".repeat(MAX_DEPTH_CAP) + "true" + &"]".repeat(MAX_DEPTH_CAP));
        // Dropping this value recurses; the test thread's stack holds it.
    }
}
