/**
 * A loopback HTTP server a test starts to receive what the server sends (webhook deliveries) or
 * to answer what it fetches (a data source's JSON). `answer` decides each response.
 */
import http from 'node:http';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body: string;
  delayMs?: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  answer: (request: Received) => Answer;
  close(): Promise<void>;
}

export async function startReceiver(
  answer: (request: Received) => Answer = () => ({ status: 200, body: 'ok' }),
): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    received: [],
    answer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const got: Received = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      receiver.received.push(got);
      const { status, body, delayMs } = receiver.answer(got);
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body);
      }, delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  receiver.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return receiver;
}
