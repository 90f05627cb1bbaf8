const { app } = require('@azure/functions');
const probe = require('../../probe');

app.hook.appStart(() => {
  probe.events.push({ kind: 'appStart' });
});

app.hook.preInvocation((context) => {
  context.hookData.startedBy = 'preInvocation';
  probe.events.push({ kind: 'preInvocation', functionName: context.invocationContext.functionName });
  if (context.invocationContext.functionName === 'hooked') {
    const original = context.functionHandler;
    context.functionHandler = async (...args) => ({ body: `wrapped: ${(await original(...args)).body}` });
  }
});

app.hook.postInvocation((context) => {
  probe.events.push({
    kind: 'postInvocation',
    functionName: context.invocationContext.functionName,
    hookData: context.hookData.startedBy,
    error: context.error ? context.error.message : undefined,
  });
});

app.hook.appTerminate(() => {
  probe.events.push({ kind: 'appTerminate' });
});

app.http('hooked', { methods: ['GET'], handler: async () => ({ body: 'inner' }) });
