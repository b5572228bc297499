import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

const SMALL = ['train', '--dataset', 'moons', '--layers', '16', '--epochs', '2'];
/** The CLI's default backend is wasm unless this test run chose otherwise. */
const DEFAULT_ENV = { DEEPTUNE_BACKEND: undefined };

describe('deeptune --backend and --threads', () => {
  it('trains on wasm over every core by default and says so', async () => {
    const run = await runCli(SMALL, { env: DEFAULT_ENV });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^backend wasm \(WebAssembly SIMD128, \d+ threads?\)$/m);
  });

  it('takes --threads and --backend cpu, and reports the same results within float32 rounding', async () => {
    const oneThread = await runCli([...SMALL, '--threads', '1', '--json'], { env: DEFAULT_ENV });
    const reference = await runCli([...SMALL, '--backend', 'cpu', '--json'], { env: DEFAULT_ENV });
    expect(oneThread.code).toBe(0);
    expect(reference.code).toBe(0);
    const wasm = JSON.parse(oneThread.stdout) as {
      backend: unknown;
      results: { test: { cost: number } };
    };
    const cpu = JSON.parse(reference.stdout) as {
      backend: unknown;
      results: { test: { cost: number } };
    };
    expect(wasm.backend).toEqual({ name: 'wasm', description: 'WebAssembly SIMD128, 1 thread' });
    expect(cpu.backend).toEqual({ name: 'cpu', description: 'pure TypeScript' });
    expect(Math.abs(wasm.results.test.cost - cpu.results.test.cost)).toBeLessThan(1e-4);
  });

  it('gives bit-identical results on 1 and 2 threads', async () => {
    // 256-128 hidden units: 128×256×128 products, large enough to be split over threads.
    const wide = ['train', '--dataset', 'moons', '--layers', '256,128', '--epochs', '2', '--json'];
    const one = await runCli([...wide, '--threads', '1'], { env: DEFAULT_ENV });
    const two = await runCli([...wide, '--threads', '2'], { env: DEFAULT_ENV });
    expect(two.code).toBe(0);
    const results = (run: { stdout: string }): unknown =>
      (JSON.parse(run.stdout) as { results: unknown }).results;
    expect(results(two)).toEqual(results(one));
  });

  it('falls back to cpu with a one-line notice where WebAssembly is missing (node --jitless)', async () => {
    const run = await runCli(SMALL, { nodeOptions: ['--jitless'], env: DEFAULT_ENV });
    expect(run.code).toBe(0);
    const ours = run.stderr.split('\n').filter((line) => line.startsWith('deeptune'));
    expect(ours).toEqual([
      'deeptune: this JavaScript engine does not support WebAssembly, which the WASM GEMM kernel needs. Running on the pure-TypeScript cpu backend instead (several times slower on matrix products).',
    ]);
    expect(run.stdout).toContain('backend cpu (pure TypeScript)');
    expect(run.stdout).toMatch(/^test +[\d.]+ +\d+\.\d\d % /m);
  });

  it('refuses --backend wasm where it cannot run, and bad values, in one line each', async () => {
    const jitless = await runCli([...SMALL, '--backend', 'wasm'], {
      nodeOptions: ['--jitless'],
      env: DEFAULT_ENV,
    });
    expect(jitless.code).toBe(2);
    expect(jitless.stderr).toContain(
      "deeptune: error: useBackend: the wasm backend cannot run here: @deeptune/backend-wasm: this JavaScript engine does not support WebAssembly, which the WASM GEMM kernel needs. Hint: use backend 'cpu'.\n",
    );
    const gpu = await runCli([...SMALL, '--backend', 'gpu']);
    expect(gpu.code).toBe(2);
    expect(gpu.stderr).toBe(
      "deeptune: error: --backend: unknown value 'gpu'. Did you mean 'cpu'? Expected one of: wasm, cpu\n",
    );
    const zero = await runCli([...SMALL, '--threads', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe("deeptune: error: --threads must be an integer in [1, 64], got '0'\n");
  });
});
