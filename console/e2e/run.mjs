// End-to-end walk through the console in Debian's Chromium, against a running Roster (the local stack):
//   ROSTER_URL=http://localhost:8080 ROSTER_ACCOUNT=demo ROSTER_LOGIN=owner ROSTER_PASSWORD=… node e2e/run.mjs
// Optional: ROSTER_INVITATION (a set-password path with its token, from an invitation email) and ROSTER_INVITED_LOGIN;
// ROSTER_SCREENSHOTS (a directory; default target/e2e), CHROMIUM (default /usr/bin/chromium);
// ROSTER_FLOWS (names of flows to run, comma-separated parts of their file names; default every flow).
// The flows are the files of e2e/flows, run in the order of their names, each in a fresh browser context. Every
// screen is checked with axe-core; any console error (a refused script or style, a failed request the page did not
// expect) fails the run. Exits 0 when every flow passed.
import { chromium } from 'playwright-core';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { env, openContexts, problems, shots, step } from './support.mjs';

const wanted = (process.env.ROSTER_FLOWS ?? '').split(',').map((name) => name.trim()).filter(Boolean);
const flows = readdirSync(new URL('./flows/', import.meta.url)).filter((name) => name.endsWith('.mjs')).sort()
  .filter((name) => wanted.length === 0 || wanted.some((part) => name.includes(part)));

const browser = await chromium.launch({
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  for (const name of flows) {
    step(`flow ${name}`);
    const { default: flow } = await import(new URL(`./flows/${name}`, import.meta.url));
    try {
      await flow(browser);
    } catch (ex) {
      problems.push(`${name}: ${ex.stack ?? String(ex)}`);
      // what each of the flow's pages showed when it failed
      const pages = [...openContexts].flatMap((context) => context.pages());
      await Promise.all(pages.map((page, index) => page.screenshot({
        path: path.join(shots, `failed-${name.replace(/\.mjs$/, '')}-${index + 1}.png`), fullPage: true,
      }).catch(() => {})));
    } finally {
      await Promise.all([...openContexts].map((context) => context.close().catch(() => {})));
      openContexts.clear();
    }
  }
} finally {
  await browser.close();
}

if (problems.length > 0) {
  console.error(`e2e: ${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`e2e: ${flows.length} flow(s) passed; screenshots in ${shots}`);
