// The demo served on a loopback port with Chromium beside it: the setting every browser journey starts from.
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { buildDemoApp, type DemoApp } from './demo-app.ts';
import { startServer, type RunningServer } from './server.ts';

export interface DemoInBrowser {
  demo: DemoApp;
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startDemoInBrowser(): Promise<DemoInBrowser> {
  const demo = await buildDemoApp();
  const server = await startServer(demo.app);
  const browser = await launchBrowser();
  return {
    demo,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await demo.database.destroy();
    },
  };
}
