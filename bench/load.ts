import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/**
 * The load generator, run as its own process so it does not share the server's event loop:
 *   node dist/bench/load.js <baseUrl> <pathsFile|-> <connections> <seconds>
 * Prints one JSON line: requests/s, p50/p99 latency (ms), errors, non-2xx.
 */
const [baseUrl, pathsFile, connections, seconds] = process.argv.slice(2) as [string, string, string, string];
const paths = pathsFile === '-' ? ['/'] : readFileSync(pathsFile, 'utf8').split('\n').filter(Boolean);
let i = 0;
const result = await autocannon({
  url: baseUrl,
  connections: Number(connections),
  duration: Number(seconds),
  headers: { accept: 'application/json' },
  requests: [
    {
      setupRequest: (request) => {
        request.path = paths[i++ % paths.length] as string;
        return request;
      },
    },
  ],
});
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
  }),
);
