/// <reference lib="webworker" />
import { serveJob } from '../../worker/serve-job.js';
import { createBatchNormJob } from './batch-norm-job.js';

serveJob(createBatchNormJob, self as unknown as DedicatedWorkerGlobalScope);
