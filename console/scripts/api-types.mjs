// Generates src/api/<service>.d.ts from each service's API document in openapi/ (one openapi-typescript run each).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

for (const document of readdirSync('openapi').filter((name) => name.endsWith('.json'))) {
  const service = document.replace(/\.json$/, '');
  execFileSync('npx', ['--no-install', 'openapi-typescript', `openapi/${document}`, '-o', `src/api/${service}.d.ts`,
    '--silent'], { stdio: 'inherit' });
}
