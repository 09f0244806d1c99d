//! An in-memory JSON value.
//!
//! Numbers are IEEE-754 doubles, as in JavaScript and as RFC 8785 requires. Objects keep their
//! members in input order (canonical output sorts them when written) and never hold a name twice:
//! the parser refuses duplicates, and [`Map::insert`] replaces.

use alloc::string::String;
use alloc::vec::Vec;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A finite double.
    Number(f64),
    /// A string (always valid Unicode: lone surrogates are refused).
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

impl Value {
    /// The JSON Schema type name: `null`, `boolean`, `number`, `string`, `array` or `object`
    /// (`integer` is a kind of `number`, see [`Value::is_integer`]).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// True for a number with no fractional part.
    pub fn is_integer(&self) -> bool {
        matches!(self, Value::Number(n) if n.is_finite() && *n == libm_trunc(*n))
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// A member of an object by name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.get(name))
    }
}

/// `f64::trunc` without `std`: exact for every double.
fn libm_trunc(x: f64) -> f64 {
    // Doubles at or beyond 2^52 in magnitude have no fractional bits.
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        return x;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let t = (x as i64) as f64;
    t
}

/// The members of a JSON object, in insertion order, names unique.
///
/// Lookups use a sorted index beside the members, so that neither finding a member nor building
/// an object member by member costs time proportional to the object's size: a hostile
/// 200,000-member object must not turn every lookup, or every insertion, into a scan. The index
/// holds positions into `members` as consecutive runs, each sorted by name: an object built at
/// once (by the parser or [`FromIterator`]) is one run; [`Map::insert`] appends a run of one and
/// merges the last runs while the last is at least half the size of the one before, as a binary
/// counter carries, so there are at most about log2(n) runs, a lookup binary-searches each, and
/// each member is merged O(log n) times over the life of the map.
#[derive(Clone, Default)]
pub struct Map {
    members: Vec<(String, Value)>,
    /// Positions into `members`, as sorted runs.
    index: Vec<usize>,
    /// The length of each run of `index`, in order; empty when `index` is a single run.
    runs: Vec<usize>,
}

impl PartialEq for Map {
    /// Members and their order; how the index happens to be laid out does not matter.
    fn eq(&self, other: &Map) -> bool {
        self.members == other.members
    }
}

impl core::fmt::Debug for Map {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Map").field("members", &self.members).finish()
    }
}

/// The name of member `i` (`""` for a position that does not exist, which the index never holds).
fn name_at(members: &[(String, Value)], i: usize) -> &str {
    members.get(i).map_or("", |(k, _)| k.as_str())
}

/// Positions `0..members.len()` sorted by name, ties (duplicates) in input order.
fn sorted_positions(members: &[(String, Value)]) -> Vec<usize> {
    let mut index: Vec<usize> = (0..members.len()).collect();
    crate::sort::heapsort(&mut index, |&a, &b| (name_at(members, a), a) < (name_at(members, b), b));
    index
}

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map::default()
    }

    /// The lengths of the sorted runs of the index.
    fn run_lengths(&self) -> impl Iterator<Item = usize> + '_ {
        let whole = if self.runs.is_empty() { Some(self.index.len()) } else { None };
        whole.into_iter().chain(self.runs.iter().copied())
    }

    /// The position in `members` of member `name`.
    fn position(&self, name: &str) -> Option<usize> {
        let mut start = 0;
        for len in self.run_lengths() {
            let run = self.index.get(start..start + len).unwrap_or_default();
            if let Ok(i) = run.binary_search_by(|&m| name_at(&self.members, m).cmp(name)) {
                return run.get(i).copied();
            }
            start += len;
        }
        None
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.position(name).and_then(|i| self.members.get(i)).map(|(_, v)| v)
    }

    /// A mutable reference to the value of member `name`.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.position(name).and_then(|i| self.members.get_mut(i)).map(|(_, v)| v)
    }

    /// True if the object has member `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// Sets member `name`, replacing its value if present; returns the old value. A new member
    /// goes last. Amortized O(log² n) (a lookup in each run, and merging).
    pub fn insert(&mut self, name: String, value: Value) -> Option<Value> {
        if let Some(slot) = self.get_mut(&name) {
            return Some(core::mem::replace(slot, value));
        }
        let position = self.members.len();
        self.members.push((name, value));
        self.index.push(position);
        if self.runs.is_empty() {
            if position == 0 {
                return None;
            }
            self.runs.push(position);
        }
        self.runs.push(1);
        self.merge_runs();
        None
    }

    /// Merges the last two runs while the last is at least half as long as the one before.
    fn merge_runs(&mut self) {
        while let [.., before, last] = self.runs[..] {
            if before > 2 * last {
                break;
            }
            let end = self.index.len();
            let start = end - before - last;
            let middle = start + before;
            let merged = {
                let members = &self.members;
                let (a, b) = (
                    self.index.get(start..middle).unwrap_or_default(),
                    self.index.get(middle..end).unwrap_or_default(),
                );
                let mut merged = Vec::with_capacity(before + last);
                let (mut i, mut j) = (0, 0);
                while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
                    if name_at(members, x) < name_at(members, y) {
                        merged.push(x);
                        i += 1;
                    } else {
                        merged.push(y);
                        j += 1;
                    }
                }
                merged.extend_from_slice(a.get(i..).unwrap_or_default());
                merged.extend_from_slice(b.get(j..).unwrap_or_default());
                merged
            };
            self.index.truncate(start);
            self.index.extend(merged);
            self.runs.pop();
            if let Some(run) = self.runs.last_mut() {
                *run = before + last;
            }
        }
        if self.runs.len() == 1 {
            self.runs.clear();
        }
    }

    /// An object of `members`, or, if a name repeats, the members back with the position of the
    /// first member (in input order) whose name an earlier member already has. O(n log n).
    pub(crate) fn from_members(
        members: Vec<(String, Value)>,
    ) -> core::result::Result<Map, (Vec<(String, Value)>, usize)> {
        let index = sorted_positions(&members);
        // Within a run of equal names the positions ascend, so each pair's second repeats a name.
        let duplicate = index
            .windows(2)
            .filter_map(|pair| match pair {
                [a, b] if name_at(&members, *a) == name_at(&members, *b) => Some(*b),
                _ => None,
            })
            .min();
        match duplicate {
            Some(at) => Err((members, at)),
            None => Ok(Map { members, index, runs: Vec::new() }),
        }
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True if the object has no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Members in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.members.iter().map(|(k, v)| (k, v))
    }

    /// Members in insertion order, values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut Value)> {
        self.members.iter_mut().map(|(k, v)| (&*k, v))
    }
}

impl FromIterator<(String, Value)> for Map {
    /// As [`Map::insert`] of each member in turn (a repeated name keeps its first place and takes
    /// its last value), but sorted once: O(n log n).
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Map {
        let mut members: Vec<(String, Value)> = iter.into_iter().collect();
        let index = sorted_positions(&members);
        let repeats =
            index.windows(2).any(|pair| matches!(pair, [a, b] if name_at(&members, *a) == name_at(&members, *b)));
        if !repeats {
            return Map { members, index, runs: Vec::new() };
        }
        // Each run of equal names: the first position keeps its place and takes the last value.
        let mut keep = alloc::vec![true; members.len()];
        let mut run_start = 0;
        while let Some(&first) = index.get(run_start) {
            let name = name_at(&members, first);
            let run_len = index
                .get(run_start..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&i| name_at(&members, i) == name)
                .count();
            if let Some(&last) = index.get(run_start + run_len - 1).filter(|_| run_len > 1) {
                let value = members.get_mut(last).map(|(_, v)| core::mem::replace(v, Value::Null));
                if let (Some(value), Some((_, slot))) = (value, members.get_mut(first)) {
                    *slot = value;
                }
                for &i in index.get(run_start + 1..run_start + run_len).unwrap_or_default() {
                    if let Some(k) = keep.get_mut(i) {
                        *k = false;
                    }
                }
            }
            run_start += run_len;
        }
        let mut flags = keep.into_iter();
        members.retain(|_| flags.next().unwrap_or(true));
        let index = sorted_positions(&members);
        Map { members, index, runs: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_numbers_without_fraction() {
        assert!(Value::Number(1.0).is_integer());
        assert!(Value::Number(-0.0).is_integer());
        assert!(Value::Number(1e300).is_integer());
        assert!(!Value::Number(1.5).is_integer());
        assert!(!Value::Number(-2.5e-300).is_integer());
        assert!(!Value::String("1".into()).is_integer());
    }

    #[test]
    fn map_insert_replaces() {
        let mut m = Map::new();
        assert_eq!(m.insert("a".into(), Value::Null), None);
        assert_eq!(m.insert("a".into(), Value::Bool(true)), Some(Value::Null));
        assert_eq!(m.len(), 1);
        assert_eq!(m.get("a"), Some(&Value::Bool(true)));
    }

    /// Insertion through every run layout agrees with a linear scan, and keeps insertion order.
    #[test]
    fn map_index_agrees_with_a_scan() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut m = Map::new();
        let mut order: Vec<String> = Vec::new();
        for n in 0..600u32 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let name = alloc::format!("k{}", seed % 400);
            let fresh = !order.contains(&name);
            let old = m.insert(name.clone(), Value::Number(f64::from(n)));
            assert_eq!(old.is_none(), fresh, "{name}");
            if fresh {
                order.push(name);
            }
            assert!(m.runs.len() <= 12, "{} runs for {} members", m.runs.len(), m.len());
        }
        assert_eq!(m.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(), order);
        for name in &order {
            assert!(m.contains_key(name), "{name}");
        }
        assert!(!m.contains_key("absent") && m.get("k").is_none());
    }

    #[test]
    fn collected_maps_keep_first_place_and_last_value() {
        let m: Map = [("b", 1.0), ("a", 2.0), ("b", 3.0), ("c", 4.0), ("b", 5.0), ("a", 6.0)]
            .into_iter()
            .map(|(k, v)| (String::from(k), Value::Number(v)))
            .collect();
        let got: Vec<(&str, f64)> = m.iter().map(|(k, v)| (k.as_str(), v.as_f64().unwrap_or(0.0))).collect();
        assert_eq!(got, [("b", 5.0), ("a", 6.0), ("c", 4.0)]);
        assert_eq!(m.get("a"), Some(&Value::Number(6.0)));
        let mut sequential = Map::new();
        for (k, v) in [("b", 1.0), ("a", 2.0), ("b", 3.0), ("c", 4.0), ("b", 5.0), ("a", 6.0)] {
            sequential.insert(k.into(), Value::Number(v));
        }
        assert_eq!(m, sequential);
    }

    #[test]
    fn from_members_finds_the_first_repeat() {
        let members = |names: &[&str]| names.iter().map(|k| (String::from(*k), Value::Null)).collect::<Vec<_>>();
        assert!(Map::from_members(members(&["a", "b", "c"])).is_ok());
        let names = ["x", "a", "b", "a", "x", "b"];
        assert_eq!(Map::from_members(members(&names)).err().map(|(_, at)| at), Some(3));
    }
}
