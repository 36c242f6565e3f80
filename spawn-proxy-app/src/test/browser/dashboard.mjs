// Drives the proxy's dashboard in Debian's Chromium, for DashboardBrowserIntegrationTests:
//   node dashboard.mjs <proxy base url> <system> <actor> <expected state text> <timer id> <screenshot dir>
// Opens the dashboard, searches the actor by id, checks the state shown, cancels the timer and checks it is gone.
// Exits 0 when every step passed, 1 with the failed step on stderr otherwise. Never downloads a browser.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, system, actor, expectedState, timerId, screenshots] = process.argv.slice(2);
if (!screenshots) {
  console.error('usage: node dashboard.mjs <base url> <system> <actor> <expected state> <timer id> <screenshot dir>');
  process.exit(2);
}
const STEP_MILLIS = 10000;
mkdirSync(screenshots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'spawn-dashboard-chromium-'));
let context;
let step = 'launch Chromium';
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 1000 },
    timeout: 30000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(STEP_MILLIS);
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));

  step = 'open the dashboard';
  const response = await page.goto(base + '/spawn/dashboard');
  if (!response || response.status() !== 200) {
    throw new Error('the dashboard answered ' + (response && response.status()));
  }
  await page.locator('#node').filter({ hasText: 'member ' }).waitFor();
  step = 'see the health and the calls of the actions';
  await page.locator('#health').filter({ hasText: 'UP' }).waitFor();
  await page.locator('#actions tbody tr', { hasText: 'set' }).first().waitFor();
  await page.screenshot({ path: join(screenshots, 'dashboard-overview.png'), fullPage: true });

  step = 'search the actor by id';
  await page.fill('#system', system);
  await page.fill('#actor', actor);
  await page.click('#search button[type=submit]');
  await page.locator('#detail-name').filter({ hasText: system + '/' + actor }).waitFor();

  step = 'read the state';
  await page.locator('#state').filter({ hasText: expectedState }).waitFor();
  await page.locator('#history tbody td:not(.empty)').first().waitFor();

  step = 'see the timer';
  const cancel = page.locator('#timers button[data-timer="' + timerId + '"]');
  await cancel.waitFor();
  await page.screenshot({ path: join(screenshots, 'dashboard-actor.png'), fullPage: true });

  step = 'cancel the timer';
  await cancel.click();
  await page.locator('#timers-message').filter({ hasText: 'Cancelled ' + timerId }).waitFor();
  await cancel.waitFor({ state: 'detached' });
  await page.screenshot({ path: join(screenshots, 'dashboard-timer-cancelled.png'), fullPage: true });

  step = 'no script errors';
  if (consoleErrors.length > 0) {
    throw new Error('the page logged errors: ' + consoleErrors.join(' | '));
  }
  console.log('dashboard: all steps passed');
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
} catch (error) {
  console.error('dashboard: step "' + step + '" failed: ' + (error && error.message));
  try {
    if (context && context.pages()[0]) {
      await context.pages()[0].screenshot({ path: join(screenshots, 'dashboard-failure.png'), fullPage: true });
    }
    if (context) {
      await context.close();
    }
  } catch (ignored) {
    // the browser is gone already
  }
  rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}
