//! [`Map`]: the members of a JSON object, with an index for lookups when it is not small.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::Value;

/// Objects of at most this many members keep no index and are scanned: a scan of a few names is
/// as quick as a binary search, and most objects in webhook payloads and configs are this small,
/// so each of them saves building, storing and freeing an index.
pub(crate) const SCAN_MAX: usize = 8;

/// The members of a JSON object, in insertion order, names unique.
///
/// An object of more than a few members has a sorted index beside them, so that neither finding
/// a member nor building an object member by member costs time proportional to the object's size:
/// a hostile 200,000-member object must not turn every lookup, or every insertion, into a scan.
/// The index holds positions into `members` as consecutive runs, each sorted by name: an object
/// built at once (by the parser or [`FromIterator`]) is one run; [`Map::insert`] appends a run of
/// one and merges the last runs while the last is at least half the size of the one before, as a
/// binary counter carries, so there are at most about log2(n) runs, a lookup binary-searches each,
/// and each member is merged O(log n) times over the life of the map.
#[derive(Clone, Default)]
pub struct Map {
    members: Vec<(String, Value)>,
    /// `None` only while there are at most [`SCAN_MAX`] members. Boxed, so that a map (and so
    /// every [`Value`]) stays small.
    index: Option<Box<Index>>,
}

#[derive(Clone, Default)]
struct Index {
    /// Positions into `members`, as sorted runs.
    sorted: Vec<usize>,
    /// The length of each run of `sorted`, in order; empty when `sorted` is a single run.
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

/// The first position (in input order) whose name an earlier member already has, comparing
/// every pair: for at most [`SCAN_MAX`] members.
fn first_repeat_by_scan(members: &[(String, Value)]) -> Option<usize> {
    (1..members.len()).find(|&j| {
        let name = name_at(members, j);
        members.get(..j).unwrap_or_default().iter().any(|(k, _)| k == name)
    })
}

impl Index {
    /// The lengths of the sorted runs.
    fn run_lengths(&self) -> impl Iterator<Item = usize> + '_ {
        let whole = if self.runs.is_empty() { Some(self.sorted.len()) } else { None };
        whole.into_iter().chain(self.runs.iter().copied())
    }

    fn position(&self, members: &[(String, Value)], name: &str) -> Option<usize> {
        let mut start = 0;
        for len in self.run_lengths() {
            let run = self.sorted.get(start..start + len).unwrap_or_default();
            if let Ok(i) = run.binary_search_by(|&m| name_at(members, m).cmp(name)) {
                return run.get(i).copied();
            }
            start += len;
        }
        None
    }

    /// Adds the member at `position`, the last one, as a run of one.
    fn push(&mut self, members: &[(String, Value)], position: usize) {
        self.sorted.push(position);
        if self.runs.is_empty() {
            if position == 0 {
                return;
            }
            self.runs.push(position);
        }
        self.runs.push(1);
        self.merge_runs(members);
    }

    /// Merges the last two runs while the last is at least half as long as the one before.
    fn merge_runs(&mut self, members: &[(String, Value)]) {
        while let [.., before, last] = self.runs[..] {
            if before > 2 * last {
                break;
            }
            let end = self.sorted.len();
            let start = end - before - last;
            let middle = start + before;
            let merged = {
                let (a, b) = (
                    self.sorted.get(start..middle).unwrap_or_default(),
                    self.sorted.get(middle..end).unwrap_or_default(),
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
            self.sorted.truncate(start);
            self.sorted.extend(merged);
            self.runs.pop();
            if let Some(run) = self.runs.last_mut() {
                *run = before + last;
            }
        }
        if self.runs.len() == 1 {
            self.runs.clear();
        }
    }
}

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map::default()
    }

    /// The position in `members` of member `name`.
    fn position(&self, name: &str) -> Option<usize> {
        match &self.index {
            None => self.members.iter().position(|(k, _)| k == name),
            Some(index) => index.position(&self.members, name),
        }
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
        match &mut self.index {
            None if self.members.len() <= SCAN_MAX => {}
            None => self.index = Some(Box::new(Index { sorted: sorted_positions(&self.members), runs: Vec::new() })),
            Some(index) => index.push(&self.members, position),
        }
        None
    }

    /// An object of `members`, or, if a name repeats, the members back with the position of the
    /// first member (in input order) whose name an earlier member already has. O(n log n).
    pub(crate) fn from_members(
        members: Vec<(String, Value)>,
    ) -> core::result::Result<Map, (Vec<(String, Value)>, usize)> {
        if members.len() <= SCAN_MAX {
            return match first_repeat_by_scan(&members) {
                Some(at) => Err((members, at)),
                None => Ok(Map { members, index: None }),
            };
        }
        let sorted = sorted_positions(&members);
        // Within a run of equal names the positions ascend, so each pair's second repeats a name.
        let duplicate = sorted
            .windows(2)
            .filter_map(|pair| match pair {
                [a, b] if name_at(&members, *a) == name_at(&members, *b) => Some(*b),
                _ => None,
            })
            .min();
        match duplicate {
            Some(at) => Err((members, at)),
            None => Ok(Map { members, index: Some(Box::new(Index { sorted, runs: Vec::new() })) }),
        }
    }

    /// The members in insertion order.
    pub(crate) fn members(&self) -> &[(String, Value)] {
        &self.members
    }

    /// Positions into [`Map::members`] in byte order of the names, if the map has them at hand
    /// (an index of one run); small maps and maps built member by member have not.
    pub(crate) fn sorted_positions(&self) -> Option<&[usize]> {
        self.index.as_deref().filter(|index| index.runs.is_empty()).map(|index| index.sorted.as_slice())
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
        if members.len() <= SCAN_MAX {
            let mut map = Map { members: Vec::with_capacity(members.len()), index: None };
            for (k, v) in members {
                map.insert(k, v);
            }
            return map;
        }
        let index = sorted_positions(&members);
        let repeats =
            index.windows(2).any(|pair| matches!(pair, [a, b] if name_at(&members, *a) == name_at(&members, *b)));
        if !repeats {
            return Map { members, index: Some(Box::new(Index { sorted: index, runs: Vec::new() })) };
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
        let sorted = sorted_positions(&members);
        Map { members, index: Some(Box::new(Index { sorted, runs: Vec::new() })) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let runs = m.index.as_ref().map_or(0, |index| index.runs.len());
            assert!(runs <= 12, "{} runs for {} members", runs, m.len());
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
        // Past `SCAN_MAX` members the repeat is found by sorting.
        let mut many: Vec<String> = (0..3 * SCAN_MAX).map(|i| alloc::format!("n{i}")).collect();
        let all: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(Map::from_members(members(&all)).is_ok());
        many.insert(5, "n17".into());
        many.insert(2, "n9".into());
        let all: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(Map::from_members(members(&all)).err().map(|(_, at)| at), Some(11));
    }
}
