import { benchMatmul } from './matmul.js';
import { benchMlpStep } from './mlp-step.js';

benchMatmul();
benchMlpStep();
