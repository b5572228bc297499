/// <reference lib="webworker" />
import { serveJob } from '../../worker/serve-job.js';
import { createSignalJob } from './signal-job.js';

serveJob(createSignalJob, self as unknown as DedicatedWorkerGlobalScope);
