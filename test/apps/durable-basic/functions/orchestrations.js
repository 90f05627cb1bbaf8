'use strict';
const df = require('durable-functions');

df.app.orchestration('HelloSequence', function* (context) {
  const out = [];
  out.push(yield context.df.callActivity('Hello', 'Tokyo'));
  out.push(yield context.df.callActivity('Hello', 'Seattle'));
  out.push(yield context.df.callActivity('Hello', 'London'));
  return out;
});

df.app.orchestration('FanOut', function* (context) {
  const n = context.df.getInput();
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(context.df.callActivity('Double', i));
  const results = yield context.df.Task.all(tasks);
  return results.reduce((a, b) => a + b, 0);
});

df.app.orchestration('Chain', function* (context) {
  const n = context.df.getInput();
  let acc = 0;
  for (let i = 0; i < n; i++) acc = yield context.df.callActivity('Noop', acc + 1);
  return acc;
});

df.app.orchestration('WithRetry', function* (context) {
  const { key, failures, attempts } = context.df.getInput();
  const retry = new df.RetryOptions(1000, attempts);
  return yield context.df.callActivityWithRetry('Flaky', retry, { key, failures });
});

df.app.orchestration('CatchesFailure', function* (context) {
  try {
    yield context.df.callActivity('AlwaysFails');
    return 'unreachable';
  } catch (err) {
    return `caught: ${err.message.includes('boom')}`;
  }
});

df.app.orchestration('Approval', function* (context) {
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + 72 * 3600 * 1000);
  const timer = context.df.createTimer(deadline);
  const approval = context.df.waitForExternalEvent('Approved');
  const winner = yield context.df.Task.any([approval, timer]);
  if (winner === approval) {
    timer.cancel();
    return `approved by ${approval.result.by}`;
  }
  return 'timed out';
});

df.app.orchestration('LongTimer', function* (context) {
  const start = context.df.currentUtcDateTime.getTime();
  yield context.df.createTimer(new Date(start + 10 * 24 * 3600 * 1000));
  return (context.df.currentUtcDateTime.getTime() - start) / (24 * 3600 * 1000);
});

df.app.orchestration('Parent', function* (context) {
  const a = yield context.df.callSubOrchestrator('HelloSequence');
  const b = yield context.df.callSubOrchestrator('FanOut', 10, `${context.df.instanceId}-child`);
  return { a, b };
});

df.app.orchestration('Counter', function* (context) {
  const n = context.df.getInput();
  if (n >= 5) return n;
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 60_000));
  context.df.continueAsNew(n + 1);
});

df.app.orchestration('Status', function* (context) {
  context.df.setCustomStatus({ stage: 'waiting' });
  const value = yield context.df.waitForExternalEvent('Go');
  context.df.setCustomStatus({ stage: 'done' });
  return value;
});

// eslint-disable-next-line require-yield -- an orchestrator that fails before its first yield
df.app.orchestration('Throws', function* () {
  throw new Error('orchestrator exploded');
});

// The activity it calls first is read from the environment, so a test can "deploy" new code
// while an instance is in flight.
df.app.orchestration('Drifting', function* (context) {
  const first = yield context.df.callActivity(process.env.DJ_DRIFT_ACTIVITY || 'Hello', 'x');
  yield context.df.waitForExternalEvent('Next');
  return first;
});

// Retries interleaved with other work: the engine must number retry timers and attempts exactly
// as durable-functions does, or results land on the wrong tasks.
df.app.orchestration('RetryInParallel', function* (context) {
  const { key } = context.df.getInput();
  const retry = new df.RetryOptions(500, 4);
  const a = context.df.callActivityWithRetry('Flaky', retry, { key: `${key}-a`, failures: 2 });
  const b = context.df.callActivity('Double', 1);
  const c = context.df.callActivityWithRetry('Flaky', retry, { key: `${key}-c`, failures: 1 });
  const [ra, rb, rc] = yield context.df.Task.all([a, b, c]);
  const d = yield context.df.callActivity('Double', rb);
  const e = yield context.df.callActivityWithRetry('Flaky', retry, { key: `${key}-e`, failures: 3 });
  return [ra, rb, rc, d, e];
});

// A long (chunked) timer racing an event inside Task.any.
df.app.orchestration('LongDeadline', function* (context) {
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + 20 * 24 * 3600 * 1000);
  const timer = context.df.createTimer(deadline);
  const done = context.df.waitForExternalEvent('Done');
  const winner = yield context.df.Task.any([timer, done]);
  if (winner === done) timer.cancel();
  const after = yield context.df.callActivity('Double', 21);
  return winner === done ? `event then ${after}` : `deadline then ${after}`;
});

// A tally entity, called and signalled from orchestrations.
df.app.entity('Tally', (context) => {
  const value = context.df.getState(() => 0);
  switch (context.df.operationName) {
    case 'add':
      context.df.setState(value + context.df.getInput());
      break;
    case 'get':
      context.df.return(value);
      break;
    case 'fail':
      throw new Error('counter refuses');
    case 'reset':
      context.df.setState(0);
      break;
  }
});

df.app.orchestration('UsesTally', function* (context) {
  const id = new df.EntityId('Tally', context.df.getInput());
  context.df.signalEntity(id, 'add', 5);
  yield context.df.callEntity(id, 'add', 10);
  const value = yield context.df.callEntity(id, 'get');
  let failure = 'none';
  try {
    yield context.df.callEntity(id, 'fail');
  } catch {
    failure = 'caught';
  }
  return { value, failure };
});

// Yields a task that is still pending inside a second Task.any: the upstream bug the engine warns about.
df.app.orchestration('Reyield', function* (context) {
  const approval = context.df.waitForExternalEvent('Ok');
  const later = (ms) => new Date(context.df.currentUtcDateTime.getTime() + ms);
  yield context.df.Task.any([approval, context.df.createTimer(later(60_000))]);
  const winner = yield context.df.Task.any([approval, context.df.createTimer(later(60_000))]);
  return winner === approval ? 'approved' : 'timed out twice';
});

// Durable HTTP, including the 202 + Location polling pattern.
df.app.orchestration('CallsHttp', function* (context) {
  const base = context.df.getInput();
  const simple = yield context.df.callHttp({ method: 'GET', url: `${base}/thing` });
  const polled = yield context.df.callHttp({ method: 'POST', url: `${base}/job`, body: { size: 3 } });
  return { simple: simple.statusCode, simpleBody: JSON.parse(simple.content), polled: polled.statusCode, polledBody: polled.content };
});
