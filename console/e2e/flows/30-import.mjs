// The seeds' "import a file with preview and confirm", as the owner: the template downloaded; a small CSV made here from
// its header (a new user, harry.evans's job title changed, an invalid row) uploaded; the preview with the invalid row's
// reason, filtered; confirmed and followed to the end; the new user in the users list; the report and the export
// downloaded; the same file uploaded again and discarded; the screens at a phone's width.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { accessible, api, expectVisible, newPage, problems, screenshot, signIn, step, tag, tokenOf } from '../support.mjs';

/** Clicks what starts a download and waits for the file: its suggested name and its bytes. */
async function downloaded(page, click, what) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const file = await download.path();
  if (!file) throw new Error(`${what}: the download failed (${await download.failure()})`);
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

/** Picks a file in the labelled file input, as a person does: its button opens the browser's file chooser. */
async function chooseFile(page, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel('File to import').click()]);
  await chooser.setFiles(file);
}

function expectName(name, pattern, what) {
  if (!pattern.test(name)) problems.push(`${what}: saved as "${name}", expected ${pattern}`);
}

export default async function importUsers(browser) {
  const owner = await tokenOf();
  const [harry] = (await api('/users?q=harry.evans', { token: owner })).items;
  const harryTitle = (await api(`/users/${harry.id}`, { token: owner })).jobTitle ?? '';
  const page = await newPage(browser);
  try {
    // 1. the import and export page; the template, in both formats, under the server's names
    step('import and export');
    await signIn(page, undefined, undefined, '/imports');
    await expectVisible(page.getByRole('heading', { name: 'Import and export', level: 1 }), 'the import and export page');
    await expectVisible(page.getByRole('table', { name: 'Past imports' }), 'the past imports');
    await accessible(page, 'import and export');
    await screenshot(page, 'import-start');
    const xlsx = await downloaded(page, () => page.getByRole('button', { name: 'Download the template (Excel)' }).click(),
      'the Excel template');
    expectName(xlsx.name, /^users-template-\d{4}-\d{2}-\d{2}\.xlsx$/, 'the Excel template');
    if (xlsx.bytes.subarray(0, 2).toString() !== 'PK') problems.push('the Excel template is not a workbook');
    const csv = await downloaded(page, () => page.getByRole('button', { name: 'Download the template (CSV)' }).click(),
      'the CSV template');
    expectName(csv.name, /^users-template-\d{4}-\d{2}-\d{2}\.csv$/, 'the CSV template');

    // 2. the file, filled in from the template's own header: a new user, an update, an invalid row
    const header = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
    const line = (cells) => header.map((column) => cells[column] ?? '').join(',');
    const newLogin = `${tag}.imported`;
    const file = path.join(os.tmpdir(), `${tag}-users.csv`);
    await writeFile(file, [header.join(','),
      line({ Login: newLogin, Email: `${newLogin}@example.com`, 'First name': 'Imported', 'Last name': tag,
        Department: 'My Company / Sales Department', 'Job title': 'Trainee', Status: 'Inactive' }),
      line({ Login: 'harry.evans', 'Job title': `Engineer ${tag}` }),
      line({ Login: `${tag}.broken`, Email: 'not-an-email', 'First name': 'Broken', 'Last name': tag }),
    ].join('\n'));

    step('upload and preview');
    await chooseFile(page, file);
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await expectVisible(page.getByRole('heading', { name: `Import of ${path.basename(file)}` }), 'the import\'s page');
    await expectVisible(page.getByText('Email: \'not-an-email\' is not an email address'), 'the invalid row\'s reason');
    await expectVisible(page.getByText(`Job title: Engineer ${tag}`), 'the update of harry.evans');
    await expectVisible(page.getByText('Confirming will create 1 user and update 1 user. 1 invalid row will be skipped.',
      { exact: false }), 'what confirming will do');
    await accessible(page, 'import preview');
    await screenshot(page, 'import-preview');
    // the rows filtered by the server: only the invalid one
    const rows = page.getByRole('table', { name: 'Rows of the file' });
    await page.getByText('Invalid (1)', { exact: true }).click();
    await rows.getByText('harry.evans', { exact: true }).waitFor({ state: 'detached', timeout: 15_000 });
    await expectVisible(rows.getByText(`${tag}.broken`, { exact: true }), 'the invalid row alone');
    await page.getByText('Invalid (1)', { exact: true }).click();
    await expectVisible(rows.getByText('harry.evans', { exact: true }), 'every row again');

    // 3. confirmed: followed until done, each row's outcome
    step('confirm and follow');
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await expectVisible(page.getByRole('progressbar', { name: 'Rows applied' }), 'the progress');
    await expectVisible(page.getByText('The import is done'), 'the outcome', 60_000);
    await expectVisible(page.getByText('2 rows applied, 0 refused.', { exact: false }), 'the counts of the outcome');
    await expectVisible(page.getByRole('cell', { name: 'Created', exact: true }), 'the new user\'s outcome');
    await expectVisible(page.getByRole('cell', { name: 'Updated', exact: true }), 'the update\'s outcome');
    await expectVisible(page.getByRole('cell', { name: 'Skipped: invalid', exact: true }), 'the invalid row\'s outcome');
    await accessible(page, 'import done');
    await screenshot(page, 'import-done');
    const report = await downloaded(page, () => page.getByRole('button', { name: 'Download the report' }).click(),
      'the report');
    expectName(report.name, /^import-report-\d{4}-\d{2}-\d{2}\.xlsx$/, 'the report');
    if (report.bytes.subarray(0, 2).toString() !== 'PK') problems.push('the report is not a workbook');

    // 4. the new user in the users list
    step('the new user in the users list');
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByLabel('Search').fill(tag);
    await expectVisible(page.getByRole('cell', { name: newLogin, exact: true }), 'the imported user in the users list');

    // 5. the past imports, and the export of the users found by this run's tag, as CSV
    step('past imports and the export');
    await page.getByRole('link', { name: 'Import and export', exact: true }).click();
    const past = page.getByRole('row').filter({ has: page.getByRole('link', { name: path.basename(file) }) });
    await expectVisible(past.getByText('Done'), 'the import, done, among the past imports');
    await page.getByRole('region', { name: 'Export users' }).getByLabel('Search').fill(tag);
    await page.getByRole('radio', { name: 'CSV' }).check();
    const exported = await downloaded(page, () => page.getByRole('button', { name: 'Download the export' }).click(),
      'the export');
    expectName(exported.name, /^users-\d{4}-\d{2}-\d{2}\.csv$/, 'the export');
    const text = exported.bytes.toString('utf8');
    if (!text.includes(`${newLogin},${newLogin}@example.com,Imported,${tag}`)) {
      problems.push(`the export lacks the imported user:\n${text}`);
    }
    if (text.includes('harry.evans')) problems.push('the export was not filtered by the search');

    // 6. the same file again: harry.evans is now unchanged; discarded, nothing of it applies
    step('upload again and discard');
    await chooseFile(page, file);
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await expectVisible(page.getByRole('button', { name: 'Discard' }), 'the second preview');
    await page.getByRole('button', { name: 'Discard' }).click();
    await expectVisible(page.getByText('This import was discarded: nothing of it was applied.'), 'the discarded import');

    // 7. a phone's width
    step('a phone\'s width');
    await page.setViewportSize({ width: 390, height: 844 });
    await accessible(page, 'import (phone)');
    await screenshot(page, 'import-phone');
    await page.getByRole('link', { name: '← Import and export' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Import and export', level: 1 }), 'the page at a phone\'s width');
    await accessible(page, 'import and export (phone)');
    await screenshot(page, 'import-start-phone');
  } finally {
    // harry.evans is the demo's: his job title as it was before this run
    await api(`/users/${harry.id}`, { token: owner, method: 'PATCH', body: { jobTitle: harryTitle } });
    await page.context().close();
  }
}
