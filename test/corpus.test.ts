/**
 * Corpus check: every third-party Dockerfile in `../shared/corpus/` (or `$DOCKERFIX_CORPUS`)
 * through the engine with all default transforms, then each transform alone, with the build
 * context its `context-files.txt` describes. What is checked: see `helpers/corpus-check.ts`.
 *
 * The work runs in plain Node child processes, one shard per CPU: inside jest's VM context
 * every global lookup is intercepted and dockerfile-ast runs 10-40x slower, which would turn
 * a ~20 s check into minutes. The children load the same TypeScript sources (transpiled by
 * `helpers/ts-hooks.mjs`), so there is no build step.
 *
 * All failures are collected and reported together; the counts are printed in one block.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { formatReport, mergeReports, type Category, type CorpusReport } from './helpers/corpus-check.js';
import { corpusDir } from './helpers/corpus.js';

const ROOT = join(import.meta.dirname, '..');
const DIR = corpusDir(ROOT);
const SHARDS = Math.max(1, Math.min(availableParallelism(), 8));

function runShard(index: number): Promise<CorpusReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', '--import', './test/helpers/ts-register.mjs', 'test/helpers/corpus-check.ts', '--shard', `${index}/${SHARDS}`],
      { cwd: ROOT, env: { ...process.env, DOCKERFIX_CORPUS: DIR }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString();
      if (code !== 0) return reject(new Error(`corpus shard ${index}/${SHARDS} exited with ${code}:\n${stderr}`));
      try {
        resolve(JSON.parse(Buffer.concat(out).toString()) as CorpusReport);
      } catch (e) {
        reject(new Error(`corpus shard ${index}/${SHARDS} printed no report: ${(e as Error).message}\n${stderr}`));
      }
    });
  });
}

if (!existsSync(DIR)) {
  const why = `corpus check SKIPPED: no corpus at ${DIR} (check out ../shared/corpus or set DOCKERFIX_CORPUS)`;
  console.warn(why);
  // jest drops the console output of an all-skipped suite when it runs several: say it on stderr too.
  process.stderr.write(`\n${why}\n\n`);
  test.skip(`corpus check (no corpus at ${DIR})`, () => {});
} else {
  describe('corpus', () => {
    let report: CorpusReport;

    // The budget is a minute on an idle machine; the timeout only guards against a hang, since
    // a busy machine (other builds on the same cores) can stretch the wall time several-fold.
    beforeAll(async () => {
      const t0 = performance.now();
      report = mergeReports(await Promise.all(Array.from({ length: SHARDS }, (_, k) => runShard(k))));
      const wall = performance.now() - t0;
      const over = wall > 60_000 ? `; OVER the 1-minute budget (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)` : '';
      console.log(formatReport(report, wall) + `\n  (${SHARDS} shard(s) in parallel${over})`);
    }, 600_000);

    const expectNone = (cat: Category) => {
      const list = report.failures[cat];
      if (list.length) throw new Error(`${list.length} failure(s):\n${list.join('\n')}`);
    };

    test('finds every Dockerfile that FEATURES.tsv lists', () => {
      expect(report.files).toBeGreaterThan(0);
      const tsv = join(DIR, 'FEATURES.tsv');
      if (!existsSync(tsv)) return;
      const listed = readFileSync(tsv, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[0]).sort();
      expect(report.paths).toEqual(listed);
    });
    test('no transform run throws', () => expectNone('crash'));
    test('no file gets an error other than bad input (E_NOT_DOCKERFILE)', () => expectNone('error'));
    test('every output re-parses into the same skeleton, and a run on it gives no error', () => expectNone('reparse'));
    test('a second run changes nothing (idempotent)', () => expectNone('idempotent'));
    test('every FROM line is byte-identical and in the same order', () => expectNone('from'));
    test('files without changes are byte-identical; change flags match the bytes', () => expectNone('untouched'));
    test('order-only transforms only reorder whole instructions within their stage', () => expectNone('orderOnly'));
    test('the model\'s scanner finds the spans a whole dockerfile-ast parse finds (inputs, outputs, random edits)', () => {
      expectNone('scan');
      expect(report.scanned.inputs).toBe(report.files - report.nonUtf8.length);
      expect(report.scanned.outputs).toBe(report.all.changed);
      expect(report.scanned.randomEdits).toBe(3 * report.scanned.inputs);
    });
  });
}
