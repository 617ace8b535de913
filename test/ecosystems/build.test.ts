import go from '../../src/ecosystems/go.js';
import cargo from '../../src/ecosystems/cargo.js';
import maven from '../../src/ecosystems/maven.js';
import gradle from '../../src/ecosystems/gradle.js';
import bundler from '../../src/ecosystems/bundler.js';
import composer from '../../src/ecosystems/composer.js';
import dotnet from '../../src/ecosystems/dotnet.js';
import { cmd, env, skipped, targets } from './helpers.js';

describe('go', () => {
  test('download vs build', () => {
    expect(go.kind).toBe('store');
    expect(go.isInstall(cmd('go mod download'))).toBe(true);
    expect(go.isInstall(cmd('go build -o /out ./cmd/app'))).toBe(true);
    expect(go.isInstall(cmd('go version'))).toBe(false);
    expect(targets(go.cacheTargets(cmd('go mod download'), env({ GOPATH: '/go' })))).toEqual(['/go/pkg/mod']);
    expect(targets(go.cacheTargets(cmd('go build ./...'), env({ GOPATH: '/go' })))).toEqual(['/go/pkg/mod', '/root/.cache/go-build']);
    expect(targets(go.cacheTargets(cmd('go build ./...'), env({ GOMODCACHE: '/m', GOCACHE: '/b' })))).toEqual(['/m', '/b']);
    expect(targets(go.cacheTargets(cmd('go build -mod=vendor ./...'), env()))).toEqual(['/root/.cache/go-build']);
    expect(targets(go.cacheTargets(cmd('go build'), env()))).toEqual(['/root/go/pkg/mod', '/root/.cache/go-build']);
    expect(go.isCachePurge(cmd('go clean -modcache'), env())).toBe(true);
    expect(go.needsSource!(cmd('go mod download'))).toBe(false);
  });
});

describe('cargo', () => {
  test('registry and git db, never CARGO_HOME itself', () => {
    expect(cargo.isInstall(cmd('cargo build --release --locked'))).toBe(true);
    expect(cargo.isInstall(cmd('cargo +nightly build'))).toBe(true);
    expect(cargo.isInstall(cmd('cargo --version'))).toBe(false);
    expect(targets(cargo.cacheTargets(cmd('cargo build'), env({ CARGO_HOME: '/usr/local/cargo' })))).toEqual(['/usr/local/cargo/registry', '/usr/local/cargo/git/db']);
    expect(targets(cargo.cacheTargets(cmd('cargo build'), env()))).toEqual(['/root/.cargo/registry', '/root/.cargo/git/db']);
  });
});

describe('maven', () => {
  test('repository, not ~/.m2', () => {
    expect(maven.isInstall(cmd('mvn -B package -DskipTests'))).toBe(true);
    expect(maven.isInstall(cmd('./mvnw dependency:go-offline'))).toBe(true);
    expect(maven.isInstall(cmd('sh ./mvnw package'))).toBe(true);
    expect(maven.isInstall(cmd('mvn -v'))).toBe(false);
    expect(targets(maven.cacheTargets(cmd('mvn package'), env()))).toEqual(['/root/.m2/repository,locked']);
    expect(targets(maven.cacheTargets(cmd('mvn -Dmaven.repo.local=/r package'), env()))).toEqual(['/r,locked']);
    expect(targets(maven.cacheTargets(cmd('mvn package'), env({ MAVEN_OPTS: '-Xmx1g -Dmaven.repo.local=/mr' })))).toEqual(['/mr,locked']);
    expect(maven.needsSource!(cmd('mvn dependency:go-offline'))).toBe(false);
    expect(maven.needsSource!(cmd('mvn package'))).toBe(true);
  });
});

describe('gradle', () => {
  test('caches and wrapper under the user home', () => {
    expect(gradle.isInstall(cmd('./gradlew build --no-daemon'))).toBe(true);
    expect(targets(gradle.cacheTargets(cmd('gradle build'), env()))).toEqual(['/root/.gradle/caches,locked', '/root/.gradle/wrapper,locked']);
    expect(targets(gradle.cacheTargets(cmd('gradle build'), env({}, { baseImage: 'gradle:8-jdk21' })))).toEqual(['/home/gradle/.gradle/caches,locked', '/home/gradle/.gradle/wrapper,locked']);
    expect(targets(gradle.cacheTargets(cmd('gradle build'), env({ GRADLE_USER_HOME: '/g' })))).toEqual(['/g/caches,locked', '/g/wrapper,locked']);
  });
});

describe('bundler', () => {
  test('only with the global gem cache', () => {
    expect(bundler.isInstall(cmd('bundle install --jobs 4'))).toBe(true);
    expect(skipped(bundler.cacheTargets(cmd('bundle install'), env()))).toBe(true);
    expect(targets(bundler.cacheTargets(cmd('bundle install'), env({ BUNDLE_GLOBAL_GEM_CACHE: 'true' })))).toEqual(['/root/.bundle/cache']);
  });
});

describe('composer', () => {
  test('cache dir precedence', () => {
    expect(composer.isInstall(cmd('composer install --no-dev'))).toBe(true);
    expect(composer.isInstall(cmd('php composer.phar install'))).toBe(true);
    expect(targets(composer.cacheTargets(cmd('composer install'), env({ COMPOSER_HOME: '/tmp' })))).toEqual(['/tmp/cache']);
    expect(targets(composer.cacheTargets(cmd('composer install'), env({ COMPOSER_CACHE_DIR: '/cc' })))).toEqual(['/cc']);
    expect(targets(composer.cacheTargets(cmd('composer install'), env()))).toEqual(['/root/.cache/composer', '/root/.composer/cache']);
    expect(composer.cacheDisablingFlags).toContain('--no-cache');
    expect(composer.isCachePurge(cmd('composer clear-cache'), env())).toBe(true);
    expect(composer.needsSource!(cmd('composer install --no-scripts --no-autoloader'))).toBe(false);
  });
});

describe('dotnet', () => {
  test('global packages folder', () => {
    expect(dotnet.isInstall(cmd('dotnet restore'))).toBe(true);
    expect(dotnet.isInstall(cmd('dotnet publish -c Release -o /app'))).toBe(true);
    expect(dotnet.isInstall(cmd('dotnet publish --no-restore -o /app'))).toBe(true);
    expect(dotnet.isInstall(cmd('dotnet --info'))).toBe(false);
    expect(targets(dotnet.cacheTargets(cmd('dotnet restore'), env()))).toEqual(['/root/.nuget/packages']);
    expect(targets(dotnet.cacheTargets(cmd('dotnet restore'), env({ NUGET_PACKAGES: '/n' })))).toEqual(['/n']);
    expect(skipped(dotnet.cacheTargets(cmd('dotnet restore'), env({ DOTNET_CLI_HOME: '/tmp' })))).toBe(true);
    expect(dotnet.needsSource!(cmd('dotnet restore'))).toBe(false);
  });
});
