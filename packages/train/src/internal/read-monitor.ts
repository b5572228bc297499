/**
 * The monitored-quantity helpers now live in `@deeptune/core` (one copy for every callback);
 * re-exported here until `callbacks/lr-scheduler.ts` imports them from core directly.
 * @internal
 */
export { isMonitorName, readMonitor } from '@deeptune/core';
