// Element-wise kernels over n values at byte offsets `x` and `out` (which may be equal),
// with the exact semantics of @deeptune/core's cpu kernels of the same names:
//
//   relu: x < 0 ? 0 : x   (f32x4.pmax(x, 0) is exactly that: NaN and −0 stay as they are)
//   step: x > 0 ? 1 : 0   (NaN gives 0)
//   reluBackward: dy · (x > 0 ? 1 : 0)
//
// and the epilogue of the `linear` kernel, which adds a bias row to every row of a product.

/** relu over n f32. */
export function relu_f32(x: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const vectorEnd = (<usize>(n & ~3)) << 2;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    v128.store(out + at, f32x4.pmax(v128.load(x + at), zero));
  }
  for (let at = vectorEnd; at < (<usize>n) << 2; at += 4) {
    const value = load<f32>(x + at);
    store<f32>(out + at, value < 0 ? 0 : value);
  }
}

/** relu over n f64. */
export function relu_f64(x: usize, out: usize, n: i32): void {
  const zero = f64x2.splat(0);
  const vectorEnd = (<usize>(n & ~1)) << 3;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    v128.store(out + at, f64x2.pmax(v128.load(x + at), zero));
  }
  for (let at = vectorEnd; at < (<usize>n) << 3; at += 8) {
    const value = load<f64>(x + at);
    store<f64>(out + at, value < 0 ? 0 : value);
  }
}

/** step (the derivative of relu) over n f32. */
export function step_f32(x: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  const vectorEnd = (<usize>(n & ~3)) << 2;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    v128.store(out + at, v128.and(f32x4.gt(v128.load(x + at), zero), one));
  }
  for (let at = vectorEnd; at < (<usize>n) << 2; at += 4) {
    store<f32>(out + at, load<f32>(x + at) > 0 ? 1 : 0);
  }
}

/** step (the derivative of relu) over n f64. */
export function step_f64(x: usize, out: usize, n: i32): void {
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const vectorEnd = (<usize>(n & ~1)) << 3;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    v128.store(out + at, v128.and(f64x2.gt(v128.load(x + at), zero), one));
  }
  for (let at = vectorEnd; at < (<usize>n) << 3; at += 8) {
    store<f64>(out + at, load<f64>(x + at) > 0 ? 1 : 0);
  }
}

/** relu's backward pass over n f32: out = dy · (x > 0 ? 1 : 0) (NaN in dy stays NaN). */
export function relu_backward_f32(x: usize, dy: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  const vectorEnd = (<usize>(n & ~3)) << 2;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    const mask = v128.and(f32x4.gt(v128.load(x + at), zero), one);
    v128.store(out + at, f32x4.mul(v128.load(dy + at), mask));
  }
  for (let at = vectorEnd; at < (<usize>n) << 2; at += 4) {
    store<f32>(out + at, load<f32>(dy + at) * (load<f32>(x + at) > 0 ? <f32>1 : <f32>0));
  }
}

/** relu's backward pass over n f64. */
export function relu_backward_f64(x: usize, dy: usize, out: usize, n: i32): void {
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const vectorEnd = (<usize>(n & ~1)) << 3;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    const mask = v128.and(f64x2.gt(v128.load(x + at), zero), one);
    v128.store(out + at, f64x2.mul(v128.load(dy + at), mask));
  }
  for (let at = vectorEnd; at < (<usize>n) << 3; at += 8) {
    store<f64>(out + at, load<f64>(dy + at) * (load<f64>(x + at) > 0 ? 1.0 : 0.0));
  }
}

/** Adds the n f32 at `bias` to each of the m rows of the m×n f32 matrix at `c`, in place. */
export function add_bias_rows_f32(c: usize, bias: usize, m: i32, n: i32): void {
  const rowBytes = (<usize>n) << 2;
  const vectorEnd = (<usize>(n & ~3)) << 2;
  for (let i = 0; i < m; i++) {
    const row = c + <usize>i * rowBytes;
    for (let at: usize = 0; at < vectorEnd; at += 16) {
      v128.store(row + at, f32x4.add(v128.load(row + at), v128.load(bias + at)));
    }
    for (let at = vectorEnd; at < rowBytes; at += 4) {
      store<f32>(row + at, load<f32>(row + at) + load<f32>(bias + at));
    }
  }
}

/** Adds the n f64 at `bias` to each of the m rows of the m×n f64 matrix at `c`, in place. */
export function add_bias_rows_f64(c: usize, bias: usize, m: i32, n: i32): void {
  const rowBytes = (<usize>n) << 3;
  const vectorEnd = (<usize>(n & ~1)) << 3;
  for (let i = 0; i < m; i++) {
    const row = c + <usize>i * rowBytes;
    for (let at: usize = 0; at < vectorEnd; at += 16) {
      v128.store(row + at, f64x2.add(v128.load(row + at), v128.load(bias + at)));
    }
    for (let at = vectorEnd; at < rowBytes; at += 8) {
      store<f64>(row + at, load<f64>(row + at) + load<f64>(bias + at));
    }
  }
}

// Column sums (the bias gradient of `linearBackward`), exactly as the cpu `sum` kernel
// reduces an [m, n] matrix over axis 0: each column accumulated in double precision from +0,
// rows in ascending order, then rounded once to the element type; a single row is copied
// (the cpu kernel drops an axis of size 1, so a −0 stays −0).

/** out[j] = Σ_i x[i, j] over the m×n f32 matrix at `x`, accumulated in f64. */
export function sum_rows_f32(x: usize, m: i32, n: i32, out: usize): void {
  const rowBytes = (<usize>n) << 2;
  if (m === 1) {
    memory.copy(out, x, rowBytes);
    return;
  }
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let low = f64x2.splat(0);
    let high = f64x2.splat(0);
    let at = x + ((<usize>j) << 2);
    for (let i = 0; i < m; i++) {
      const values = v128.load(at);
      low = f64x2.add(low, f64x2.promote_low_f32x4(values));
      high = f64x2.add(high, f64x2.promote_low_f32x4(i32x4.shuffle(values, values, 2, 3, 0, 1)));
      at += rowBytes;
    }
    v128.store_lane<i64>(out + ((<usize>j) << 2), f32x4.demote_f64x2_zero(low), 0);
    v128.store_lane<i64>(out + ((<usize>j) << 2) + 8, f32x4.demote_f64x2_zero(high), 0);
  }
  for (; j < n; j++) {
    let sum: f64 = 0;
    let at = x + ((<usize>j) << 2);
    for (let i = 0; i < m; i++) {
      sum += <f64>load<f32>(at);
      at += rowBytes;
    }
    store<f32>(out + ((<usize>j) << 2), <f32>sum);
  }
}

/** out[j] = Σ_i x[i, j] over the m×n f64 matrix at `x`. */
export function sum_rows_f64(x: usize, m: i32, n: i32, out: usize): void {
  const rowBytes = (<usize>n) << 3;
  if (m === 1) {
    memory.copy(out, x, rowBytes);
    return;
  }
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let low = f64x2.splat(0);
    let high = f64x2.splat(0);
    let at = x + ((<usize>j) << 3);
    for (let i = 0; i < m; i++) {
      low = f64x2.add(low, v128.load(at));
      high = f64x2.add(high, v128.load(at, 16));
      at += rowBytes;
    }
    v128.store(out + ((<usize>j) << 3), low);
    v128.store(out + ((<usize>j) << 3), high, 16);
  }
  for (; j < n; j++) {
    let sum: f64 = 0;
    let at = x + ((<usize>j) << 3);
    for (let i = 0; i < m; i++) {
      sum += load<f64>(at);
      at += rowBytes;
    }
    store<f64>(out + ((<usize>j) << 3), sum);
  }
}
