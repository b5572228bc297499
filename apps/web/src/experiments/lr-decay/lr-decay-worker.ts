/// <reference lib="webworker" />
import { serveJob } from '../../worker/serve-job.js';
import { createLrDecayJob } from './lr-decay-job.js';

serveJob(createLrDecayJob, self as unknown as DedicatedWorkerGlobalScope);
