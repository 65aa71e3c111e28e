// A small closed-loop HTTP load generator (autocannon is not installed here): `connections`
// keep-alive sockets, each sending its next request as soon as the last answer has been read, for
// `seconds`. Every answer must have the expected status; latencies are kept for percentiles.
import http from "node:http";

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  /** The status every answer must have (200, or 304 for a conditional request). */
  status: number;
}

export interface LoadResult {
  latenciesMs: number[];
  seconds: number;
  bytes: number;
}

function send(agent: http.Agent, request: LoadRequest): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.get(request.url, { agent, headers: request.headers }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
  });
}

export async function load(request: LoadRequest, connections: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latenciesMs: number[] = [];
  let bytes = 0;
  const begin = performance.now();
  const deadline = begin + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const sent = performance.now();
          const answer = await send(agent, request);
          latenciesMs.push(performance.now() - sent);
          if (answer.status !== request.status) throw new Error(`${request.url} answered ${answer.status}, expected ${request.status}`);
          bytes += answer.bytes;
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latenciesMs, seconds: (performance.now() - begin) / 1000, bytes };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
