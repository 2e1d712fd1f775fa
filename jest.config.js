/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // The engine refuses undeclared rules and sensitive values in messages (see test/helpers/strictChecks.ts).
  setupFiles: ["<rootDir>/test/helpers/strictChecks.ts"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
  // office-addin-mock pulls ESM-only packages through office-addin-manifest; it only needs this enum.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/shims/office-addin-manifest.js" },
  testTimeout: 60000,
};
