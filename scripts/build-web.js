// Builds the web console (apps/web → dist/web) unless nothing it depends on changed since the last build.
const { buildWebIfChanged } = require('./build-steps');

module.exports = { buildWebIfChanged };

if (require.main === module) process.exit(buildWebIfChanged());
