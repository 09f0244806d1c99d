// Function sizes by name in a wasm that keeps its name section, biggest first, and the section
// sizes: `node tools/wasm-sizes.mjs FILE.wasm [COUNT]`. Build one with names for it with
// `wasm-bindgen --keep-debug` and `wasm-opt -g` (make pkg strips them).
import fs from 'node:fs';
const buf = fs.readFileSync(process.argv[2]);
let p = 8; const u8 = buf;
function leb() { let r = 0, s = 0, b; do { b = u8[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; }
let imports = 0, bodies = [], names = new Map(), dataSize = 0, sections = {};
while (p < u8.length) {
  const id = u8[p++]; const size = leb(); const end = p + size;
  sections[id] = (sections[id] || 0) + size;
  if (id === 2) { const n = leb(); for (let i = 0; i < n; i++) { let l = leb(); p += l; l = leb(); p += l; const kind = u8[p++]; if (kind === 0) { leb(); imports++; } else if (kind === 1) { p++; const f = leb(); leb(); if (f & 1) leb(); } else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); } else if (kind === 3) { p += 2; } } }
  if (id === 10) { const n = leb(); for (let i = 0; i < n; i++) { const s = leb(); bodies.push(s); p += s; } }
  if (id === 11) dataSize += size;
  if (id === 0) { const nl = leb(); const nm = buf.slice(p, p + nl).toString(); p += nl; if (nm === 'name') { while (p < end) { const sid = u8[p++]; const ss = leb(); const se = p + ss; if (sid === 1) { const n = leb(); for (let i = 0; i < n; i++) { const idx = leb(); const l = leb(); names.set(idx, buf.slice(p, p + l).toString()); p += l; } } p = se; } } }
  p = end;
}
const rows = bodies.map((s, i) => [s, names.get(i + imports) || `f${i + imports}`]);
rows.sort((a, b) => b[0] - a[0]);
console.log('sections', sections, 'code total', bodies.reduce((a, b) => a + b, 0), 'data', dataSize);
for (const [s, n] of rows.slice(0, +process.argv[3] || 40)) console.log(s, n.slice(0, 140));
