/// <reference lib="webworker" />
import { servePanda } from './serve-panda.js';

servePanda(self as unknown as DedicatedWorkerGlobalScope);
