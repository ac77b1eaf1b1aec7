// Root hooks shared by every test file (mocha's mochaHooks).
export const mochaHooks = {};
