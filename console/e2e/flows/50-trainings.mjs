// Training administration as the owner: a training with registration restrictions, two sessions (one with a single
// seat, held yesterday), two learners added to that seat (one enrolled, one waitlisted), attendance marked, the
// waitlisted one moved to the other session; a course assigned to a learner. Screens at a desktop's and a phone's width.
import { accessible, api, base, expectVisible, newPage, problems, screenshot, signIn, step, tag, tokenOf } from '../support.mjs';

const ZONE = 'Europe/Berlin';

/** A wall-clock time in the training's zone as a date-time input takes it ("yyyy-MM-ddTHH:mm"), on the hour. */
function wallClock(epoch) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
  }).formatToParts(new Date(epoch)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:00`;
}

/** Picks an option of a Mantine select (its options open in a listbox at the page's end). */
async function choose(page, input, option) {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Searches the user picker and picks the user. */
async function pickUser(page, dialog, search, option) {
  await dialog.getByRole('combobox', { name: 'Users' }).fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
  // the picker stays open for more; a click on the dialog's title closes it
  await dialog.getByRole('heading').first().click();
}

/** Adds a session through its dialog. */
async function addSession(page, startsAt, endsAt, location, capacity) {
  await page.getByRole('button', { name: 'Add session' }).click();
  const dialog = page.getByRole('dialog', { name: 'New session' });
  await dialog.getByLabel('Starts').fill(startsAt);
  await dialog.getByLabel('Ends').fill(endsAt);
  await dialog.getByLabel('Location').fill(location);
  await dialog.getByLabel('Capacity').fill(String(capacity));
  await accessible(page, 'new session');
  await dialog.getByRole('button', { name: 'Add session' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  await expectVisible(page.getByRole('cell', { name: location, exact: true }), `the session at ${location}`);
}

export default async function trainings(browser) {
  const page = await newPage(browser);
  const owner = await tokenOf();
  const title = `Safety walk ${tag}`;

  // 1. the trainings list
  step('the trainings list');
  await signIn(page, undefined, undefined, '/trainings');
  await expectVisible(page.getByRole('heading', { name: 'Trainings', level: 1 }), 'the trainings list');
  await expectVisible(page.getByRole('link', { name: 'Negotiation Skills' }), 'a demo training');
  await accessible(page, 'trainings');
  await screenshot(page, 'trainings');

  // 2. a new training with registration restrictions, in Berlin's time
  step('create a training with registration restrictions');
  await page.getByRole('button', { name: 'New training' }).click();
  const create = page.getByRole('dialog', { name: 'New training' });
  await create.getByLabel('Title').fill(title);
  await create.getByLabel('Description').fill('Where the exits are and how to use them.');
  await create.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Berl');
  await page.getByRole('option', { name: ZONE, exact: true }).click();
  await create.getByText('Administrators assign the sessions').click();
  const registration = create.getByRole('group', { name: 'Stop registration' });
  await registration.getByRole('switch', { name: 'Close registration before each session' }).check();
  await registration.getByLabel('How long before').fill('2');
  await expectVisible(registration.getByText('Registration for a session closes 2 days before it starts.'),
    'the stop-registration sentence');
  const cancellation = create.getByRole('group', { name: 'Stop cancellations' });
  await cancellation.getByRole('switch', { name: 'Close cancellations before each session' }).check();
  await cancellation.getByLabel('How long before').fill('24');
  await choose(page, cancellation.getByRole('combobox', { name: 'Unit' }), 'Hours');
  const cancellationSentence = 'Learners can cancel or switch sessions until 24 hours before their session starts.';
  await expectVisible(cancellation.getByText(cancellationSentence), 'the stop-cancellations sentence');
  await accessible(page, 'new training');
  await create.getByRole('button', { name: 'Create training' }).click();
  await expectVisible(page.getByRole('heading', { name: title, level: 1 }), 'the new training\'s page');
  const [created] = (await api(`/trainings?q=${encodeURIComponent(title)}`, { token: owner })).items;
  if (created?.stopRegistrationBefore?.amount !== 2 || created.stopRegistrationBefore.unit !== 'DAYS'
    || created.stopCancellationBefore?.amount !== 24 || created.stopCancellationBefore.unit !== 'HOURS'
    || created.timeZone !== ZONE || created.sessionSelection !== 'PRESET') {
    problems.push(`the training was not created as entered: ${JSON.stringify(created)}`);
  }

  // the Details and Availability tabs show what was saved
  await page.getByRole('tab', { name: 'Details' }).click();
  await expectVisible(page.getByRole('radio', { name: 'Administrators assign the sessions', checked: true }),
    'the saved session selection');
  await accessible(page, 'training details');
  await page.getByRole('tab', { name: 'Availability' }).click();
  await expectVisible(page.getByText('Registration for a session closes 2 days before it starts.'),
    'the saved stop registration');
  await expectVisible(page.getByText(cancellationSentence), 'the saved stop cancellations');
  await accessible(page, 'training availability');
  await screenshot(page, 'training-availability');
  await page.getByRole('tab', { name: /^Sessions/ }).click();

  // 3. two sessions: one seat yesterday (so attendance can be marked), ten seats in two weeks
  step('add two sessions');
  const hour = 3_600_000;
  const yesterday = Date.now() - 24 * hour;
  const later = Date.now() + 14 * 24 * hour;
  const small = `Room ${tag}`;
  await addSession(page, wallClock(yesterday), wallClock(yesterday + 2 * hour), small, 1);
  await addSession(page, wallClock(later), wallClock(later + 3 * hour), 'Online', 10);
  const sessions = await api(`/trainings/${created.id}/sessions`, { token: owner });
  const one = sessions.find((session) => session.location === small);
  const ten = sessions.find((session) => session.location === 'Online');
  if (!one?.localStartsAt?.startsWith(wallClock(yesterday)) || one.capacity !== 1 || ten?.capacity !== 10) {
    problems.push(`the sessions were not saved in ${ZONE} as entered: ${JSON.stringify(sessions)}`);
  }
  await accessible(page, 'training sessions');
  await screenshot(page, 'training-sessions');

  // 4. two learners into the single seat: one enrolled, one waitlisted, each said per user
  step('add two participants to the one-seat session');
  await page.getByRole('tab', { name: 'Participants' }).click();
  await choose(page, page.getByRole('combobox', { name: 'Session', exact: true }), new RegExp(small));
  await page.getByRole('button', { name: 'Add participants' }).click();
  const add = page.getByRole('dialog', { name: 'Add participants' });
  await pickUser(page, add, 'agata', 'Agata Brown (agata.brown)');
  await pickUser(page, add, 'julie', 'Julie Gibson (julie.gibson)');
  await accessible(page, 'add participants');
  await add.getByRole('button', { name: 'Add 2 participants' }).click();
  const added = page.getByRole('dialog', { name: 'Participants added' });
  await expectVisible(added.getByText('Agata Brown (agata.brown): Enrolled'), 'Agata enrolled');
  await expectVisible(added.getByText('Julie Gibson (julie.gibson): On the waitlist: the session is full'), 'Julie waitlisted');
  await screenshot(page, 'training-participants-added');
  await added.getByRole('button', { name: 'Done' }).click();
  await expectVisible(page.getByText('This session: 1 of 1 seat taken, 0 free, 1 on the waitlist.'), 'the session\'s seats');
  await expectVisible(page.getByRole('cell', { name: 'On the waitlist, 1st in line' }), 'Julie\'s place in line');

  // 5. attendance of the one who sat in yesterday's session
  step('mark attendance');
  await choose(page, page.getByRole('combobox', { name: 'Attendance of Agata Brown' }), 'Attended');
  const attended = async () => (await api(`/trainings/${created.id}/participants?sessionId=${one.id}`, { token: owner }))
    .items.find((participant) => participant.firstName === 'Agata')?.attendance;
  for (let tries = 0; tries < 50 && await attended() !== 'ATTENDED'; tries++) {
    await page.waitForTimeout(200);
  }
  if (await attended() !== 'ATTENDED') problems.push('Agata\'s attendance was not marked');

  // 6. the waitlisted one moved to the other session, where a seat is free
  step('move the waitlisted participant');
  await page.getByRole('button', { name: 'Move Julie Gibson', exact: true }).click();
  const move = page.getByRole('dialog', { name: 'Move Julie Gibson' });
  await expectVisible(move.getByRole('combobox', { name: 'To session' }), 'the session to move to');
  await accessible(page, 'move participant');
  await move.getByRole('button', { name: 'Move', exact: true }).click();
  await expectVisible(move.getByText(/Julie Gibson moved to .*Online: enrolled/), 'the move\'s outcome');
  await move.getByRole('button', { name: 'Done' }).click();
  await choose(page, page.getByRole('combobox', { name: 'Session', exact: true }), 'Every session');
  await expectVisible(page.getByRole('row', { name: /Julie Gibson.*Online.*Enrolled/ }), 'Julie in the other session');
  await accessible(page, 'training participants');
  await screenshot(page, 'training-participants');

  // 7. at a phone's width
  step('the participants at a phone width');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectVisible(page.getByRole('button', { name: 'Show the menu' }), 'the menu button');
  await accessible(page, 'training participants (phone)');
  await screenshot(page, 'training-participants-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // 8. a course, assigned to a learner
  step('create a course and assign a learner');
  await page.getByRole('link', { name: 'Courses', exact: true }).click();
  await expectVisible(page.getByRole('heading', { name: 'Courses', level: 1 }), 'the courses list');
  // the pointer off the navigation: an active entry under it is tinted darker (the shared layout's, checked elsewhere)
  await page.mouse.move(900, 700);
  await expectVisible(page.getByRole('row').nth(1), 'a course row');
  await accessible(page, 'courses');
  await screenshot(page, 'courses');
  await page.getByRole('button', { name: 'New course' }).click();
  const course = page.getByRole('dialog', { name: 'New course' });
  await course.getByLabel('Title').fill(`Evacuation basics ${tag}`);
  await course.getByLabel('Description').fill('Ten minutes, self-paced.');
  await accessible(page, 'new course');
  await course.getByRole('button', { name: 'Create course' }).click();
  await expectVisible(page.getByRole('heading', { name: `Evacuation basics ${tag}`, level: 1 }), 'the new course\'s page');
  await page.getByRole('button', { name: 'Assign users' }).click();
  const assign = page.getByRole('dialog', { name: `Assign "Evacuation basics ${tag}"` });
  await pickUser(page, assign, 'earl', 'Earl Miller (earl.miller)');
  await accessible(page, 'assign course');
  await assign.getByRole('button', { name: 'Assign to 1 user' }).click();
  await expectVisible(assign.getByText('Earl Miller (earl.miller): Assigned'), 'Earl assigned');
  await assign.getByRole('button', { name: 'Done' }).click();
  await expectVisible(page.getByRole('row', { name: /Earl Miller.*Not started.*0%/ }), 'Earl among the learners');
  await accessible(page, 'course');
  await screenshot(page, 'course');

  // 9. the programs list opens too
  step('the programs list');
  await page.getByRole('link', { name: 'Programs', exact: true }).click();
  await expectVisible(page.getByRole('link', { name: 'Sales Onboarding' }), 'the demo program');
  await page.mouse.move(900, 700);
  await accessible(page, 'programs');
  await page.getByRole('link', { name: 'Sales Onboarding' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Courses, in order' }), 'the program\'s courses');
  await accessible(page, 'program');
  await page.goto(`${base}/trainings`);
  await expectVisible(page.getByRole('link', { name: title }), 'the new training in the list');
}
