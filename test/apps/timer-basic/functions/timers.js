const { app } = require('@azure/functions');
const probe = require('../../probe');

const record = (kind) => async (timer, context) => {
  probe.events.push({ kind, timer, functionName: context.functionName });
};

app.timer('every5min', { schedule: '0 */5 * * * *', handler: record('every5min') });
app.timer('halfHourly', { schedule: '00:30:00', handler: record('halfHourly') });
app.timer('daily', { schedule: '%DAILY_SCHEDULE%', runOnStartup: true, handler: record('daily') });
app.timer('fast', { schedule: '%FAST_SCHEDULE%', handler: record('fast') });
