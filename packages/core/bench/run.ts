import { benchElementwise, benchPortableMath } from './elementwise.js';
import { benchMatmul } from './matmul.js';
import { benchMlpStep } from './mlp-step.js';

benchMatmul();
benchMlpStep();
benchElementwise();
benchPortableMath();
