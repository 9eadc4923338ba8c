// An invited person sets a password from the email's link and signs in with it (when the run was given the link).
import { accessible, account, base, env, expectVisible, newPage, screenshot, step, tag } from '../support.mjs';

export default async function invitation(browser) {
  const link = process.env.ROSTER_INVITATION;
  if (!link) {
    step('no ROSTER_INVITATION: the invitation flow is left out');
    return;
  }
  const page = await newPage(browser);
  // 8. an invited person sets a password from the email's link and signs in with it
  step('set a password from an invitation');
  const chosen = `Chosen-${tag}-pw`;
  await page.goto(`${base}${link}`);
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
