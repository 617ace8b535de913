/**
 * Implicit environment readers: which environment variables a well-known command reads
 * without naming them. A RUN sees every ENV and every valued ARG in scope as an
 * environment variable (buildkit-semantics.md §1.5), so moving an ARG past a RUN is safe
 * only when no program of that RUN can read it. This table says which programs we claim
 * to understand and which variables they (and the tools they start) may read.
 *
 * A pattern is an exact name or a prefix ending in `*` (`npm_config_*`). Names are
 * case-sensitive, as the environment is; proxies are listed in both spellings.
 *
 * Commands missing from the table are readers of *everything*: the analysis treats them
 * as opaque. That includes scripts from the build context, `make`, `npm run`, `sh -c`
 * with variables, and any binary we do not know.
 *
 * The table is deliberately generous: a variable listed by mistake only stops an ARG
 * from moving; a variable missing from it could change a build.
 */

/** Read by every program: the loader, libc, locale and the shell that starts it. */
export const EVERY_COMMAND: readonly string[] = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'TZ', 'TMPDIR', 'PWD', 'OLDPWD',
  'LANG', 'LANGUAGE', 'LC_*', 'NLSPATH', 'GCONV_PATH', 'POSIXLY_CORRECT',
  'LD_*', 'MALLOC_*', 'GLIBC_TUNABLES',
  // The shell running the RUN line reads these before any command starts.
  'IFS', 'ENV', 'BASH_ENV', 'BASHOPTS', 'SHELLOPTS', 'CDPATH', 'PS4', 'HISTFILE',
];

/** Anything that talks to the network. */
export const PROXIES: readonly string[] = [
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'CURL_CA_BUNDLE', 'REQUESTS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS',
];

/** What native builds (node-gyp, setup.py, extconf.rb, build.rs, cgo) read from the environment. */
export const NATIVE_BUILD: readonly string[] = [
  'CC', 'CXX', 'CPP', 'AR', 'AS', 'LD', 'NM', 'RANLIB', 'STRIP', 'OBJCOPY',
  'CFLAGS', 'CXXFLAGS', 'CPPFLAGS', 'LDFLAGS', 'LIBS', 'CPATH', 'LIBRARY_PATH',
  'C_INCLUDE_PATH', 'CPLUS_INCLUDE_PATH', 'PKG_CONFIG*', 'MAKEFLAGS', 'MAKELEVEL', 'MFLAGS',
  'MAKE', 'CMAKE_*', 'JOBS', 'MAX_JOBS', 'NPROC', 'CCACHE_*', 'SOURCE_DATE_EPOCH',
];

/** The automatic platform args, once re-declared in a stage. */
export const PLATFORM: readonly string[] = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'TARGETOSVERSION', 'TARGETSTAGE',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'BUILDOSVERSION',
];

const NODE = [
  'NODE_*', 'npm_config_*', 'NPM_CONFIG_*', 'NPM_*', 'YARN_*', 'PNPM_*', 'COREPACK_*', 'BUN_*', 'NVM_*',
  'CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID',
  // Install scripts of popular dependencies.
  'PUPPETEER_*', 'CYPRESS_*', 'ELECTRON_*', 'PLAYWRIGHT_*', 'SHARP_*', 'SASS_*', 'PRISMA_*',
  'NEXT_*', 'HUSKY*', 'DISABLE_OPENCOLLECTIVE', 'OPENCOLLECTIVE_*', 'ADBLOCK', 'SUPPRESS_SUPPORT',
  'GYP_*', 'PYTHON', 'npm_package_*', 'npm_lifecycle_*', 'CHROMEDRIVER_*', 'GECKODRIVER_*',
  'ESBUILD_*', 'SWC_*', 'SENTRYCLI_*', 'SENTRY_*', 'NX_*', 'TURBO_*', 'FORCE_COLOR', 'NO_COLOR',
  ...NATIVE_BUILD, ...PROXIES, ...PLATFORM,
];
const PYTHON = [
  'PIP_*', 'PYTHON*', 'VIRTUAL_ENV', 'CONDA_*', 'SETUPTOOLS_*', 'SETUPTOOLS_SCM_*', 'PBR_*', 'POETRY_*',
  'PIPENV_*', 'UV_*', 'PDM_*', 'HATCH_*', 'WHEEL_*', 'NPY_*', 'BLAS', 'LAPACK', 'OPENBLAS*', 'MKL*',
  'CUDA*', 'TORCH_*', 'GRPC_*', 'CRYPTOGRAPHY_*', 'CARGO_*', 'RUSTFLAGS', 'RUSTUP_*', 'MAKEFLAGS', 'XDG_*',
  ...NATIVE_BUILD, ...PROXIES, ...PLATFORM,
];
const GO = ['GO*', 'CGO_*', 'GIT_*', 'SSH_*', ...NATIVE_BUILD, ...PROXIES, ...PLATFORM];
const RUBY = ['RAILS_ENV', 'RACK_ENV', 'BUNDLE_*', 'BUNDLER_*', 'GEM_*', 'RUBY*', 'NOKOGIRI_*', 'MAKEFLAGS', 'XDG_*', ...NATIVE_BUILD, ...PROXIES, ...PLATFORM];
const JAVA = ['JAVA_*', 'JDK_*', 'JRE_*', '_JAVA_OPTIONS', 'MAVEN_*', 'M2_HOME', 'GRADLE_*', 'SBT_*', 'ORG_GRADLE_*', ...PROXIES, ...PLATFORM];
const RUST = ['CARGO*', 'RUSTFLAGS', 'RUSTDOCFLAGS', 'RUSTC*', 'RUSTUP_*', 'RUST_*', ...NATIVE_BUILD, ...PROXIES, ...PLATFORM];
const PHP = ['COMPOSER*', 'PHP_*', 'PHPIZE_*', ...NATIVE_BUILD, ...PROXIES];
const DOTNET = ['DOTNET_*', 'NUGET_*', 'MSBUILD*', 'ASPNETCORE_*', ...PROXIES, ...PLATFORM];
const ELIXIR = ['MIX_*', 'HEX_*', 'ERL_*', 'ELIXIR_*', 'REBAR*', ...NATIVE_BUILD, ...PROXIES];
/**
 * System package managers run maintainer scripts (postinst, trigger scripts). Those are
 * distribution-curated; they read debconf/apt variables, locale, time zone and the
 * variables of the runtimes whose packages byte-compile or register themselves.
 */
const SYSTEM = [
  'DEBIAN_*', 'DEBCONF_*', 'DEBFULLNAME', 'DEBEMAIL', 'APT_*', 'DPKG_*', 'UCF_*', 'RUNLEVEL', 'PREVLEVEL', 'INITRD',
  'container', 'SUDO_*', 'GNUPGHOME', 'GPG_*', 'APK_*', 'DNF_*', 'DNF*', 'YUM*', 'RPM_*', 'ZYPP_*', 'ZYPPER_*',
  'JAVA_*', 'JDK_*', 'PYTHON*', 'PERL*', 'RUBY*', 'GEM_*', 'NODE_*', 'SYSTEMD_*', 'XDG_*',
  ...PROXIES, ...PLATFORM,
];
const NETWORK_TOOL = [...PROXIES, 'CURL_*', 'CURLOPT_*', 'WGETRC', 'SSLKEYLOGFILE', 'GIT_*', 'SSH_*', 'GNUPGHOME', 'GPG_*'];

/** A table row: command names (basename) and the variables they read besides {@link EVERY_COMMAND}. */
export interface EnvReaderEntry {
  commands: readonly string[];
  vars: readonly string[];
}

/**
 * The table. Keep one row per tool family; a command in no row is not understood.
 * Sources: each tool's documented environment variables (man pages, docs), plus the
 * install scripts of common dependencies for the language package managers.
 */
export const ENV_READERS: readonly EnvReaderEntry[] = [
  { commands: ['apt-get', 'apt', 'aptitude', 'apt-cache', 'apt-key', 'apt-mark', 'dpkg', 'dpkg-reconfigure', 'add-apt-repository', 'debconf-set-selections'], vars: SYSTEM },
  { commands: ['apk'], vars: SYSTEM },
  { commands: ['dnf', 'yum', 'microdnf', 'tdnf', 'rpm', 'zypper', 'yum-config-manager', 'dnf-config-manager'], vars: SYSTEM },
  { commands: ['update-ca-certificates', 'locale-gen', 'update-locale', 'ldconfig', 'update-alternatives'], vars: SYSTEM },
  { commands: ['npm', 'npx', 'yarn', 'pnpm', 'corepack', 'node', 'bun'], vars: NODE },
  { commands: ['pip', 'pip3', 'pipx', 'uv', 'poetry', 'pipenv', 'python', 'python3'], vars: PYTHON },
  { commands: ['go'], vars: GO },
  { commands: ['gem', 'bundle', 'bundler'], vars: RUBY },
  { commands: ['mvn', 'gradle', 'java', 'sbt'], vars: JAVA },
  { commands: ['cargo', 'rustup'], vars: RUST },
  { commands: ['composer', 'docker-php-ext-install', 'docker-php-ext-configure', 'docker-php-ext-enable', 'pecl', 'php'], vars: PHP },
  { commands: ['dotnet'], vars: DOTNET },
  { commands: ['mix'], vars: ELIXIR },
  { commands: ['curl', 'wget', 'git'], vars: NETWORK_TOOL },
  { commands: ['tar', 'gzip', 'gunzip', 'unzip', 'xz', 'bzip2', 'zstd'], vars: ['TAR_*', 'GZIP', 'XZ_*', 'XZ_DEFAULTS', 'XZ_OPT', 'UNZIP', 'UNZIPOPT', 'ZSTD_*', 'BZIP2', 'BZIP'] },
  { commands: ['useradd', 'groupadd', 'adduser', 'addgroup', 'usermod', 'groupmod', 'userdel', 'deluser', 'chpasswd'], vars: [] },
  {
    commands: [
      'mkdir', 'rm', 'rmdir', 'ln', 'chmod', 'chown', 'chgrp', 'touch', 'cp', 'mv', 'cat', 'echo', 'printf', 'true', 'false', ':',
      'test', '[', 'cd', 'set', 'export', 'tee', 'sed', 'grep', 'ls', 'which', 'command', 'exit', 'sleep', 'sort', 'head', 'tail',
      'wc', 'cut', 'tr', 'basename', 'dirname', 'readlink', 'realpath', 'sha256sum', 'sha512sum', 'md5sum', 'sha1sum', 'find',
      'unset', 'umask', 'install', 'stat', 'id', 'whoami', 'uname', 'date', 'env', 'printenv',
    ],
    vars: ['GREP_*', 'TIME_STYLE', 'LS_COLORS', 'COLUMNS', 'QUOTING_STYLE', 'BLOCK_SIZE', 'BLOCKSIZE', 'DF_BLOCK_SIZE', 'VERSION_CONTROL', 'SIMPLE_BACKUP_SUFFIX'],
  },
];

const byCommand = new Map<string, readonly string[]>();
for (const row of ENV_READERS) for (const c of row.commands) byCommand.set(c, [...EVERY_COMMAND, ...row.vars]);

/** Strips a directory (`/usr/bin/pip3` → `pip3`) and a version suffix of pythons (`python3.11` → `python3`, `pip3.11` → `pip3`). */
export function commandBase(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const m = /^(python|pip)(\d)(\.\d+)?$/.exec(base);
  return m ? m[1] + m[2] : base;
}

/** Variables a command reads implicitly, or null when the command is not in the table (reads everything). */
export function envReadersOf(command: string): readonly string[] | null {
  return byCommand.get(commandBase(command)) ?? null;
}

/** Does a name match a pattern list (exact names, or prefixes ending in `*`)? */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    if (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p) return true;
  }
  return false;
}
