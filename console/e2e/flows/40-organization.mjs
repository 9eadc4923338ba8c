// The administrator's organization screens, as the Account Owner: a department created under Sales Department with a
// supervisor, moved and renamed, a refused deletion explained, then deleted; a static group with members added and one
// removed, a smart group by department; a role's permissions, a custom role with two permissions and a department;
// the account's seats, its time zone changed and changed back, a SCIM token created (its secret shown once) and
// revoked; a phone's width.
import { accessible, api, base, expectVisible, newPage, problems, screenshot as fullPage, signIn, step, tag,
  tokenOf } from '../support.mjs';

/** A full-page screenshot from the top (scrolled, the frame's fixed header and navigation would land mid-page). */
async function screenshot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPage(page, name);
}

/**
 * Picks an option of a searchable select (a Select, or a MultiSelect such as a UserPicker, whose options the server
 * found) by typing part of it; a MultiSelect's list stays open, and Escape closes it (not the dialog around it).
 */
async function pick(scope, page, label, search, option, { multiple = false } = {}) {
  const input = scope.getByRole('combobox', { name: label });
  await input.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
  if (multiple) {
    await input.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
  }
}

/** Waits until the account's time zone, read through the API, is `zone`. */
async function timeZoneIs(token, zone) {
  const deadline = Date.now() + 15_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await api('/account', { token })).timeZone;
    if (seen === zone) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  problems.push(`the account's time zone is ${seen}, not ${zone}`);
}

/** The tree's button for a department, whatever its user count. */
function departmentButton(page, name) {
  return page.getByRole('list', { name: 'Department tree' })
    .getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+ users?$`) });
}

/**
 * Who may grant what: a person who may manage roles and view users, but not delete them, is refused a role that deletes
 * users, in the service's words. The person and their role are this run's own, removed after.
 */
async function refusedGrant(browser, owner) {
  step('roles: a grant refused');
  const limited = await api('/roles', { token: owner, method: 'POST', body: {
    name: `Role keepers ${tag}`, permissions: ['ROLES_MANAGE', 'USERS_VIEW'],
  } });
  const secret = `Keeper-${tag}-pw1`;
  const keeper = await api('/users', { token: owner, method: 'POST', body: {
    login: `${tag}.keeper`, email: `${tag}.keeper@example.com`, firstName: 'Rita', lastName: `Keeper ${tag}`,
    password: secret, roleIds: [limited.id],
  } });
  try {
    const page = await newPage(browser);
    const dialog = page.getByRole('dialog');
    await signIn(page, `${tag}.keeper`, secret, '/roles');
    await expectVisible(page.getByRole('heading', { name: 'Roles', level: 1 }), 'the roles page of a role keeper');
    await page.getByRole('button', { name: 'New role' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(`Deleters ${tag}`);
    await dialog.getByRole('checkbox', { name: 'View users', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'Delete users', exact: true }).check();
    await expectVisible(dialog.getByText(/Delete users for good.*You do not hold it, so you cannot grant it\./),
      'the warning on a permission the person lacks');
    await dialog.getByRole('button', { name: 'Create role' }).click();
    const refusal = dialog.getByRole('alert').getByText('Nobody grants a permission they do not hold themselves');
    await expectVisible(refusal, 'the refusal in words');
    await accessible(page, 'refused role');
    await refusal.scrollIntoViewIfNeeded();
    await fullPage(page, 'roles-refused');
    await page.context().close();
  } finally {
    await api(`/users/${keeper.id}`, { token: owner, method: 'DELETE' });
    await api(`/roles/${limited.id}`, { token: owner, method: 'DELETE' });
  }
}

export default async function organization(browser) {
  const page = await newPage(browser);
  const dialog = page.getByRole('dialog');
  const owner = await tokenOf();
  await signIn(page, undefined, undefined, '/departments');

  // 1. departments: a new one under Sales Department with a supervisor, seen in the tree
  step('departments: create under Sales Department');
  await expectVisible(page.getByRole('heading', { name: 'Departments', level: 1 }), 'the departments page');
  await departmentButton(page, 'Sales Department').click();
  await expectVisible(page.getByRole('heading', { name: 'Sales Department', level: 2 }), 'Sales Department opened');
  await page.getByRole('button', { name: 'Add sub-department' }).click();
  const name = `Field Sales ${tag}`;
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await pick(dialog, page, 'Supervisors', 'supervisor', 'Sofia Supervisor (supervisor)', { multiple: true });
  await accessible(page, 'new department dialog');
  await dialog.getByRole('button', { name: 'Create department' }).click();
  await expectVisible(page.getByRole('heading', { name, level: 2 }), 'the new department opened');
  await expectVisible(departmentButton(page, name), 'the new department in the tree');
  await expectVisible(page.getByRole('list', { name: 'Supervisors' }).getByText('Sofia Supervisor (supervisor)'),
    'its supervisor');
  await expectVisible(page.getByText(`My Company / Sales Department / ${name}`), 'its path');
  await accessible(page, 'departments');
  await screenshot(page, 'departments');

  // 2. the service's refusal in words: Sales Department has people and sub-departments
  step('departments: a refused deletion');
  await departmentButton(page, 'Sales Department').click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete department' }).click();
  await expectVisible(dialog.getByRole('alert').getByText(/first/), 'the refusal to delete Sales Department');
  await accessible(page, 'refused deletion');
  await screenshot(page, 'departments-delete-refused');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // 3. moved under Customer Care and renamed in one save, then deleted
  step('departments: move, rename, delete');
  await departmentButton(page, name).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const renamed = `${name} East`;
  await dialog.getByRole('textbox', { name: 'Name' }).fill(renamed);
  await pick(dialog, page, 'Parent department', 'Customer Care', 'My Company / Sales Department / Customer Care');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expectVisible(page.getByText(`My Company / Sales Department / Customer Care / ${renamed}`), 'the moved department');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete department' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Customer Care', level: 2 }), 'its parent after the deletion');
  await departmentButton(page, renamed).first().waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => problems.push('the deleted department is still in the tree'));

  // 4. a static group: two demo learners added, one removed
  step('groups: a static group');
  await page.getByRole('link', { name: 'Groups' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Groups', level: 1 }), 'the groups page');
  await page.getByRole('button', { name: 'New group' }).click();
  const staticName = `Mentors ${tag}`;
  await dialog.getByRole('textbox', { name: 'Name' }).fill(staticName);
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await expectVisible(page.getByRole('heading', { name: staticName, level: 1 }), 'the new group');
  await pick(page, page, 'People to add', 'agata', 'Agata Brown (agata.brown)', { multiple: true });
  await pick(page, page, 'People to add', 'julie', 'Julie Gibson (julie.gibson)', { multiple: true });
  await page.getByRole('button', { name: 'Add 2 people' }).click();
  const members = page.getByRole('table', { name: 'Members' });
  await expectVisible(members.getByRole('link', { name: 'Julie Gibson (julie.gibson)' }), 'the second member');
  await expectVisible(members.getByRole('link', { name: 'Agata Brown (agata.brown)' }), 'the first member');
  await page.getByRole('button', { name: 'Remove Julie Gibson (julie.gibson)' }).click();
  await expectVisible(page.getByText('1 member', { exact: true }), 'one member left');
  await members.getByRole('link', { name: 'Julie Gibson (julie.gibson)' }).waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => problems.push('the removed member is still listed'));
  await accessible(page, 'group');
  await screenshot(page, 'groups');

  // 5. a smart group: everyone in Sales Department and below
  step('groups: a smart group');
  await page.getByRole('link', { name: '← Groups' }).click();
  await page.getByRole('button', { name: 'New group' }).click();
  const smartName = `Sales people ${tag}`;
  await dialog.getByRole('textbox', { name: 'Name' }).fill(smartName);
  await dialog.getByRole('radio', { name: /^Smart/ }).check();
  await pick(dialog, page, 'Department', 'Sales', 'My Company / Sales Department');
  await accessible(page, 'new smart group dialog');
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await expectVisible(page.getByText('Members: In My Company / Sales Department and below.'), 'the smart group\'s rule');
  await expectVisible(members.getByRole('link', { name: 'Julie Gibson (julie.gibson)' }), 'a member by the rule');
  await page.getByRole('link', { name: '← Groups' }).click();
  await page.getByLabel('Search').fill(tag);
  await expectVisible(page.getByRole('link', { name: smartName }), 'the smart group in the list');
  await accessible(page, 'groups list');
  await screenshot(page, 'groups-list');
  for (const group of [smartName, staticName]) {
    await page.getByRole('link', { name: group }).click();
    await page.getByRole('button', { name: 'Delete group' }).click();
    await dialog.getByRole('button', { name: 'Delete group' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Groups', level: 1 }), 'the groups after a deletion');
  }

  // 6. roles: a built-in role's permissions, a custom role with two permissions for Sales Department
  step('roles');
  await page.getByRole('link', { name: 'Roles' }).click();
  await page.getByRole('button', { name: 'Administrator', exact: true }).click();
  await expectVisible(dialog.getByRole('checkbox', { name: 'Manage roles' }), 'the Administrator\'s permissions');
  if (!(await dialog.getByRole('checkbox', { name: 'Manage roles' }).isChecked())) {
    problems.push('the Administrator role does not show Manage roles checked');
  }
  await accessible(page, 'built-in role');
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await page.getByRole('button', { name: 'New role' }).click();
  const roleName = `Enrollers ${tag}`;
  await dialog.getByRole('textbox', { name: 'Name' }).fill(roleName);
  await dialog.getByRole('checkbox', { name: 'View users', exact: true }).check();
  await dialog.getByRole('checkbox', { name: 'Enroll users', exact: true }).check();
  await pick(dialog, page, 'Departments it applies to', 'Sales', 'My Company / Sales Department', { multiple: true });
  await accessible(page, 'new role dialog');
  await dialog.getByRole('button', { name: 'Create role' }).click();
  const row = page.getByRole('row', { name: new RegExp(roleName) });
  await expectVisible(row.getByText('View users, Enroll users'), 'the new role\'s permissions');
  await expectVisible(row.getByText('My Company / Sales Department'), 'the new role\'s department');
  await accessible(page, 'roles');
  await screenshot(page, 'roles');
  await page.getByRole('button', { name: `Delete ${roleName}` }).click();
  await dialog.getByRole('button', { name: 'Delete role' }).click();
  await row.waitFor({ state: 'detached', timeout: 15_000 });
  await refusedGrant(browser, owner);

  // 7. the account: seats, the time zone changed and changed back, a SCIM token created and revoked
  step('account');
  await page.getByRole('link', { name: 'Account' }).click();
  await expectVisible(page.getByRole('progressbar', { name: 'Seats' }), 'the seats used');
  await expectVisible(page.getByText(/^\d+ of \d+ seats used\.$/), 'seats used against the limit');
  const before = (await api('/account', { token: owner })).timeZone;
  const other = before === 'Europe/Lisbon' ? 'Europe/Berlin' : 'Europe/Lisbon';
  for (const zone of [other, before]) {
    await pick(page, page, 'Time zone', zone, zone);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectVisible(page.getByText('Saved.', { exact: true }), `the time zone ${zone} saved`);
    await timeZoneIs(owner, zone);
  }
  const tokenName = `Okta ${tag}`;
  await page.getByRole('textbox', { name: 'New token\'s name' }).fill(tokenName);
  await page.getByRole('button', { name: 'Create token' }).click();
  await expectVisible(page.getByText(/^scim_/), 'the new token\'s secret');
  await accessible(page, 'account');
  await screenshot(page, 'account');
  await page.getByRole('button', { name: 'Done, hide it' }).click();
  await page.getByRole('button', { name: `Revoke ${tokenName}` }).click();
  await dialog.getByRole('button', { name: 'Revoke token' }).click();
  await page.getByRole('button', { name: `Revoke ${tokenName}` }).waitFor({ state: 'detached', timeout: 15_000 });
  await page.getByRole('switch', { name: 'Show revoked tokens' }).check();
  await expectVisible(page.getByRole('row', { name: new RegExp(tokenName) }).getByText(/^Revoked /), 'the revoked token');

  // 8. a phone's width
  step('organization at a phone width');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/departments`);
  await expectVisible(departmentButton(page, 'Sales Department'), 'the tree on a phone');
  await accessible(page, 'departments (phone)');
  await screenshot(page, 'departments-phone');
  await page.goto(`${base}/roles`);
  await expectVisible(page.getByRole('table', { name: 'Roles' }), 'the roles on a phone');
  await accessible(page, 'roles (phone)');
  await screenshot(page, 'roles-phone');
  await page.goto(`${base}/account`);
  await expectVisible(page.getByRole('progressbar', { name: 'Seats' }), 'the account on a phone');
  await accessible(page, 'account (phone)');
  await screenshot(page, 'account-phone');
  await page.context().close();
}
