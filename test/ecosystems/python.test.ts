import pip from '../../src/ecosystems/pip.js';
import uv from '../../src/ecosystems/uv.js';
import poetry from '../../src/ecosystems/poetry.js';
import pipenv from '../../src/ecosystems/pipenv.js';
import conda from '../../src/ecosystems/conda.js';
import { cmd, env, skipped, targets } from './helpers.js';

describe('pip', () => {
  test('names', () => {
    for (const c of ['pip install x', 'pip3 install x', 'pip3.12 install x', 'python -m pip install x', 'python3 -m pip install x', '/usr/local/bin/pip install x']) {
      expect(pip.isInstall(cmd(c))).toBe(true);
    }
    expect(pip.isInstall(cmd('pip freeze'))).toBe(false);
    expect(pip.matches(cmd('python -m venv /v'))).toBe(false);
  });
  test('target follows PIP_CACHE_DIR, XDG_CACHE_HOME, --cache-dir, home', () => {
    expect(targets(pip.cacheTargets(cmd('pip install x'), env()))).toEqual(['/root/.cache/pip']);
    expect(targets(pip.cacheTargets(cmd('pip install x'), env({ PIP_CACHE_DIR: '/pc' })))).toEqual(['/pc']);
    expect(targets(pip.cacheTargets(cmd('pip install x'), env({ XDG_CACHE_HOME: '/xdg' })))).toEqual(['/xdg/pip']);
    expect(targets(pip.cacheTargets(cmd('pip install --cache-dir=/c x'), env()))).toEqual(['/c']);
    expect(targets(pip.cacheTargets(cmd('pip install x'), env({}, { home: '/home/app', root: false })))).toEqual(['/home/app/.cache/pip']);
  });
  test('install destinations overlapping the cache are skipped; --user/--target elsewhere are fine', () => {
    expect(targets(pip.cacheTargets(cmd('pip install --user x'), env()))).toEqual(['/root/.cache/pip']);
    expect(targets(pip.cacheTargets(cmd('pip install --target /deps x'), env()))).toEqual(['/root/.cache/pip']);
    expect(skipped(pip.cacheTargets(cmd('pip install --target /root/.cache x'), env()))).toBe(true);
    expect(skipped(pip.cacheTargets(cmd('pip install -t $DEST x'), env()))).toBe(true);
  });
  test('cache defeats and source needs', () => {
    expect(pip.cacheDisablingFlags).toContain('--no-cache-dir');
    expect(pip.cacheDisablingEnv).toContain('PIP_NO_CACHE_DIR');
    expect(pip.isCachePurge(cmd('pip cache purge'), env())).toBe(true);
    expect(pip.needsSource!(cmd('pip install .'))).toBe(true);
    expect(pip.needsSource!(cmd('pip install -e .'))).toBe(true);
    expect(pip.needsSource!(cmd('pip install -r requirements.txt'))).toBe(false);
  });
});

describe('uv', () => {
  test('installs and targets', () => {
    expect(uv.isInstall(cmd('uv sync --locked'))).toBe(true);
    expect(uv.isInstall(cmd('uv pip install --system -r r.txt'))).toBe(true);
    expect(uv.isInstall(cmd('uv venv'))).toBe(false);
    expect(targets(uv.cacheTargets(cmd('uv sync'), env()))).toEqual(['/root/.cache/uv']);
    expect(targets(uv.cacheTargets(cmd('uv sync'), env({ UV_CACHE_DIR: '/uvc' })))).toEqual(['/uvc']);
    expect(skipped(uv.cacheTargets(cmd('uv sync --link-mode symlink'), env()))).toBe(true);
    expect(uv.needsSource!(cmd('uv sync --locked --no-install-project'))).toBe(false);
    expect(uv.needsSource!(cmd('uv sync --locked'))).toBe(true);
  });
});

describe('poetry', () => {
  test('mounts only download folders unless the venv is shown elsewhere', () => {
    expect(targets(poetry.cacheTargets(cmd('poetry install'), env()))).toEqual(['/root/.cache/pypoetry/cache', '/root/.cache/pypoetry/artifacts']);
    expect(targets(poetry.cacheTargets(cmd('poetry install'), env({ POETRY_VIRTUALENVS_CREATE: 'false' })))).toEqual(['/root/.cache/pypoetry']);
    expect(targets(poetry.cacheTargets(cmd('poetry install'), env({ POETRY_VIRTUALENVS_IN_PROJECT: '1', POETRY_CACHE_DIR: '/opt/pc' })))).toEqual(['/opt/pc']);
  });
  test('needs source without --no-root', () => {
    expect(poetry.needsSource!(cmd('poetry install --no-root'))).toBe(false);
    expect(poetry.needsSource!(cmd('poetry install'))).toBe(true);
    expect(poetry.cacheDisablingFlags).toContain('--no-cache');
  });
});

describe('pipenv', () => {
  test('mounts the pip cache and PIPENV_CACHE_DIR when named', () => {
    expect(pipenv.isInstall(cmd('pipenv install --deploy --system'))).toBe(true);
    expect(targets(pipenv.cacheTargets(cmd('pipenv install'), env()))).toEqual(['/root/.cache/pip']);
    expect(targets(pipenv.cacheTargets(cmd('pipenv install'), env({ PIPENV_CACHE_DIR: '/pe' })))).toEqual(['/root/.cache/pip', '/pe']);
  });
});

describe('conda', () => {
  test('needs a known root prefix', () => {
    expect(conda.isInstall(cmd('conda install -y -c conda-forge numpy'))).toBe(true);
    expect(conda.isInstall(cmd('micromamba install -y -n base -f env.yaml'))).toBe(true);
    expect(conda.isInstall(cmd('conda env create -f environment.yml'))).toBe(true);
    expect(skipped(conda.cacheTargets(cmd('conda install x'), env()))).toBe(true);
    expect(targets(conda.cacheTargets(cmd('conda install x'), env({ CONDA_DIR: '/opt/conda' })))).toEqual(['/opt/conda/pkgs,locked']);
    expect(targets(conda.cacheTargets(cmd('micromamba install x'), env({ MAMBA_ROOT_PREFIX: '/opt/conda' })))).toEqual(['/opt/conda/pkgs,locked']);
    expect(targets(conda.cacheTargets(cmd('conda install x'), env({ CONDA_PKGS_DIRS: '/pk,/other' })))).toEqual(['/pk,locked']);
    expect(conda.isCachePurge(cmd('conda clean -afy'), env())).toBe(true);
    expect(conda.isCachePurge(cmd('micromamba clean --all --yes'), env())).toBe(true);
  });
});
