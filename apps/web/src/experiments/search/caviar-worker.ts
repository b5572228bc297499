/// <reference lib="webworker" />
import { serveJob } from '../../worker/serve-job.js';
import { createCaviarTrialJob } from './caviar-trial-job.js';

serveJob(createCaviarTrialJob, self as unknown as DedicatedWorkerGlobalScope);
