import type { Diagnosis } from 'deeptune';
import { formatPercent } from './format.js';

const VERDICTS: Readonly<Record<Diagnosis['verdict'], string>> = {
  'high-bias': 'high bias (underfitting)',
  'high-variance': 'high variance (overfitting)',
  'high-bias-and-variance': 'high bias and high variance',
  fine: 'fine: low bias and low variance',
};

/** The bias/variance diagnosis as text: verdict, the two gaps, the reasons and the advice. */
export function formatDiagnosis(diagnosis: Diagnosis): string {
  const lines = [
    `bias/variance: ${VERDICTS[diagnosis.verdict]}`,
    `  avoidable bias (train - base error) ${formatPercent(diagnosis.avoidableBias)}, variance (dev - train error) ${formatPercent(diagnosis.variance)}`,
    ...diagnosis.reasons.map((reason) => `  ${reason}`),
  ];
  if (diagnosis.advice.length > 0) {
    lines.push(diagnosis.focus === null ? 'advice:' : `advice (work on ${diagnosis.focus} first):`);
    lines.push(...diagnosis.advice.map((advice) => `  - ${advice}`));
  }
  return `${lines.join('\n')}\n`;
}
