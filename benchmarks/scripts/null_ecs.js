#!/usr/bin/env node
// The null endpoint of the boto3 side by side (docs/benchmarks.md, "boto3: the client's ceiling and CreateCluster,
// session 15"): an HTTP server that answers every JSON 1.1 call at once with a canned answer recorded from Berth,
// so that boto3_peer.py's figures against it are what the client alone can drive on this machine.
//
//     node benchmarks/scripts/null_ecs.js <port> <answers.json>
//
// answers.json maps an operation name (the part of X-Amz-Target after the dot, e.g. "RunTask") to the body Berth
// answered it with (boto3_peer.py --record writes it); an operation not in it is answered with {}. Nothing is
// parsed or checked: the request body is read to its end and dropped. Node's one event loop on one thread, so the
// server takes at most one core; its own CPU is /proc/<pid>/stat's, which the driver reads (--server-pid).
'use strict';
const fs = require('fs');
const http = require('http');

const port = Number(process.argv[2]);
const recorded = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const answers = new Map(Object.entries(recorded).map(([operation, body]) => [operation, Buffer.from(body)]));
const empty = Buffer.from('{}');
let sequence = 0;

http.createServer((request, response) => {
  request.on('data', () => {});
  request.on('end', () => {
    const target = request.headers['x-amz-target'] || '';
    const body = answers.get(target.slice(target.indexOf('.') + 1)) || empty;
    response.writeHead(200, {
      'Content-Type': 'application/x-amz-json-1.1',
      'Content-Length': body.length,
      'x-amzn-RequestId': `00000000-0000-4000-8000-${(sequence++).toString(16).padStart(12, '0')}`,
    });
    response.end(body);
  });
}).listen(port, '127.0.0.1');
