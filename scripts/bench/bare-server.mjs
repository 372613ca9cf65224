// The ceiling: a bare node:http server answering every request with the same bytes.
// Usage: node bare-server.mjs <port> <file with the response body>
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [port, file] = process.argv.slice(2);
const body = readFileSync(file);
const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length, 'Cache-Control': 'no-store' };

http
  .createServer((req, res) => {
    req.resume();
    res.writeHead(200, headers).end(body);
  })
  .listen(Number(port), '127.0.0.1');
