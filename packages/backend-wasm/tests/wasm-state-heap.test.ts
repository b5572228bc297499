import { describe, expect, it } from 'vitest';
import { WasmStateHeap } from '../src/wasm-state-heap.js';

describe('WasmStateHeap', () => {
  it('places blocks one after another, 64-byte aligned', () => {
    const heap = new WasmStateHeap();
    expect(heap.allocate(100)).toBe(0);
    expect(heap.allocate(1)).toBe(128);
    expect(heap.allocate(64)).toBe(192);
    expect(heap.end).toBe(256);
    expect(heap.reserved).toBe(256);
  });

  it('reuses the first freed block that fits, splitting it', () => {
    const heap = new WasmStateHeap();
    const a = heap.allocate(256);
    const b = heap.allocate(64);
    heap.allocate(64);
    heap.release(a, 256);
    expect(heap.reserved).toBe(128);
    expect(heap.allocate(64)).toBe(0);
    expect(heap.allocate(128)).toBe(64);
    expect(heap.allocate(128)).toBe(384); // 64 bytes are left at 192: too small
    heap.release(b, 64); // merges with the 64 bytes left before it, at 192
    expect(heap.allocate(128)).toBe(192);
  });

  it('merges neighbouring free blocks and gives the end back', () => {
    const heap = new WasmStateHeap();
    const blocks = [heap.allocate(64), heap.allocate(64), heap.allocate(64), heap.allocate(64)];
    heap.release(blocks[1]!, 64);
    heap.release(blocks[2]!, 64);
    expect(heap.allocate(128)).toBe(64); // the two merged
    heap.release(64, 128);
    heap.release(blocks[3]!, 64); // the last block: the region shrinks past the free ones
    expect(heap.end).toBe(64);
    heap.release(blocks[0]!, 64);
    expect(heap.end).toBe(0);
    expect(heap.reserved).toBe(0);
  });
});
