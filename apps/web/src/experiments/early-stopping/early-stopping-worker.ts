/// <reference lib="webworker" />
import { serveJob } from '../../worker/serve-job.js';
import { createEarlyStoppingJob } from './early-stopping-job.js';

serveJob(createEarlyStoppingJob, self as unknown as DedicatedWorkerGlobalScope);
