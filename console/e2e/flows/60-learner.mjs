// The learner's and supervisor's walk of the seed "User Unenrollment": Agata enrolls in Negotiation Skills from the
// catalog, then selects another training time; her supervisor, signed in at the same time, sees the pop-up and the
// bell's count rise, opens the notification center and marks the notice read. Agata records progress in a course and
// unenrolls from a training whose registration has closed, after the warning that she cannot enroll again.
// Repeatable: Agata's Negotiation Skills enrollment of an earlier run is ended first (by the API); the training with
// closed registration is created once and she is put back into it by the API each run.
import { accessible, api, base, expectVisible, newPage, problems, screenshot, signIn, step, tokenOf } from '../support.mjs';

const NEGOTIATION = 'Negotiation Skills';
const CLOSED = 'Closed registration (e2e)';
const SWITCHED = 'Agata Brown switched session of Negotiation Skills';
const DAY = 86_400_000;

export default async function learner(browser) {
  const owner = await tokenOf();
  const agataToken = await tokenOf('agata.brown');
  const supervisorToken = await tokenOf('supervisor');
  const agataId = subjectOf(agataToken);

  step('prepare: supervisors told, no enrollment left from an earlier run, a course and a program assigned');
  const negotiation = await trainingNamed(owner, NEGOTIATION);
  if (!negotiation.notifySupervisors) {
    await api(`/trainings/${negotiation.id}`, { token: owner, method: 'PATCH', body: { notifySupervisors: true } });
  }
  const earlier = (await api('/me/trainings?size=100', { token: agataToken })).items
    .find((item) => item.trainingId === negotiation.id && ['ENROLLED', 'WAITLISTED'].includes(item.status));
  if (earlier) {
    const since = Date.now();
    await api(`/me/trainings/${negotiation.id}/enrollment?confirm=true`, { token: agataToken, method: 'DELETE' });
    // the supervisor hears of it a moment later: let that notice land before the count is read
    await noticeSince(supervisorToken, 'supervisor-learner-unenrolled', since);
  }
  const onboarding = (await api('/programs?size=100', { token: owner })).items
    .find((program) => program.title === 'Sales Onboarding');
  if (!onboarding) throw new Error('no program "Sales Onboarding" in the account (is the demo seeded?)');
  // assigning again changes nothing; the program's courses come with it
  await api(`/programs/${onboarding.id}/assignments`, { token: owner, method: 'POST', body: { userIds: [agataId] } });
  const closed = await closedTraining(owner);
  await api(`/trainings/${closed.id}/participants`, { token: owner, method: 'POST',
    body: { userIds: [agataId], sessionId: closed.sessionId } });

  // 1. Agata lands on her start page and enrolls from the catalog
  step('the learner\'s start page and the catalog');
  const agata = await newPage(browser);
  await signIn(agata, 'agata.brown');
  await expectVisible(agata.getByRole('heading', { name: 'Welcome to Roster' }), 'the learner\'s start page');
  await accessible(agata, 'learner home');
  await screenshot(agata, 'learner-home');
  await agata.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Catalog' }).click();
  // the pointer off the navigation: a hovered current section's label is lighter than WCAG AA (the layout's, reported)
  await agata.mouse.move(700, 790);
  await expectVisible(agata.getByRole('heading', { name: 'Catalog', level: 1 }), 'the catalog');
  const offer = agata.getByRole('article', { name: NEGOTIATION });
  await expectVisible(offer, 'Negotiation Skills in the catalog');
  await expectVisible(offer.getByRole('radio').nth(1), 'both sessions of Negotiation Skills');
  await accessible(agata, 'catalog');
  await screenshot(agata, 'catalog');
  await offer.getByRole('button', { name: 'Enroll' }).click();
  await expectVisible(agata.getByText(`${NEGOTIATION}: Enrolled`), 'the enrollment confirmed');

  // 2. the supervisor signs in elsewhere; the live stream is open and the bell shows a count. Its first attempt is
  //    refused as if the token had expired: the bell refreshes the token and opens the stream again.
  step('the supervisor signs in');
  const supervisor = await newPage(browser);
  let expired = null;
  await supervisor.route('**/api/v1/notifications/stream', (route) => {
    // the token of the first attempt is refused every time (also when React's development mode connects twice)
    const bearer = route.request().headers().authorization;
    expired ??= bearer;
    if (bearer !== expired) return route.continue();
    return route.fulfill({ status: 401, contentType: 'application/problem+json',
      body: JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'The access token has expired' }) });
  });
  const refreshed = supervisor.waitForRequest((request) => request.url().endsWith('/api/v1/auth/refresh'),
    { timeout: 20_000 });
  const streamOpen = supervisor.waitForResponse((response) => response.url().includes('/api/v1/notifications/stream')
    && response.status() === 200, { timeout: 20_000 });
  await signIn(supervisor, 'supervisor');
  await expectVisible(supervisor.getByRole('heading', { name: 'Welcome to Roster' }), 'the supervisor\'s start page');
  await refreshed;
  await streamOpen;
  const before = await unreadOf(supervisor);

  // 3. Agata selects another training time
  step('select another training time');
  await agata.getByRole('link', { name: 'See My trainings' }).click();
  await expectVisible(agata.getByRole('heading', { name: 'My trainings', level: 1 }), 'my trainings');
  const mine = agata.getByRole('article', { name: NEGOTIATION })
    .filter({ has: agata.getByRole('button', { name: 'Select another training time' }) });
  await expectVisible(mine, 'the Negotiation Skills enrollment with its actions');
  await expectVisible(mine.getByRole('button', { name: 'Unenroll' }), 'Unenroll on the enrollment');
  await accessible(agata, 'my trainings');
  await screenshot(agata, 'my-trainings');
  await mine.getByRole('button', { name: 'Select another training time' }).click();
  const dialog = agata.getByRole('dialog');
  await expectVisible(dialog.getByRole('radio'), 'another session in the dialog');
  await dialog.getByRole('radio').first().check();
  await accessible(agata, 'switch session');
  await screenshot(agata, 'switch-session');
  await dialog.getByRole('button', { name: 'Select' }).click();
  await expectVisible(agata.getByText(new RegExp(`${NEGOTIATION}: Enrolled, now `)), 'the session switched');

  // 4. the supervisor's pop-up, and the bell's count risen
  step('the supervisor\'s pop-up');
  const popups = supervisor.getByRole('status', { name: 'New notifications' });
  await expectVisible(popups.getByText(SWITCHED), 'the supervisor\'s pop-up');
  await accessible(supervisor, 'supervisor pop-up');
  await screenshot(supervisor, 'supervisor-popup');
  const risen = await waitForUnread(supervisor, (count) => count > before, 'the bell\'s count risen');

  // 5. the supervisor opens the notification center and marks the notice read
  step('the notification center');
  await supervisor.getByRole('link', { name: /^Notifications, [\d,]+ unread$/ }).click();
  await expectVisible(supervisor.getByRole('heading', { name: 'Notifications', level: 1 }), 'the notification center');
  const notice = supervisor.getByRole('article', { name: SWITCHED }).first();
  await expectVisible(notice.getByText('Unread'), 'the new notice, unread');
  await accessible(supervisor, 'notifications');
  await screenshot(supervisor, 'notifications');
  await notice.getByRole('button', { name: `Mark as read: ${SWITCHED}` }).click();
  await expectVisible(notice.getByText('Read', { exact: true }), 'the notice marked read');
  await waitForUnread(supervisor, (count) => count === risen - 1, 'the bell\'s count after marking read');
  // others may be left unread (notices of other flows or tests, whichever ran first): "Mark all" clears them; with
  // none left it is disabled already
  if (risen - 1 > 0) {
    await supervisor.getByRole('button', { name: 'Mark all as read' }).click();
  }
  await waitForUnread(supervisor, (count) => count === 0, 'the bell\'s count after marking all read');
  await expectVisible(supervisor.getByRole('button', { name: 'Mark all as read' }).and(supervisor.locator(':disabled')),
    'Mark all as read, with nothing left to mark');

  // 6. Agata's courses and programs: progress recorded where the service allows it
  step('my courses and programs');
  await agata.goto(`${base}/my/courses`);
  await expectVisible(agata.getByRole('heading', { name: 'My courses', level: 1 }), 'my courses');
  const course = agata.getByRole('article', { name: 'Company Orientation' });
  await expectPresent(course.getByRole('progressbar', { name: 'Progress of Company Orientation' }), 'the course\'s progress');
  await accessible(agata, 'my courses');
  if (await course.getByRole('button', { name: 'Save progress' }).count() > 0) {
    const was = Number(await course.getByRole('progressbar').getAttribute('aria-valuenow'));
    await course.getByRole('button', { name: 'Save progress' }).click();
    await waitFor(async () => Number(await course.getByRole('progressbar').getAttribute('aria-valuenow')) > was,
      'the course\'s progress saved');
  }
  await screenshot(agata, 'my-courses');
  await agata.goto(`${base}/my/programs`);
  await expectPresent(agata.getByRole('progressbar', { name: 'Progress of Sales Onboarding' }), 'the program\'s progress');
  await accessible(agata, 'my programs');

  // 7. Agata unenrolls from a training whose registration has closed: warned, then confirmed
  step('unenroll after the warning');
  await agata.goto(`${base}/my/trainings`);
  const stuck = agata.getByRole('article', { name: CLOSED }).filter({ has: agata.getByRole('button', { name: 'Unenroll' }) });
  await expectVisible(stuck, 'the training with closed registration');
  await stuck.getByRole('button', { name: 'Unenroll' }).click();
  await expectVisible(dialog.getByText('You cannot enroll again'), 'the warning that re-enrollment is impossible');
  await accessible(agata, 'unenroll warning');
  await screenshot(agata, 'unenroll-warning');
  await dialog.getByRole('button', { name: 'Unenroll anyway' }).click();
  await expectVisible(agata.getByText(`You are no longer enrolled in ${CLOSED}.`), 'the unenrollment confirmed');

  // 8. a phone's width
  step('my trainings at a phone width');
  await agata.setViewportSize({ width: 390, height: 844 });
  await expectVisible(agata.getByRole('button', { name: 'Show the menu' }), 'the menu button');
  await accessible(agata, 'my trainings (phone)');
  await screenshot(agata, 'my-trainings-phone');

  // 9. signing out stops the supervisor's stream
  step('the supervisor signs out');
  await supervisor.getByRole('button', { name: 'Sign out' }).click();
  await expectVisible(supervisor.getByRole('heading', { name: 'Sign in to Roster' }), 'the sign-in page');
  let reopened = false;
  supervisor.on('request', (request) => { if (request.url().includes('/notifications/stream')) reopened = true; });
  await supervisor.waitForTimeout(2_000);
  if (reopened) problems.push('the notification stream was opened again after signing out');
  await agata.context().close();
  await supervisor.context().close();
}

function subjectOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
}

async function trainingNamed(token, title) {
  const found = (await api(`/trainings?q=${encodeURIComponent(title)}&size=100`, { token })).items
    .find((training) => training.title === title);
  if (!found) throw new Error(`no training "${title}" in the account (is the demo seeded?)`);
  return found;
}

/** A training whose registration has closed (but cancelling is still possible), made once, with its session's id. */
async function closedTraining(token) {
  const soon = Date.now() + DAY;
  const existing = (await api(`/trainings?q=${encodeURIComponent(CLOSED)}&size=100`, { token })).items
    .filter((training) => training.title === CLOSED)
    .map((training) => ({ id: training.id, session: (training.sessions ?? []).find((s) => Date.parse(s.startsAt) > soon) }))
    .find((training) => training.session);
  if (existing) return { id: existing.id, sessionId: existing.session.id };
  const created = await api('/trainings', { token, method: 'POST', body: {
    title: CLOSED, description: 'Registration closed long ago; cancelling is still possible.', timeZone: 'Europe/Berlin',
    sessionSelection: 'LEARNER', stopRegistrationBefore: { amount: 90, unit: 'DAYS' }, notifySupervisors: false,
  } });
  // 09:00 in Berlin, two months ahead: registration closed 90 days before it
  const startsAt = new Date(Math.floor(Date.now() / DAY) * DAY + 60 * DAY + 8 * 3_600_000);
  const session = await api(`/trainings/${created.id}/sessions`, { token, method: 'POST', body: {
    startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString(),
    location: 'Hamburg, Room Elbe', capacity: 20,
  } });
  return { id: created.id, sessionId: session.id };
}

/** Waits (up to 15 s) for a notice of this kind created since then; goes on without it, the count is read after. */
async function noticeSince(token, kind, since) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const { items } = await api('/notifications?size=10', { token });
    if (items.some((item) => item.kind === kind && Date.parse(item.createdAt) >= since - 1_000)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A bar at 0 % has no width, so it is never "visible": waits until it is on the page. */
function expectPresent(locator, what) {
  return locator.first().waitFor({ state: 'attached', timeout: 15_000 }).catch((ex) => {
    throw new Error(`${what} did not appear: ${ex.message.split('\n')[0]}`);
  });
}

/** Waits until `check` holds; `what` (or what it says at the end, when a function) names it if it never does. */
async function waitFor(check, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${typeof what === 'function' ? what() : what}: not within ${timeout / 1000} s`);
}

/** The unread count the bell names ("Notifications, 3 unread"). */
async function unreadOf(page) {
  const bell = page.getByRole('link', { name: /^Notifications, [\d,]+ unread$/ });
  await expectVisible(bell, 'the bell with its count');
  return Number((await bell.getAttribute('aria-label')).match(/([\d,]+) unread/)[1].replace(/,/g, ''));
}

async function waitForUnread(page, wanted, what) {
  let count = -1;
  await waitFor(async () => wanted(count = await unreadOf(page)), () => `${what} (the bell says ${count})`);
  return count;
}
