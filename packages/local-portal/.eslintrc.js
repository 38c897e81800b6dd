// The local portal runs from this repo's source and is never bundled, so paths relative to
// `__dirname` (the repo root, the catalog, the demo engine) are what they look like.
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: { 'no-restricted-syntax': 'off' },
});
