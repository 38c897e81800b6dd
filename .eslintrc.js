// ESLint for the code at the root that belongs to no workspace: the browser tests (e2e/), the
// adoption test (adoption/) and the Playwright config, linted as the workspaces are (Backstage's
// factory, a node library's rules, test code's import rules) by `npm run lint:e2e`. The workspaces
// keep their own configs (`backstage-cli repo lint`): everything here sits in an override for those
// paths only, so this file adds nothing to theirs, and `root` stops the search above the repo.
const { createConfigForRole } = require('@backstage/cli/config/eslint-factory');

// Overrides cannot carry ignorePatterns; the factory's ignore build output, which is not here.
const { ignorePatterns: _ignored, ...config } = createConfigForRole(
  __dirname,
  'node-library',
);

module.exports = {
  root: true,
  overrides: [
    {
      files: ['adoption/**/*.ts', 'e2e/**/*.ts', 'playwright.config.ts'],
      ...config,
    },
  ],
};
