module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Tests assert through helpers such as expectSameAnswer and expectNotShown.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect*'] },
    ],
  },
  overrides: [
    {
      // The mock backend runs only in the dev app and in tests, where msw is a dev dependency; its
      // tests are held to the dev dependencies like any other test.
      files: ['src/mocks/**'],
      excludedFiles: ['**/*.test.*'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
