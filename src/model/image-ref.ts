/**
 * Is a string an image reference Docker accepts? Used for the frontend image that
 * `syntax-directive` writes (`--syntax-image`, the config file's `syntax-directive` `image`):
 * whatever is given ends up on a `# syntax=` line, where a space, a newline or a stray `#`
 * would change what BuildKit reads.
 *
 * The grammar is Docker's reference grammar, as documented at the top of `reference.go` in
 * github.com/distribution/reference (v0.5/v0.6; moby and BuildKit parse image names with
 * that package):
 *
 *     reference        := name [ ":" tag ] [ "@" digest ]
 *     name             := [ domain "/" ] path-component [ "/" path-component ]*
 *     domain           := host [ ":" port ]      host: domain-name | IPv4 | "[" IPv6 "]"
 *     domain-name      := domain-component [ "." domain-component ]*
 *     domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 *     port             := [0-9]+
 *     path-component   := [a-z0-9]+ [ separator [a-z0-9]+ ]*
 *     separator        := "." | "_" | "__" | "-"+
 *     tag              := [\w][\w.-]{0,127}
 *
 * plus, from the same package: a name (domain and path) of at most 255 characters, and
 * (ParseNormalizedNamed) no name that is a 64-digit hexadecimal image ID. Digests are
 * limited to what opencontainers/go-digest validates: `sha256:` with 64, `sha384:` with 96
 * or `sha512:` with 128 lower-case hexadecimal digits. Written from that grammar, one rule
 * per function, so each failure can say which rule it broke.
 */

const DOMAIN_COMPONENT = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const IPV6_HOST = /^\[[a-fA-F0-9:]+\]$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;
const IMAGE_ID = /^[a-f0-9]{64}$/;
const NAME_MAX = 255;

function isDomain(s: string): boolean {
  const colon = s.lastIndexOf(':');
  // A colon inside the brackets of an IPv6 host is not the port's.
  const hasPort = colon > s.lastIndexOf(']');
  const host = hasPort ? s.slice(0, colon) : s;
  if (hasPort && !/^[0-9]+$/.test(s.slice(colon + 1))) return false;
  return IPV6_HOST.test(host) || host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
}

function pathComponentProblem(c: string): string | null {
  if (PATH_COMPONENT.test(c)) return null;
  if (c === '') return 'it has an empty path component (a "/" at the start or end, or two in a row)';
  if (PATH_COMPONENT.test(c.toLowerCase())) return `path components must be lower case ("${c}")`;
  if (!/^[a-zA-Z0-9]/.test(c)) return `a path component must start with a letter or digit ("${c}")`;
  return `"${c}" is not a valid path component (lower-case letters and digits, separated by ".", "_", "__" or "-")`;
}

/** Why `ref` is not a valid image reference, in one line; null when it is one. */
export function imageReferenceProblem(ref: string): string | null {
  if (ref === '') return 'it is empty';
  if (/\s/.test(ref)) return 'it contains white space';
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    if (!DIGEST.test(rest.slice(at + 1))) return 'the digest after "@" must be sha256: and 64 lower-case hexadecimal digits (or sha384:/sha512: with 96/128)';
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    const tag = rest.slice(colon + 1);
    if (!TAG.test(tag)) return `the tag "${tag}" must be 1 to 128 letters, digits, "_", "." or "-", and not start with "." or "-"`;
    rest = rest.slice(0, colon);
  }
  if (rest.length > NAME_MAX) return `the name is longer than ${NAME_MAX} characters`;
  if (IMAGE_ID.test(rest)) return 'a name of 64 hexadecimal digits is an image ID, not a name';
  const parts = rest.split('/');
  const path = parts.length > 1 && isDomain(parts[0]) ? parts.slice(1) : parts;
  for (const c of path) {
    const problem = pathComponentProblem(c);
    if (problem) return problem;
  }
  return null;
}
