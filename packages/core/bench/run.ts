import { benchMatmul } from './matmul.js';

benchMatmul();
