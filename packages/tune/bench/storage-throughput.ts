// Throughput of a study's storage, in the same run: the journal file (one process) against
// PostgreSQL (workers sharing a database). The objective costs nothing and reports 3 epochs,
// so each figure is the storage's own cost per trial: create or claim it, record its
// hyperparameters, its 3 values and its result. Then raw claims per second: 4 workers taking
// 2,000 queued trials with FOR UPDATE SKIP LOCKED (each exactly once).
// Usage: pnpm --filter @deeptune/tune bench   (DEEPTUNE_TEST_POSTGRES=postgres://… names the
// server; default postgres://postgres@127.0.0.1:5432/test). Its schemas are dropped at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createStudy, hp, searchSpace, type Trial } from '../src/index.js';
import { journalStorage } from '../src/node/index.js';
import { PostgresTrialStore, SharedStudy } from '../src/postgres/index.js';

const URL = process.env['DEEPTUNE_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const TRIALS = Number(process.env['BENCH_TRIALS'] ?? 400);
const CLAIMS = 2000;
const PREFIX = `bench${process.pid}_`;
const admin = new pg.Pool({ connectionString: URL, max: 2 });
let schemas = 0;

const space = searchSpace({ learningRate: hp.log(1e-4, 1), beta: hp.oneMinusLog(0.9, 0.999) });

async function objective(trial: Trial): Promise<number> {
  for (let epoch = 1; epoch <= 3; epoch++) trial.report(epoch, 1 / epoch);
  return (trial.params['learningRate'] as number) + (trial.params['beta'] as number);
}

function row(label: string, seconds: number, trials: number): void {
  const perTrial = ((seconds * 1000) / trials).toFixed(2).padStart(8);
  const perSecond = (trials / seconds).toFixed(0).padStart(8);
  console.log(`${label.padEnd(52)} ${perTrial} ms ${perSecond} /s`);
}

async function journal(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'deeptune-bench-'));
  try {
    const study = await createStudy({
      name: 'bench',
      storage: journalStorage(join(dir, 'bench.jsonl')),
      space,
      trials: TRIALS,
    });
    const start = performance.now();
    await study.optimize(objective);
    row(
      'journal file, 1 process (fsync per trial end)',
      (performance.now() - start) / 1000,
      TRIALS,
    );
    await study.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function shared(workers: number, concurrency: number): Promise<void> {
  const schema = `${PREFIX}${schemas++}`;
  const stores = await Promise.all(
    Array.from({ length: workers }, () => PostgresTrialStore.open(URL, { schema })),
  );
  try {
    const studies = await Promise.all(
      stores.map((store) => SharedStudy.open(store, { name: 'bench', space, trials: TRIALS })),
    );
    const start = performance.now();
    await Promise.all(
      studies.map((study, i) =>
        study.work(objective, { workerId: `w${i}`, concurrency, pollSeconds: 0.01 }),
      ),
    );
    const seconds = (performance.now() - start) / 1000;
    const trials = await studies[0]!.storedTrials();
    if (trials.length !== TRIALS || trials.some((trial) => trial.state !== 'complete')) {
      throw new Error('the shared study did not complete every trial once');
    }
    row(
      `PostgreSQL, ${workers} worker${workers === 1 ? '' : 's'} × ${concurrency} at a time`,
      seconds,
      TRIALS,
    );
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

async function rawClaims(workers: number): Promise<void> {
  const schema = `${PREFIX}${schemas++}`;
  const stores = await Promise.all(
    Array.from({ length: workers }, () => PostgresTrialStore.open(URL, { schema })),
  );
  try {
    const study = await SharedStudy.open(stores[0]!, { name: 'claims', space, trials: CLAIMS });
    await admin.query(
      `INSERT INTO "${schema}".trials (study_id, number, state)
       SELECT $1, n, 'queued' FROM generate_series(0, $2 - 1) AS n`,
      [study.id, CLAIMS],
    );
    const claimed: number[] = [];
    const start = performance.now();
    await Promise.all(
      stores.map(async (store, i) => {
        for (;;) {
          const claim = await store.claimQueuedTrial(study.id, `w${i}`);
          if (claim === undefined) return;
          claimed.push(claim.number);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    if (new Set(claimed).size !== CLAIMS || claimed.length !== CLAIMS) {
      throw new Error(`claims: ${claimed.length} claims of ${new Set(claimed).size} trials`);
    }
    row(`PostgreSQL, raw claims, ${workers} workers (SKIP LOCKED)`, seconds, CLAIMS);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

try {
  console.log(`${TRIALS} trials of a free objective (3 reports each); PostgreSQL at ${URL}`);
  console.log(`${'storage'.padEnd(52)} ${'per trial'.padStart(11)} ${'trials'.padStart(10)}`);
  await journal();
  await shared(1, 1);
  await shared(4, 1);
  await shared(4, 2);
  await rawClaims(4);
} finally {
  const result = await admin.query('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [
    `${PREFIX}%`,
  ]);
  for (const { nspname } of result.rows as { nspname: string }[]) {
    await admin.query(`DROP SCHEMA "${nspname}" CASCADE`);
  }
  await admin.end();
}
