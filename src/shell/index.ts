/**
 * Shell-form RUN bodies: parse them with a real shell parser, list the commands they run
 * with their positions in the raw Dockerfile text, and edit them without disturbing the
 * rest of the body. Pure: no I/O.
 *
 * ```ts
 * const r = parseShell('apt-get install -y x \\\n    && rm -rf /var/lib/apt/lists/*');
 * if (r.ok) {
 *   const rm = r.script.commands.find((c) => c.name?.value === 'rm')!;
 *   const edit = removeCommand(r.script, rm); // { range: [20, 57], text: '' }
 * }
 * ```
 *
 * @module
 */

export { applyEdits, insertArg, removeArg, removeCommand, type ShellEdit } from './edit.js';
export { isContinuedLine, type LogicalText, logicalize, scriptText } from './logical.js';
export { isPosixShell } from './posix.js';
export {
  type OpaqueConstruct,
  type ParseShellResult,
  parseShell,
  parseShellScript,
  type RawRange,
  type ShellAssignment,
  type ShellOperator,
  type ShellParseError,
  type ShellRedirect,
  type ShellScript,
  type ShellWord,
  type SimpleCommand,
  type VariableRef,
} from './script.js';
