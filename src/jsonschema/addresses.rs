//! The compiler's map from the address of a schema value to its node: a small open-addressing hash
//! table, where a `BTreeMap` would bring its node code (insertion, search, splitting, dropping)
//! into the wasm for this one use. Lookups and insertions take constant time on average whatever
//! the document, since the keys are addresses the document cannot choose.

use alloc::vec::Vec;

use super::node::NodeId;

/// Node indices keyed by address; address 0, which no value has, marks a free slot.
#[derive(Default)]
pub(crate) struct AddressMap {
    slots: Vec<(usize, NodeId)>,
    len: usize,
}

impl AddressMap {
    /// The slot where `addr` is, or the free slot where it would go (`None` while empty).
    fn find(&self, addr: usize) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        // Fibonacci hashing: the multiplication spreads the address's low bits, which alignment
        // makes alike, over the high ones, which are kept.
        #[allow(clippy::cast_possible_truncation)]
        let mut i = ((addr as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        loop {
            match self.slots.get(i) {
                Some(&(a, _)) if a != addr && a != 0 => i = (i + 1) & mask,
                _ => return Some(i),
            }
        }
    }

    pub(crate) fn get(&self, addr: usize) -> Option<NodeId> {
        let (a, id) = *self.slots.get(self.find(addr)?)?;
        (a == addr && a != 0).then_some(id)
    }

    /// Inserts `addr` (not yet in the map, never 0).
    pub(crate) fn insert(&mut self, addr: usize, id: NodeId) {
        // At most half full, so that probes stay short and a free slot always exists.
        if (self.len + 1) * 2 > self.slots.len() {
            let grown = alloc::vec![(0, 0); (self.slots.len() * 2).max(16)];
            let old = core::mem::replace(&mut self.slots, grown);
            for (a, i) in old.into_iter().filter(|&(a, _)| a != 0) {
                self.put(a, i);
            }
        }
        self.put(addr, id);
        self.len += 1;
    }

    fn put(&mut self, addr: usize, id: NodeId) {
        let at = self.find(addr);
        if let Some(slot) = at.and_then(|i| self.slots.get_mut(i)) {
            *slot = (addr, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AddressMap;

    #[test]
    fn finds_what_was_inserted() {
        let mut map = AddressMap::default();
        assert_eq!(map.get(8), None);
        // Aligned addresses, as values have, through several growths.
        for i in 1..5000 {
            map.insert(i * 24, i);
            assert_eq!(map.get(i * 24), Some(i));
        }
        for i in 1..5000 {
            assert_eq!(map.get(i * 24), Some(i));
            assert_eq!(map.get(i * 24 + 8), None);
        }
        assert_eq!(map.get(0), None);
    }
}
