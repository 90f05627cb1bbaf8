const { app, input, output } = require('@azure/functions');

const orderBlob = output.storageBlob({ path: '%CONTAINER%/orders/{orderId}.json', connection: 'AzureWebJobsStorage' });
const doneQueue = output.storageQueue({ queueName: '%DONE_QUEUE%', connection: 'AzureWebJobsStorage' });

// Queue message → a blob named after a property of the message, and a message on $return.
app.storageQueue('storeOrder', {
  queueName: '%ORDERS_QUEUE%',
  extraOutputs: [orderBlob],
  return: doneQueue,
  handler: async (order, context) => {
    context.extraOutputs.set(orderBlob, order);
    return { done: order.orderId };
  },
});

const fanOutQueue = output.storageQueue({ queueName: '%FANOUT_QUEUE%' });
const randomBlob = output.storageBlob({ path: '%CONTAINER%/random/{rand-guid}.bin' });

// An array on a queue output gives one message per item.
app.http('fanOut', {
  methods: ['POST'],
  extraOutputs: [fanOutQueue, randomBlob],
  handler: async (request, context) => {
    context.extraOutputs.set(fanOutQueue, await request.json());
    context.extraOutputs.set(randomBlob, Buffer.from([1, 2, 3]));
    return { status: 202 };
  },
});

const orderBytes = input.storageBlob({ path: '%CONTAINER%/orders/{orderId}.json', connection: 'AzureWebJobsStorage' });
const orderText = input.storageBlob({ path: '%CONTAINER%/orders/{orderId}.json', dataType: 'string' });

// Blob inputs named by a route parameter.
app.http('readOrder', {
  methods: ['GET'],
  route: 'orders/{orderId}',
  extraInputs: [orderBytes, orderText],
  handler: async (request, context) => {
    const bytes = context.extraInputs.get(orderBytes);
    if (bytes === undefined || bytes === null) return { status: 404, jsonBody: { missing: request.params.orderId } };
    return { jsonBody: { isBuffer: Buffer.isBuffer(bytes), text: bytes.toString('utf8'), asString: context.extraInputs.get(orderText) } };
  },
});
