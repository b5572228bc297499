/** Byte alignment of every block (a cache line; also a multiple of every element size). */
const BLOCK_ALIGN = 64;

/** One free block of the state region. */
interface FreeBlock {
  offset: number;
  bytes: number;
}

/**
 * The bookkeeping of the long-lived blocks (optimizer state) at the bottom of the wasm
 * backend's memory: first fit from the blocks freed so far (adjacent ones merged), else at
 * the end of the region, which then grows. It never touches the memory itself.
 * @internal
 */
export class WasmStateHeap {
  /** Byte offset just past the region: scratch space starts here (rounded up). */
  end = 0;
  private readonly free: FreeBlock[] = [];

  /** Reserves `bytes` (rounded up to 64) and returns the block's byte offset. */
  allocate(bytes: number): number {
    const size = Math.max(BLOCK_ALIGN, Math.ceil(bytes / BLOCK_ALIGN) * BLOCK_ALIGN);
    for (let i = 0; i < this.free.length; i++) {
      const block = this.free[i]!;
      if (block.bytes < size) continue;
      const offset = block.offset;
      if (block.bytes === size) this.free.splice(i, 1);
      else {
        block.offset += size;
        block.bytes -= size;
      }
      return offset;
    }
    const offset = this.end;
    this.end += size;
    return offset;
  }

  /** Returns a block reserved by {@link allocate} with the same `bytes`. */
  release(offset: number, bytes: number): void {
    const size = Math.max(BLOCK_ALIGN, Math.ceil(bytes / BLOCK_ALIGN) * BLOCK_ALIGN);
    let i = 0;
    while (i < this.free.length && this.free[i]!.offset < offset) i++;
    this.free.splice(i, 0, { offset, bytes: size });
    // Merge with the next block, then with the previous one.
    const next = this.free[i + 1];
    if (next !== undefined && offset + size === next.offset) {
      this.free[i]!.bytes += next.bytes;
      this.free.splice(i + 1, 1);
    }
    const previous = this.free[i - 1];
    if (previous !== undefined && previous.offset + previous.bytes === offset) {
      previous.bytes += this.free[i]!.bytes;
      this.free.splice(i, 1);
    }
    // A free block at the end shrinks the region instead.
    const last = this.free.at(-1);
    if (last !== undefined && last.offset + last.bytes === this.end) {
      this.end = last.offset;
      this.free.pop();
    }
  }

  /** Bytes reserved now (for tests and diagnostics). */
  get reserved(): number {
    return this.end - this.free.reduce((total, block) => total + block.bytes, 0);
  }
}
