import type { StoredTrial } from 'deeptune/postgres';
import { describe, expect, it } from 'vitest';
import { workersSection } from '../src/dashboard/workers-section.js';

const now = new Date('2026-12-07T12:00:10Z');

function trial(changes: Partial<StoredTrial>): StoredTrial {
  return {
    number: 0,
    state: 'complete',
    attempt: 1,
    workerId: 'host-a/1',
    retries: 0,
    params: {},
    distributions: {},
    intermediate: [],
    value: 0.1,
    reason: null,
    heartbeatAt: new Date('2026-12-07T12:00:00Z'),
    startedAt: null,
    finishedAt: null,
    seconds: null,
    attributes: {},
    lostAttempts: [],
    ...changes,
  };
}

describe('the dashboard workers section', () => {
  it('lists running, queued and failed trials with their workers, and lost attempts, escaped', () => {
    const html = workersSection(
      [
        trial({ number: 0 }),
        trial({
          number: 1,
          state: 'running',
          workerId: '<script>alert(1)</script>',
          attempt: 2,
          intermediate: [
            { epoch: 1, value: 0.5 },
            { epoch: 2, value: 0.4 },
          ],
          lostAttempts: [
            { attempt: 1, workerId: 'host-b/7', reason: 'no heartbeat for 61.2 s (grace 60 s)' },
          ],
        }),
        trial({ number: 2, state: 'running', workerId: 'host-a/1' }),
        trial({ number: 3, state: 'queued', attempt: 1, workerId: 'host-c/9' }),
        trial({ number: 4, state: 'failed', reason: 'lr: "x" & <y>', workerId: 'host-a/1' }),
      ],
      now,
    );
    expect(html).toContain(
      '<p class="note">2 trials running on 2 workers, 1 queued, 1 failed, 1 attempt lost.</p>',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(
      '<tr class="state-running"><td class="num">1</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td class="num">2</td><td class="num">2</td><td class="num">10 s ago</td></tr>',
    );
    expect(html).toContain('<h3>Queued again</h3>');
    expect(html).toContain('<td>host-c/9</td>');
    expect(html).toContain('<td class="reason">lr: &quot;x&quot; &amp; &lt;y&gt;</td>');
    expect(html).toContain(
      '<td class="num">1</td><td class="num">1</td><td>host-b/7</td><td class="reason">no heartbeat for 61.2 s (grace 60 s)</td>',
    );
  });

  it('says so when nothing runs, and shows no empty table', () => {
    const html = workersSection([trial({})], now);
    expect(html).toBe(
      '<section id="workers"><h2>Workers</h2><p class="note">0 trials running on 0 workers, 0 queued, 0 failed, 0 attempts lost.</p></section>',
    );
  });
});
