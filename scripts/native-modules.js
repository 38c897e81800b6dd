// The native modules the jest suites load (better-sqlite3, for the catalog backend some suites
// start), built for two Node versions at once, so that `npm test` can run the unit suites on both.
const { spawnSync } = require('node:child_process');
const { copyFileSync, mkdirSync, readdirSync, rmSync } = require('node:fs');
const { delimiter, dirname, join } = require('node:path');

const root = join(__dirname, '..');

/** Native modules the suites load, built for one Node version at a time. */
const NATIVE_MODULES = ['better-sqlite3'];

function nodeVersion(binDir) {
  return spawnSync(join(binDir, 'node'), ['--version'], {
    encoding: 'utf8',
  }).stdout.trim();
}

/**
 * Gives the native modules a build for each of two Node versions at once, so that the suites of
 * both can run side by side: each module's build moves to `compiled/<node version>/<platform>/<arch>`
 * (where the `bindings` loader looks once `build/Release` has none), and the module is built again
 * with the other Node's headers into its own such folder. Answers how to put things back.
 */
function buildNativeModulesFor(otherBinDir) {
  const other = nodeVersion(otherBinDir).replace(/^v/, '');
  const restore = [];
  for (const name of NATIVE_MODULES) {
    const dir = dirname(
      require.resolve(`${name}/package.json`, { paths: [root] }),
    );
    const release = join(dir, 'build', 'Release');
    const compiled = version =>
      join(dir, 'compiled', version, process.platform, process.arch);
    const addons = () =>
      readdirSync(release).filter(file => file.endsWith('.node'));
    const moveTo = target => {
      mkdirSync(target, { recursive: true });
      for (const file of addons()) {
        copyFileSync(join(release, file), join(target, file));
        rmSync(join(release, file));
      }
    };
    moveTo(compiled(process.versions.node));
    const rebuilt = spawnSync('npm', ['rebuild', name], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PATH: `${otherBinDir}${delimiter}${process.env.PATH}`,
        npm_config_nodedir: dirname(otherBinDir),
      },
    });
    if (rebuilt.status !== 0) {
      console.error(`npm rebuild ${name} for Node ${other} failed`);
    }
    moveTo(compiled(other));
    restore.push(() => {
      const own = compiled(process.versions.node);
      for (const file of readdirSync(own)) {
        copyFileSync(join(own, file), join(release, file));
      }
      rmSync(join(dir, 'compiled'), { recursive: true, force: true });
    });
  }
  return () => restore.forEach(step => step());
}

module.exports = { buildNativeModulesFor, nodeVersion };
