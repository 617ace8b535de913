/**
 * Which `SHELL` runs shell-form RUN bodies.
 *
 * @module
 */

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'yash', 'posh']);

/**
 * Is the shell that runs shell-form RUN bodies a POSIX shell (so that {@link parseShell}
 * applies)?
 *
 * @param shellJson the argv of the stage's last `SHELL` instruction (e.g.
 *   `["/bin/bash", "-o", "pipefail", "-c"]`), or `undefined` when there is none: then the
 *   default `["/bin/sh", "-c"]` of Linux images applies. (On Windows images the default is
 *   `cmd /S /C`: the caller knows the platform and must not ask.)
 * @returns `false` for PowerShell (`powershell`, `pwsh`), `cmd` and anything unknown;
 *   `true` for sh, bash, dash, ash, zsh, ksh, mksh (also through `env` or `busybox`).
 */
export function isPosixShell(shellJson?: readonly string[]): boolean {
  if (shellJson === undefined) return true;
  let i = 0;
  for (;;) {
    const arg = shellJson[i];
    if (arg === undefined) return false;
    const base = arg
      .replace(/\\/g, '/')
      .slice(arg.replace(/\\/g, '/').lastIndexOf('/') + 1)
      .toLowerCase()
      .replace(/\.exe$/, '');
    if (base === 'env' || base === 'busybox') {
      i++;
      while (shellJson[i]?.startsWith('-')) i++;
      continue;
    }
    return POSIX_SHELLS.has(base);
  }
}
