// One Adam step over n parameters, in the dtype's own precision (f32x4 / f64x2 lanes):
//
//   m ← β₁·m + (1 − β₁)·g
//   v ← β₂·v + (1 − β₂)·g²
//   W ← W − stepSize · m / (√v / √(1 − β₂ᵗ) + ε)
//
// the operation order of @deeptune/core's cpu `adam` kernel (and of torch.optim.Adam's
// single-tensor path). The f64 version is bit-identical to the cpu kernel (which computes in
// f64); the f32 version rounds every operation to f32, as PyTorch does on float32. Every
// pointer is a byte offset; `oneMinusBeta1` and `oneMinusBeta2` come from the caller so that
// both precisions round them once, as the cpu kernel does.

/** The f32 Adam step (see the file comment); arrays of n f32 at the four pointers. */
export function adam_f32(
  param: usize,
  grad: usize,
  m: usize,
  v: usize,
  n: i32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  epsilon: f32,
  stepSize: f32,
  correction2Sqrt: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const c1 = f32x4.splat(oneMinusBeta1);
  const b2 = f32x4.splat(beta2);
  const c2 = f32x4.splat(oneMinusBeta2);
  const eps = f32x4.splat(epsilon);
  const step = f32x4.splat(stepSize);
  const corr = f32x4.splat(correction2Sqrt);
  const vectorEnd = (<usize>(n & ~3)) << 2;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    const g = v128.load(grad + at);
    const mi = f32x4.add(f32x4.mul(v128.load(m + at), b1), f32x4.mul(c1, g));
    const vi = f32x4.add(f32x4.mul(v128.load(v + at), b2), f32x4.mul(c2, f32x4.mul(g, g)));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const denominator = f32x4.add(f32x4.div(f32x4.sqrt(vi), corr), eps);
    const p = v128.load(param + at);
    v128.store(param + at, f32x4.sub(p, f32x4.mul(step, f32x4.div(mi, denominator))));
  }
  for (let at = vectorEnd; at < (<usize>n) << 2; at += 4) {
    const g = load<f32>(grad + at);
    const mi = load<f32>(m + at) * beta1 + oneMinusBeta1 * g;
    const vi = load<f32>(v + at) * beta2 + oneMinusBeta2 * (g * g);
    store<f32>(m + at, mi);
    store<f32>(v + at, vi);
    const p = load<f32>(param + at);
    store<f32>(param + at, p - stepSize * (mi / (sqrt<f32>(vi) / correction2Sqrt + epsilon)));
  }
}

/** The f64 Adam step (see the file comment); arrays of n f64 at the four pointers. */
export function adam_f64(
  param: usize,
  grad: usize,
  m: usize,
  v: usize,
  n: i32,
  beta1: f64,
  oneMinusBeta1: f64,
  beta2: f64,
  oneMinusBeta2: f64,
  epsilon: f64,
  stepSize: f64,
  correction2Sqrt: f64,
): void {
  const b1 = f64x2.splat(beta1);
  const c1 = f64x2.splat(oneMinusBeta1);
  const b2 = f64x2.splat(beta2);
  const c2 = f64x2.splat(oneMinusBeta2);
  const eps = f64x2.splat(epsilon);
  const step = f64x2.splat(stepSize);
  const corr = f64x2.splat(correction2Sqrt);
  const vectorEnd = (<usize>(n & ~1)) << 3;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    const g = v128.load(grad + at);
    const mi = f64x2.add(f64x2.mul(v128.load(m + at), b1), f64x2.mul(c1, g));
    const vi = f64x2.add(f64x2.mul(v128.load(v + at), b2), f64x2.mul(c2, f64x2.mul(g, g)));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const denominator = f64x2.add(f64x2.div(f64x2.sqrt(vi), corr), eps);
    const p = v128.load(param + at);
    v128.store(param + at, f64x2.sub(p, f64x2.mul(step, f64x2.div(mi, denominator))));
  }
  for (let at = vectorEnd; at < (<usize>n) << 3; at += 8) {
    const g = load<f64>(grad + at);
    const mi = load<f64>(m + at) * beta1 + oneMinusBeta1 * g;
    const vi = load<f64>(v + at) * beta2 + oneMinusBeta2 * (g * g);
    store<f64>(m + at, mi);
    store<f64>(v + at, vi);
    const p = load<f64>(param + at);
    store<f64>(param + at, p - stepSize * (mi / (sqrt<f64>(vi) / correction2Sqrt + epsilon)));
  }
}
