// The JavaScript side of `src/wasm/region.rs`: the input region a crossing writes into, its
// output read in place, and the numeric slots, over views of wasm memory that are renewed when
// the memory grows (growing detaches the old buffer).

// Slot numbers of `src/wasm/region.rs`.
export const OUTPUT_PTR = 2;
export const OUTPUT_LEN = 3;

const decoder = new TextDecoder();

export class Region {
  /** `owner` is the wasm object (`Engine`, `Texts`) whose region this is. */
  constructor(owner, memory) {
    this.owner = owner;
    this.memory = memory;
    this.slots = owner.slots() / 8;
    this.capacity = 0;
    this.input = 0;
    this.u8 = new Uint8Array(0);
    this.f64 = new Float64Array(0);
  }

  /** Fresh views after the memory grew. */
  views() {
    if (this.u8.byteLength === 0) {
      this.u8 = new Uint8Array(this.memory.buffer);
      this.f64 = new Float64Array(this.memory.buffer);
    }
  }

  /** Makes the input region at least `size` bytes; what was written before may have moved. */
  reserve(size) {
    if (size > this.capacity) {
      this.capacity = Math.max(size, this.capacity * 2, 4096);
      this.input = this.owner.reserve(this.capacity);
    }
    this.views();
  }

  /** The slot numbered `index`. */
  slot(index) {
    return this.f64[this.slots + index];
  }

  /** The output of the last call, in place. */
  output() {
    this.views();
    const at = this.f64[this.slots + OUTPUT_PTR];
    return this.u8.subarray(at, at + this.f64[this.slots + OUTPUT_LEN]);
  }

  /** The last call's error (its output is the code, a line feed and the message) as `Class`. */
  failure(Class) {
    const text = decoder.decode(this.output());
    const newline = text.indexOf('\n');
    return new Class(text.slice(0, newline), text.slice(newline + 1));
  }
}
