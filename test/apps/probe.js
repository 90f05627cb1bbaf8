// Test apps report what they saw here; the test in the same process reads it (test/host/probe.ts).
globalThis.__hostTestProbe ??= { events: [], gates: new Map() };
module.exports = globalThis.__hostTestProbe;
