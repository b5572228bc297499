import {
  GRADCHECK_VERDICT_BANDS,
  checkModel,
  l2,
  softmaxCrossEntropy,
  type GradcheckVerdict,
} from 'deeptune';
import type { GradcheckConfig } from './gradcheck-config.js';
import { buildGradcheckNetwork } from './gradcheck-network.js';

/** The check of one parameter tensor, as plain numbers. */
export interface ParameterCheck {
  /** The parameter's path, e.g. `dense2.weight`. */
  readonly name: string;
  /** The layer it belongs to, e.g. `dense2`. */
  readonly layer: string;
  /** Its shape. */
  readonly shape: readonly number[];
  /** The library's relative difference over its coordinates. */
  readonly relativeDifference: number;
  /** The library's verdict band of that difference. */
  readonly verdict: GradcheckVerdict;
  /** The coordinate with the largest absolute error. */
  readonly worstIndex: readonly number[];
  /** Backprop's derivative there. */
  readonly analytic: number;
  /** The two-sided difference there. */
  readonly numerical: number;
}

/** The result of checking the network: the library's figures. */
export interface GradientCheckResult {
  /** The relative difference over all parameters. */
  readonly relativeDifference: number;
  /** Its verdict. */
  readonly verdict: GradcheckVerdict;
  /** Whether the check passes (the verdict band's `passes`). */
  readonly passes: boolean;
  /** The step ε of the two-sided difference. */
  readonly eps: number;
  /** The number of coordinates checked. */
  readonly checked: number;
  /** One entry per parameter tensor, in the network's order. */
  readonly parameters: readonly ParameterCheck[];
  /** The layers with at least one parameter in the `'bug'` band, in order. */
  readonly bugLayers: readonly string[];
}

/**
 * Builds the seeded network (with its buggy layer, if any) and runs the library's
 * `checkModel` on the softmax cross-entropy cost plus the L2 penalty, in float64, checking
 * every coordinate.
 */
export function runGradientCheck(config: GradcheckConfig): GradientCheckResult {
  const network = buildGradcheckNetwork(config);
  const report = checkModel(
    network.model,
    softmaxCrossEntropy,
    { inputs: network.inputs, targets: network.targets },
    { regularizers: [l2({ lambda: config.lambda })] },
  );
  const parameters = report.parameters.map((parameter): ParameterCheck => ({
    name: parameter.name,
    layer: parameter.name.split('.')[0]!,
    shape: parameter.shape,
    relativeDifference: parameter.relativeDifference,
    verdict: parameter.verdict,
    worstIndex: parameter.worstIndex,
    analytic: parameter.analytic,
    numerical: parameter.numerical,
  }));
  const bugLayers: string[] = [];
  for (const parameter of parameters) {
    if (parameter.verdict === 'bug' && !bugLayers.includes(parameter.layer)) {
      bugLayers.push(parameter.layer);
    }
  }
  const band = GRADCHECK_VERDICT_BANDS.find((candidate) => candidate.verdict === report.verdict);
  return {
    relativeDifference: report.relativeDifference,
    verdict: report.verdict,
    passes: band?.passes ?? false,
    eps: report.eps,
    checked: report.checked,
    parameters,
    bugLayers,
  };
}
