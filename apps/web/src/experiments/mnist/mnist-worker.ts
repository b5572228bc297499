/// <reference lib="webworker" />
import { serveJob } from '../../worker/serve-job.js';
import { createMnistJob } from './mnist-job.js';

serveJob(createMnistJob, self as unknown as DedicatedWorkerGlobalScope);
