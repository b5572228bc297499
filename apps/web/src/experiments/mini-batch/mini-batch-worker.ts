/// <reference lib="webworker" />
import { serveJob } from '../../worker/serve-job.js';
import { createMiniBatchJob } from './mini-batch-job.js';

serveJob(createMiniBatchJob, self as unknown as DedicatedWorkerGlobalScope);
