// What every end-to-end flow shares: the target, the API as a plain client, axe-core, screenshots and waiting.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const env = (name, fallback) => process.env[name] ?? fallback ?? (() => { throw new Error(`${name} is not set`); })();
export const base = env('ROSTER_URL').replace(/\/+$/, '');
export const account = env('ROSTER_ACCOUNT', 'demo');
export const login = env('ROSTER_LOGIN', 'owner');
export const password = env('ROSTER_PASSWORD');
export const shots = env('ROSTER_SCREENSHOTS', path.resolve('target/e2e'));
/** A tag unique to this run, for the names of what a flow creates (so reruns against one stack never collide). */
export const tag = `e2e${Date.now().toString(36)}`;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
mkdirSync(shots, { recursive: true });

/** What went wrong, collected from every flow; the run fails when it is not empty. */
export const problems = [];
export const step = (text) => console.log(`e2e: ${text}`);

/** The API straight, as a client would call it (to prepare what a flow needs and to check what it did). */
export async function api(pathname, { token, method = 'GET', body } = {}) {
  const response = await fetch(`${base}/api/v1${pathname}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** An access token of a person of the account (the demo password unless another is given). */
export async function tokenOf(who = login, secret = password) {
  return (await api('/auth/sign-in', { method: 'POST', body: { account, login: who, password: secret } })).accessToken;
}

/** axe-core on the page as it is (run through the debugging protocol, which the page's CSP does not govern). */
export async function accessible(page, screen) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const outcome = await axe.run(document, { resultTypes: ['violations'] });
    return outcome.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  if (result.length > 0) problems.push(`${screen}: accessibility violations:\n  ${result.join('\n  ')}`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

export function expectVisible(locator, what, timeout = 15_000) {
  return locator.first().waitFor({ state: 'visible', timeout }).catch((ex) => {
    throw new Error(`${what} did not appear: ${ex.message.split('\n')[0]}`);
  });
}

export async function expectValue(locator, value, what) {
  const deadline = Date.now() + 15_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await locator.inputValue().catch(() => '');
    if (seen === value) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: expected "${value}", saw "${seen}"`);
}

/** The browser contexts the running flow opened: closed when it ends, so that no page of it goes on working. */
export const openContexts = new Set();

/** A fresh browser context and page whose console errors and page errors count as problems. */
export async function newPage(browser, { width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US', acceptDownloads: true });
  openContexts.add(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (401|403|409|412)/.test(message.text())) {
      problems.push(`console error on ${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  return page;
}

/** Signs in through the sign-in page and waits until it has left it. */
export async function signIn(page, who = login, secret = password, firstPath = '/') {
  await page.goto(`${base}${firstPath}`);
  await expectVisible(page.getByRole('heading', { name: 'Sign in to Roster' }), 'the sign-in page');
  await page.getByLabel('Account').fill(account);
  await page.getByLabel('Login or email').fill(who);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sign in to Roster' }).waitFor({ state: 'detached', timeout: 15_000 });
}
