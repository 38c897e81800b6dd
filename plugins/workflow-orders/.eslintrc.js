module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The mock backend runs only in the dev app and in tests, where msw is a dev dependency.
      files: ['src/mocks/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
