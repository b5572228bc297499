/// <reference lib="webworker" />
import { serveJob } from '../../worker/serve-job.js';
import { createGradcheckJob } from './gradcheck-job.js';

serveJob(createGradcheckJob, self as unknown as DedicatedWorkerGlobalScope);
