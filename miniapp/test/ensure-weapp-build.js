// Jest globalSetup: the render test needs dist/weapp; build it once when it is missing.
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function ensureWeappBuild() {
  const root = path.resolve(__dirname, '..');
  if (existsSync(path.join(root, 'dist/weapp/app.js')) && !process.env.REBUILD_WEAPP) return;
  const shared = path.resolve(root, '../shared/dist/index.js');
  if (!existsSync(shared)) {
    execFileSync('pnpm', ['--filter', '@wuye/shared', 'build'], { cwd: root, stdio: 'inherit' });
  }
  console.log('\n[jest] dist/weapp missing: building the weapp first…');
  // Jest sets NODE_ENV=test, which Taro would take as a non-production build.
  execFileSync('pnpm', ['run', 'build:weapp'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
};
