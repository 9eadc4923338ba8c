// End-to-end walk through the console in Debian's Chromium, against a running Roster (the local stack):
//   ROSTER_URL=http://localhost:8080 ROSTER_ACCOUNT=demo ROSTER_LOGIN=owner ROSTER_PASSWORD=… node e2e/run.mjs
// Optional: ROSTER_INVITATION (a set-password path with its token, from an invitation email) and ROSTER_INVITED_LOGIN;
// ROSTER_SCREENSHOTS (a directory; default target/e2e), CHROMIUM (default /usr/bin/chromium).
// Every screen is checked with axe-core; any console error (a refused script or style, a failed request the page did
// not expect) fails the run. Exits 0 when every flow passed.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const env = (name, fallback) => process.env[name] ?? fallback ?? (() => { throw new Error(`${name} is not set`); })();
const base = env('ROSTER_URL').replace(/\/+$/, '');
const account = env('ROSTER_ACCOUNT', 'demo');
const login = env('ROSTER_LOGIN', 'owner');
const password = env('ROSTER_PASSWORD');
const shots = env('ROSTER_SCREENSHOTS', path.resolve('target/e2e'));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
mkdirSync(shots, { recursive: true });

const problems = [];
const step = (text) => console.log(`e2e: ${text}`);

async function api(pathname, { token, method = 'GET', body } = {}) {
  const response = await fetch(`${base}/api/v1${pathname}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** axe-core on the page as it is (run through the debugging protocol, which the page's CSP does not govern). */
async function accessible(page, screen) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const outcome = await axe.run(document, { resultTypes: ['violations'] });
    return outcome.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  if (result.length > 0) problems.push(`${screen}: accessibility violations:\n  ${result.join('\n  ')}`);
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

function expectVisible(locator, what) {
  return locator.first().waitFor({ state: 'visible', timeout: 15_000 }).catch((ex) => {
    throw new Error(`${what} did not appear: ${ex.message.split('\n')[0]}`);
  });
}

async function expectValue(locator, value, what) {
  const deadline = Date.now() + 15_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await locator.inputValue().catch(() => '');
    if (seen === value) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: expected "${value}", saw "${seen}"`);
}

const browser = await chromium.launch({
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (401|403|409|412)/.test(message.text())) {
      problems.push(`console error on ${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));

  // 1. a refused sign-in says why, in the service's words
  step('sign-in refused');
  await page.goto(`${base}/users`);
  await expectVisible(page.getByRole('heading', { name: 'Sign in to Roster' }), 'the sign-in page');
  await page.getByLabel('Account').fill(account);
  await page.getByLabel('Login or email').fill(login);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(`${password}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectVisible(page.getByRole('alert'), 'the refusal');
  await accessible(page, 'sign-in');
  await screenshot(page, 'sign-in-refused');

  // 2. signed in, the users list (back at the page first asked for)
  step('sign in and list users');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Users' }), 'the users list');
  await expectVisible(page.getByRole('row').nth(1), 'a user row');
  await accessible(page, 'users');
  await screenshot(page, 'users');
  // a reload keeps the session: the access token was in memory only, the tab's refresh token signs in again
  await page.reload();
  await expectVisible(page.getByRole('row').nth(1), 'the users list after a reload');

  // 3. two users of this run's own, found by search, deactivated on a date in one bulk action
  const owner = (await api('/auth/sign-in', { method: 'POST', body: { account, login, password } })).accessToken;
  const tag = `e2e${Date.now().toString(36)}`;
  for (const suffix of ['a', 'b']) {
    await api('/users', { token: owner, method: 'POST', body: {
      login: `${tag}.${suffix}`, email: `${tag}.${suffix}@example.com`, firstName: 'Endtoend', lastName: `${tag}${suffix}`,
    } });
  }
  step('deactivate two users on a date');
  await page.getByLabel('Search').fill(tag);
  await expectVisible(page.getByRole('cell', { name: `${tag}.b`, exact: true }), 'the second new user');
  await page.getByRole('checkbox', { name: 'Pick every user on this page' }).check();
  await page.getByRole('button', { name: 'Change 2 users' }).click();
  await page.getByRole('menuitem', { name: 'Deactivate' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('On a date').check();
  const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel(/Effective date/).fill(date);
  await expectVisible(dialog.getByText('2 users would be changed.'), 'the dry run of the scheduled deactivation');
  await accessible(page, 'bulk dialog');
  await screenshot(page, 'bulk-deactivate-on-a-date');
  await dialog.getByRole('button', { name: `Deactivate on ${date}` }).click();
  await expectVisible(dialog.getByText('2 users were changed.'), 'the outcome of the scheduled deactivation');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectVisible(page.getByText(/^Inactive on /), 'the scheduled change in the list');

  // 4. one of them: employment ended now, after the impact preview
  step('end one employment now');
  await page.getByRole('checkbox', { name: `Pick Endtoend ${tag}a` }).check();
  await page.getByRole('button', { name: 'Change 1 user' }).click();
  await page.getByRole('menuitem', { name: 'End employment' }).click();
  await expectVisible(dialog.getByText('1 user will be changed.'), 'the impact preview');
  await expectVisible(dialog.getByText('1 user will no longer be able to sign in.'), 'the sign-in line of the preview');
  await screenshot(page, 'bulk-end-employment-preview');
  await dialog.getByRole('button', { name: 'End employment now' }).click();
  await expectVisible(dialog.getByText('1 user was changed.'), 'the outcome of ending the employment');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectVisible(page.getByText(/^Employment Ended /), 'the ended employment with its date');
  await screenshot(page, 'users-after-bulk');

  // 5. the user card: Personal Information saved with its ETag; another person's change in between is explained,
  //    not overwritten; then the employment ended from the card
  step('the user card');
  const [second] = (await api(`/users?q=${tag}.b`, { token: owner })).items;
  await page.getByRole('link', { name: `${tag}b, Endtoend` }).click();
  await expectVisible(page.getByRole('heading', { name: `Endtoend ${tag}b` }), 'the user card');
  await page.getByRole('textbox', { name: 'Job title' }).fill('Night auditor');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectVisible(page.getByText('Saved.'), 'the saved personal information');
  await api(`/users/${second.id}`, { token: owner, method: 'PATCH', body: { phone: '+1 555 0100' } });
  await page.getByRole('textbox', { name: 'Job title' }).fill('Day auditor');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectVisible(page.getByText('Changed by someone else'), 'the explained conflict');
  await accessible(page, 'user card');
  await screenshot(page, 'user-card-conflict');
  await page.getByRole('button', { name: 'Reload' }).click();
  await expectValue(page.getByRole('textbox', { name: 'Phone' }), '+1 555 0100', 'the other person\'s phone after Reload');
  if (await page.getByRole('textbox', { name: 'Job title' }).inputValue() !== 'Night auditor') {
    problems.push('the card did not show the user as saved after Reload');
  }
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'End employment' }).click();
  await expectVisible(dialog.getByText('1 user will be changed.'), 'the impact preview on the card');
  await dialog.getByRole('button', { name: 'End employment now' }).click();
  await expectVisible(dialog.getByText('1 user was changed.'), 'the outcome on the card');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectVisible(page.getByText(/^Employment Ended /), 'the ended employment on the card');
  await screenshot(page, 'user-card');
  await page.getByRole('link', { name: '← Users' }).click();

  // 6. a phone's width
  step('users at a phone width');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectVisible(page.getByRole('button', { name: 'Show the menu' }), 'the menu button');
  await accessible(page, 'users (phone)');
  await screenshot(page, 'users-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // 7. sign out: the console forgets the session
  step('sign out');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Sign in to Roster' }), 'the sign-in page after signing out');
  await page.goto(`${base}/users`);
  await expectVisible(page.getByRole('heading', { name: 'Sign in to Roster' }), 'the sign-in page for a signed-out reader');

  // 8. an invited person sets a password from the email's link and signs in with it
  const invitation = process.env.ROSTER_INVITATION;
  if (invitation) {
    step('set a password from an invitation');
    const chosen = `Chosen-${tag}-pw`;
    await page.goto(`${base}${invitation}`);
    await expectVisible(page.getByRole('heading', { name: 'Set your password' }), 'the set-password page');
    await accessible(page, 'set password');
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(chosen);
    await page.getByRole('textbox', { name: 'Repeat the password', exact: true }).fill(chosen);
    await screenshot(page, 'set-password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await expectVisible(page.getByText('Your password is set. Sign in with it.'), 'the confirmation');
    await page.getByLabel('Account').fill(account);
    await page.getByLabel('Login or email').fill(env('ROSTER_INVITED_LOGIN'));
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(chosen);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Welcome to Roster' }), 'the learner\'s start page');
    await accessible(page, 'learner start');
    await screenshot(page, 'learner-start');
  }
} catch (ex) {
  problems.push(ex.stack ?? String(ex));
} finally {
  await browser.close();
}

if (problems.length > 0) {
  console.error(`e2e: ${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`e2e: every flow passed; screenshots in ${shots}`);
