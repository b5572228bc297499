import { existsSync } from 'node:fs';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and nothing that reaches the network on its own. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-sync',
];

/** What this needs of playwright-core's `chromium` (each test package has its own copy). */
export interface ChromiumLauncher<B> {
  launch(options: {
    executablePath: string;
    args: string[];
    headless: boolean;
    timeout: number;
  }): Promise<B>;
}

/**
 * Launches Debian's Chromium headless with playwright-core's `chromium`, for a browser test
 * (the web demo's, the CLI's dashboard); a clear error when it is not installed.
 */
export async function launchDebianChromium<B>(chromium: ChromiumLauncher<B>): Promise<B> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}. Install Debian's package: apt-get update && apt-get install -y chromium (.ci/run does this).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    timeout: 120_000,
  });
}
