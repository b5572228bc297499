import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  Dense,
  InvalidHyperparameterError,
  Rng,
  Sequential,
  cpuBackend,
  getBackend,
  randn,
  setLogger,
  softmaxCrossEntropy,
  useBackend,
  useBackendSync,
  type Backend,
  type UseBackendOptions,
} from '../src/index.js';
import { installDefaultBackend } from '../src/use-backend.js';

const initial: Backend = getBackend();
afterEach(async () => {
  await useBackend(initial.name === 'cpu' ? { backend: 'cpu' } : {});
});

describe('the default backend', () => {
  it('is wasm after importing deeptune (unless DEEPTUNE_BACKEND says cpu)', () => {
    const expected = process.env['DEEPTUNE_BACKEND'] === 'cpu' ? 'cpu' : 'wasm';
    expect(initial.name).toBe(expected);
  });
});

describe('useBackend', () => {
  it('installs wasm with the threads asked for, and cpu by name', async () => {
    const { backend, notice } = await useBackend({ threads: 1 });
    expect(notice).toBeUndefined();
    expect(backend.name).toBe('wasm');
    expect(backend.description).toBe('WebAssembly SIMD128, 1 thread');
    expect(getBackend()).toBe(backend);
    expect(useBackendSync({ backend: 'cpu' }).backend).toBe(cpuBackend);
    expect(getBackend()).toBe(cpuBackend);
  });

  it('rejects an unknown backend name and a thread count outside 1 to 64', async () => {
    await expect(useBackend({ backend: 'gpu' as 'cpu' })).rejects.toThrow(
      new ConfigError(
        "useBackend: option 'backend' must be one of 'wasm', 'cpu', got 'gpu'. Did you mean 'cpu'?",
      ),
    );
    expect(() => useBackendSync({ threads: 0 })).toThrow(
      new InvalidHyperparameterError(
        "useBackendSync: option 'threads' must be an integer in [1, 64], got 0",
      ),
    );
    await expect(useBackend({ threads: 'two' as unknown as number })).rejects.toThrow(
      new ConfigError(
        "useBackend: option 'threads' must be an integer in [1, 64], got 'two' (a string). Hint: option values are never converted; parse command-line and environment strings first.",
      ),
    );
  });

  it('rejects options that are not a plain object, unknown options and unknown features', async () => {
    const active = getBackend();
    await expect(useBackend({ thread: 2 } as UseBackendOptions)).rejects.toThrow(
      new ConfigError(
        "useBackend: unknown option 'thread'. Did you mean 'threads'? Known options: backend, features, threads.",
      ),
    );
    expect(() => useBackendSync({ features: 'avx' as 'auto' })).toThrow(
      new ConfigError(
        "useBackendSync: option 'features' must be one of 'simd128', 'relaxed-simd', 'auto', got 'avx'",
      ),
    );
    for (const options of [null, 'cpu', 7]) {
      await expect(useBackend(options as unknown as UseBackendOptions)).rejects.toThrow(
        new ConfigError(
          `useBackend: options must be a plain object, got ${typeof options === 'string' ? `'${options}'` : String(options)}`,
        ),
      );
    }
    expect(getBackend()).toBe(active); // nothing was installed
  });

  it('falls back to cpu with a one-line notice where WebAssembly is missing, and still trains', async () => {
    const warnings: string[] = [];
    const previousLogger = setLogger({ warn: (message) => warnings.push(message) });
    const webAssembly = globalThis.WebAssembly;
    // An engine without WebAssembly (as `node --jitless`).
    Reflect.deleteProperty(globalThis, 'WebAssembly');
    try {
      const choice = await useBackend();
      expect(choice.backend).toBe(cpuBackend);
      expect(choice.notice).toBe(
        'deeptune: this JavaScript engine does not support WebAssembly, which the WASM GEMM kernel needs. Running on the pure-TypeScript cpu backend instead (several times slower on matrix products).',
      );
      expect(warnings).toEqual([choice.notice]);
      expect(warnings[0]).not.toContain('\n');
      await expect(useBackend({ backend: 'wasm' })).rejects.toThrow(
        /^useBackend: the wasm backend cannot run here: .* Hint: use backend 'cpu'\.$/,
      );
    } finally {
      globalThis.WebAssembly = webAssembly;
      setLogger(previousLogger);
    }
    const rng = new Rng(0);
    const model = new Sequential([new Dense({ inputs: 4, units: 3, rng })]);
    const cost = softmaxCrossEntropy(
      model.forward(randn([8, 4], { rng })),
      randn([8, 3], { rng }).argmax(1),
    );
    cost.backward();
    expect(Number.isFinite(cost.item())).toBe(true);
    expect(getBackend()).toBe(cpuBackend);
  });
});

describe('useBackend where compiling WebAssembly is forbidden', () => {
  it('falls back to cpu with the reason (a Content-Security-Policy without wasm-unsafe-eval)', async () => {
    const warnings: string[] = [];
    const previousLogger = setLogger({ warn: (message) => warnings.push(message) });
    const compile = WebAssembly.compile;
    WebAssembly.compile = () =>
      Promise.reject(
        new EvalError(
          "WebAssembly.compile(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script",
        ),
      );
    try {
      const choice = await useBackend();
      expect(choice.backend).toBe(cpuBackend);
      expect(choice.notice).toBe(
        "deeptune: the WebAssembly backend could not start (WebAssembly.compile(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script). Running on the pure-TypeScript cpu backend instead (several times slower on matrix products).",
      );
      expect(warnings).toEqual([choice.notice]);
    } finally {
      WebAssembly.compile = compile;
      setLogger(previousLogger);
    }
  });
});

describe('DEEPTUNE_BACKEND', () => {
  const saved = process.env['DEEPTUNE_BACKEND'];
  afterEach(() => {
    if (saved === undefined) delete process.env['DEEPTUNE_BACKEND'];
    else process.env['DEEPTUNE_BACKEND'] = saved;
  });

  it('chooses cpu or wasm when deeptune is imported', async () => {
    process.env['DEEPTUNE_BACKEND'] = 'cpu';
    expect(installDefaultBackend().backend).toBe(cpuBackend);
    process.env['DEEPTUNE_BACKEND'] = 'wasm';
    expect(installDefaultBackend().backend.name).toBe('wasm');
  });

  it('warns about a value that names no backend, and keeps the default', async () => {
    await useBackend({ backend: 'cpu' });
    const warnings: string[] = [];
    const previousLogger = setLogger({ warn: (message) => warnings.push(message) });
    process.env['DEEPTUNE_BACKEND'] = 'gpu';
    try {
      expect(installDefaultBackend().backend.name).toBe('wasm');
    } finally {
      setLogger(previousLogger);
    }
    expect(warnings).toEqual([
      'deeptune: DEEPTUNE_BACKEND=gpu names no backend; expected wasm or cpu. Using the default (wasm where it runs, else cpu).',
    ]);
  });
});
