// ts-jest compiles TypeScript to CommonJS for Jest; @middy ships ESM only, so it is let through the
// transform too (and compiled by ts-jest's JavaScript support). tsc --noEmit type-checks separately.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]sx?$': [
      'ts-jest',
      { tsconfig: { module: 'CommonJS', verbatimModuleSyntax: false, allowJs: true, isolatedModules: true }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  collectCoverageFrom: ['functions/**/*.ts'],
};
