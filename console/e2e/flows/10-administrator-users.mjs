// The administrator's walk of the seeds' user flows: sign in (refused, then accepted), the users list with a bulk
// action on a date and one now after the impact preview, the user card (save with the ETag, a conflict explained,
// employment ended), a phone's width, sign out.
import { accessible, account, api, base, expectValue, expectVisible, login, newPage, password, problems, screenshot,
  step, tag, tokenOf } from '../support.mjs';

export default async function administratorUsers(browser) {
  const page = await newPage(browser);
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
  // the department filter takes its sub-departments along: Customer Care is under Sales
  await page.getByRole('combobox', { name: 'Department' }).fill('Sales Department');
  await page.getByRole('option', { name: 'My Company / Sales Department', exact: true }).click();
  await expectVisible(page.getByRole('link', { name: 'Gibson, Julie' }), 'a user of a sub-department');
  await page.getByRole('link', { name: 'Evans, Harry' }).waitFor({ state: 'detached', timeout: 15_000 });
  await accessible(page, 'users filtered by department');
  await screenshot(page, 'users-by-department');
  await page.getByRole('button', { name: 'Any department' }).click();
  await expectVisible(page.getByRole('link', { name: 'Admin, Adam' }), 'every user again');

  // 3. two users of this run's own, found by search, deactivated on a date in one bulk action
  const owner = await tokenOf();
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

  // the card's other tabs: a static group joined, a role granted, a new password set
  step('the user card: groups, roles, sign-in');
  const mentors = `Card mentors ${tag}`;
  const group = await api('/groups', { token: owner, method: 'POST', body: { name: mentors, kind: 'STATIC' } });
  await page.getByRole('tab', { name: 'Groups' }).click();
  await expectVisible(page.getByText('Not in any group.'), 'the empty groups tab');
  await page.getByRole('combobox', { name: 'Add to a static group' }).fill(mentors);
  await page.getByRole('option', { name: mentors }).click();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expectVisible(page.getByRole('cell', { name: mentors }), 'the group joined');
  await accessible(page, 'user card: groups');
  await screenshot(page, 'user-card-groups');
  await api(`/groups/${group.id}`, { token: owner, method: 'DELETE' });
  await page.getByRole('tab', { name: 'Roles' }).click();
  await page.getByRole('checkbox', { name: 'Administrator' }).check();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await expectVisible(page.getByText(/^Roles saved/), 'the roles saved');
  await accessible(page, 'user card: roles');
  await page.getByRole('tab', { name: 'Sign-in' }).click();
  await page.getByLabel(/^New password/).fill(`Reset-${tag}-pw`);
  await page.getByLabel(/^Repeat the password/).fill(`Reset-${tag}-pw`);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expectVisible(page.getByText('The new password is set. Tell it to the person.'), 'the new password');
  await accessible(page, 'user card: sign-in');
  await tokenOf(`${tag}.b`, `Reset-${tag}-pw`);

  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'End employment' }).click();
  await expectVisible(dialog.getByText('1 user will be changed.'), 'the impact preview on the card');
  await dialog.getByRole('button', { name: 'End employment now' }).click();
  await expectVisible(dialog.getByText('1 user was changed.'), 'the outcome on the card');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectVisible(page.getByText(/^Employment Ended /), 'the ended employment on the card');
  await screenshot(page, 'user-card');
  await page.getByRole('tab', { name: 'Audit' }).click();
  await expectVisible(page.getByRole('cell', { name: 'Status changed from Active to Employment Ended' }), 'the audit of the change');
  await expectVisible(page.getByRole('cell', { name: 'Password set' }), 'the audit of the new password');
  await accessible(page, 'user card: audit');
  await screenshot(page, 'user-card-audit');
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
}
