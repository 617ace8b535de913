/**
 * parseShell over every shell-form RUN body of the shared corpus of real Dockerfiles
 * (extracted by bench/run-bodies.mjs). Skipped, with a message, when the corpus is absent.
 */
import { existsSync } from 'node:fs';
import { corpusRunBodies, logicalText } from '../../bench/run-bodies.mjs';
import { applyEdits, logicalize, parseShell, removeArg, removeCommand } from '../../src/shell/index.js';

const CORPUS = process.env.DOCKERFIX_CORPUS ?? '/work/shared/corpus';
const present = existsSync(CORPUS);
if (!present) console.warn(`test/shell/corpus.test.ts: corpus not found at ${CORPUS}: skipped`);

(present ? describe : describe.skip)('shell corpus', () => {
  test('every shell-form RUN body: no throw, ranges inside the body, edits re-parse', () => {
    const { files, bodies, skipped } = corpusRunBodies(CORPUS);
    let ok = 0;
    let commands = 0;
    let removable = 0;
    let argEdits = 0;
    const failed: string[] = [];
    const problems: string[] = [];
    for (const b of bodies) {
      // our logical line equals the benchmark's independent line-joiner
      expect(logicalize(b.raw, b.escape).text).toBe(logicalText(b.raw, b.escape));
      const r = parseShell(b.raw, b.escape);
      if (!r.ok) {
        failed.push(`${b.file}: ${r.error.message}: ${JSON.stringify(b.raw.slice(0, 120))}`);
        continue;
      }
      ok++;
      const s = r.script;
      for (const c of s.commands) {
        commands++;
        const ranges = [c, ...(c.name ? [c.name] : []), ...c.args, ...c.assignments, ...c.redirects];
        for (const x of [...ranges, ...(c.before ? [c.before] : []), ...(c.after ? [c.after] : [])]) {
          if (!(x.start >= 0 && x.start <= x.end && x.end <= b.raw.length)) problems.push(`range ${x.start}-${x.end}: ${b.file}`);
        }
        for (const w of ranges) if ('text' in w && b.raw.slice(w.start, w.end) !== w.text) problems.push(`text: ${b.file}`);

        const edit = removeCommand(s, c);
        if (edit) {
          removable++;
          const out = applyEdits(b.raw, [edit]);
          const again = parseShell(out, b.escape);
          // still one instruction, still parses, one command fewer (plus its nested ones)
          const nestedIn = s.commands.filter((x) => x !== c && x.start >= c.start && x.end <= c.end).length;
          // (what follows the instruction's last kept line, e.g. a dangling `\` + empty line, is unchanged)
          const tail = (t: string) => t.slice(logicalize(t, b.escape).rawEnd);
          if (tail(out) !== tail(b.raw)) problems.push(`removeCommand ends the RUN early: ${b.file}`);
          else if (!again.ok) problems.push(`removeCommand result does not parse (${again.error.message}): ${JSON.stringify(out.slice(0, 200))}`);
          else if (again.script.commands.length !== s.commands.length - 1 - nestedIn) problems.push(`removeCommand count: ${b.file}`);
        }
        // removing an option word keeps a parsable body with one argument fewer
        const opt = c.args.find((a) => a.value?.startsWith('--'));
        if (opt && c.name) {
          const e = removeArg(c, opt);
          if (e) {
            argEdits++;
            const again = parseShell(applyEdits(b.raw, [e]), b.escape);
            if (!again.ok) problems.push(`removeArg result does not parse: ${b.file}`);
            else if (again.script.commands[c.index]?.args.length !== c.args.length - 1) problems.push(`removeArg args: ${b.file}`);
          }
        }
      }
    }
    console.log(
      `shell corpus: ${files} Dockerfiles, ${bodies.length} shell-form RUN bodies (skipped ${JSON.stringify(skipped)}); ` +
        `ok ${ok}, failed ${failed.length}; ${commands} commands, ${removable} removeCommand and ${argEdits} removeArg edits re-parsed` +
        (failed.length ? `\nfailed:\n  ${failed.join('\n  ')}` : ''),
    );
    expect(problems).toEqual([]);
    expect(bodies.length).toBeGreaterThan(1000);
    // the failures are bodies that are not POSIX shell (e.g. PowerShell the extractor missed)
    expect(failed.length).toBeLessThanOrEqual(Math.ceil(bodies.length / 1000));
  });
});
