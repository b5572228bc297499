/// <reference lib="webworker" />
import { serveJob } from '../../worker/serve-job.js';
import { createClassifierJob } from './classifier-job.js';

serveJob(createClassifierJob, self as unknown as DedicatedWorkerGlobalScope);
