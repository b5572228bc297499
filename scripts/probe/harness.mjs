/**
 * Running one CLI process under watch: exit status, captured output, peak RSS, a time limit
 * and a memory cap, optionally with stdout closed by the reader.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';

/** GNU time gives the exact peak RSS of the child (ru_maxrss); else /proc is polled. */
const GNU_TIME = '/usr/bin/time';
/** Output kept per stream; the rest is dropped (a hostile case may print without end). */
const MAX_OUTPUT = 4 * 1024 * 1024;
/** How often the watchdog reads /proc. */
const POLL_MS = 25;

/** Process groups of the CLI runs in progress. */
const running = new Set();

/** Kills every CLI run in progress (when the probe itself is interrupted). */
export function killRunning() {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Whether `/usr/bin/time -f %M -o <file>` works here. */
export function hasGnuTime() {
  return existsSync(GNU_TIME);
}

/** `VmHWM` and `VmRSS` of a process in kB, or `undefined` when it is gone. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return undefined;
  }
}

/** The first child of a process (the CLI under /usr/bin/time), or `undefined`. */
function firstChildOf(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return children === '' ? undefined : Number(children.split(/\s+/)[0]);
  } catch {
    return undefined;
  }
}

/** Reads what `/usr/bin/time -f %M -o file` wrote: the peak RSS and how the child ended. */
function readTimeFile(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const lines = text.trim().split('\n');
  const peakKb = Number(lines.at(-1));
  const signal = /Command terminated by signal (\d+)/.exec(text)?.[1];
  return {
    peakKb: Number.isFinite(peakKb) && lines.at(-1) !== '' ? peakKb : undefined,
    signal: signal === undefined ? undefined : Number(signal),
  };
}

/** Collects a stream into a string, keeping the first `MAX_OUTPUT` bytes. */
function collect(stream) {
  const chunks = [];
  let size = 0;
  stream?.on('data', (chunk) => {
    if (size >= MAX_OUTPUT) return;
    chunks.push(chunk.subarray(0, MAX_OUTPUT - size));
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs `node <cli> ...args` and waits for it.
 *
 * @param {object} options
 * @param {string} options.cli - the CLI script.
 * @param {readonly string[]} options.args - its arguments.
 * @param {string} options.cwd - the working directory.
 * @param {NodeJS.ProcessEnv} options.env - the environment.
 * @param {number | undefined} options.uid - run as this user (when the probe runs as root).
 * @param {number | undefined} options.gid - and this group.
 * @param {number} options.timeoutMs - kill the process group after this long.
 * @param {number} options.memoryCapMb - kill it when its RSS grows beyond this.
 * @param {string | undefined} options.timeFile - where GNU time writes the peak RSS.
 * @param {boolean} [options.closeStdout] - close our end of stdout at once.
 * @returns {Promise<{exit: number | null, signal: string | number | null, timedOut: boolean,
 *   overMemory: boolean, stdout: string, stderr: string, peakRssKb: number | undefined,
 *   ms: number}>}
 */
export function runCli(options) {
  const { cli, args, cwd, env, uid, gid, timeoutMs, memoryCapMb, timeFile } = options;
  const [command, commandArgs] =
    timeFile === undefined
      ? [process.execPath, [cli, ...args]]
      : [GNU_TIME, ['-f', '%M', '-o', timeFile, process.execPath, cli, ...args]];
  const started = performance.now();
  const child = spawn(command, commandArgs, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a timeout kills the CLI and GNU time together.
    detached: true,
    ...(uid === undefined ? {} : { uid, gid }),
  });
  running.add(child.pid);
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  // Like `deeptune … | head -0`: the reader is gone before the CLI writes anything, so every
  // write fails with EPIPE (deterministically, unlike closing after some output).
  if (options.closeStdout === true) child.stdout.destroy();

  let timedOut = false;
  let overMemory = false;
  let polledPeakKb = 0;
  const killGroup = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);
  const watchdog = setInterval(() => {
    const pid = timeFile === undefined ? child.pid : firstChildOf(child.pid);
    const memory = pid === undefined ? undefined : memoryOf(pid);
    if (memory === undefined) return;
    polledPeakKb = Math.max(polledPeakKb, memory.hwm);
    if (memory.rss > memoryCapMb * 1024) {
      overMemory = true;
      killGroup();
    }
  }, POLL_MS);

  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      running.delete(child.pid);
      clearTimeout(timer);
      clearInterval(watchdog);
      reject(error);
    });
    child.on('close', (code, signal) => {
      running.delete(child.pid);
      clearTimeout(timer);
      clearInterval(watchdog);
      const timed = timeFile === undefined ? {} : readTimeFile(timeFile);
      const childSignal = timed.signal ?? signal;
      resolve({
        exit: childSignal === undefined || childSignal === null ? code : null,
        signal: childSignal ?? null,
        timedOut,
        overMemory,
        stdout: stdout(),
        stderr: stderr(),
        peakRssKb: Math.max(timed.peakKb ?? 0, polledPeakKb) || undefined,
        ms: performance.now() - started,
      });
    });
  });
}
