import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

const answers: Record<string, { status: number; error: string; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    error: 'request-timeout',
    message: 'Yêu cầu gửi lên quá chậm nên bị ngắt. Hãy kiểm tra kết nối mạng và gửi lại.',
  },
  HPE_HEADER_OVERFLOW: { status: 431, error: 'headers-too-large', message: 'Địa chỉ hoặc phần đầu của yêu cầu quá dài.' },
};
const malformed = { status: 400, error: 'bad-request', message: 'Yêu cầu HTTP không hợp lệ.' };

/**
 * What the server answers a request Node's HTTP parser refuses before Fastify sees it (a 20 KB URL, a broken request
 * line, a body that took longer than the request timeout): the app's { error, message } in Vietnamese, as for every
 * other refusal, instead of Fastify's English default. The connection is then closed, as Node does.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const a = (err.code && answers[err.code]) || malformed;
  const body = JSON.stringify({ error: a.error, message: a.message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${a.status} ${STATUS_CODES[a.status] ?? ''}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
