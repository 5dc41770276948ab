import { test, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createServer as createTcpServer, type AddressInfo, type LookupFunction } from "node:net";
import { httpRequest } from "../runtime/backends/http.ts";

const server = http.createServer((req, res) => {
  const body: Buffer[] = [];
  req.on("data", (chunk: Buffer) => body.push(chunk));
  req.on("end", () => {
    const path = req.url ?? "/";
    if (path === "/echo") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ method: req.method, type: req.headers["content-type"] ?? null, extra: req.headers["x-extra"] ?? null, body: Buffer.concat(body).toString() }));
    } else if (path === "/missing") {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("no such thing");
    } else if (path === "/slow-body") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("partial"); // and never ends
    } else if (path === "/big") {
      res.writeHead(200);
      res.end("b".repeat(5000));
    } else if (path === "/bare") {
      res.removeHeader("Content-Type");
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(500);
      res.end();
    }
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => {
  server.closeAllConnections();
  server.close();
});

test("a GET returns status, body and content type", async () => {
  const result = await httpRequest({ method: "get", url: `${base}/echo` });
  assert.deepEqual(result, {
    ok: true,
    status: 200,
    body: JSON.stringify({ method: "GET", type: null, extra: null, body: "" }),
    contentType: "application/json",
  });
});

test("a POST sends its body, content type and extra headers", async () => {
  const result = await httpRequest({ method: "POST", url: `${base}/echo`, body: '{"a":1}', contentType: "application/json", headers: { "X-Extra": "yes" } });
  assert.equal(result.ok && result.body, JSON.stringify({ method: "POST", type: "application/json", extra: "yes", body: '{"a":1}' }));
});

test("a body without a content type goes as a form, as curl sends it", async () => {
  const result = await httpRequest({ method: "PUT", url: `${base}/echo`, body: "a=1" });
  assert.equal(result.ok && JSON.parse(result.body).type, "application/x-www-form-urlencoded");
});

test("a 404 is a completed transfer (code 1 in rest_client) with its status", async () => {
  assert.deepEqual(await httpRequest({ method: "GET", url: `${base}/missing` }), {
    ok: true,
    status: 404,
    body: "no such thing",
    contentType: "text/plain",
  });
});

test("a response without a content type reports null", async () => {
  assert.deepEqual(await httpRequest({ method: "GET", url: `${base}/bare` }), { ok: true, status: 204, body: "", contentType: null });
});

test("a refused connection is -1", async () => {
  const port = await closedPort();
  const result = await httpRequest({ method: "GET", url: `http://127.0.0.1:${port}/` });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.code, -1);
});

test("a response that does not complete in time is -3, with what arrived", async () => {
  const started = performance.now();
  const result = await httpRequest({ method: "GET", url: `${base}/slow-body`, timeoutMs: 200 });
  assert.deepEqual(result, { ok: false, code: -3, error: "transfer timed out after 200 ms", status: 200, body: "partial" });
  assert.ok(performance.now() - started < 1_500);
});

test("a server that accepts but never answers is -3", async () => {
  const silent = createTcpServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const port = (silent.address() as AddressInfo).port;
  const result = await httpRequest({ method: "GET", url: `http://127.0.0.1:${port}/`, timeoutMs: 100 });
  assert.deepEqual(result, { ok: false, code: -3, error: "transfer timed out after 100 ms", status: 0, body: "" });
  silent.close();
});

test("no connection before the connect timeout is -2", async () => {
  // A resolver that never answers keeps the request in its connect phase, as a dropped SYN would.
  const neverResolves: LookupFunction = () => {};
  const result = await httpRequest({ method: "GET", url: "http://unreachable.test/", connectTimeoutMs: 100, lookup: neverResolves });
  assert.deepEqual(result, { ok: false, code: -2, error: "connect timed out after 100 ms", status: 0, body: "" });
});

test("the overall timeout during the connect phase is also -2", async () => {
  const neverResolves: LookupFunction = () => {};
  const result = await httpRequest({ method: "GET", url: "http://unreachable.test/", timeoutMs: 80, connectTimeoutMs: 5_000, lookup: neverResolves });
  assert.deepEqual(result, { ok: false, code: -2, error: "connect timed out after 80 ms", status: 0, body: "" });
});

test("bad URLs, other protocols, bad methods or headers and oversized bodies are internal errors (-10)", async () => {
  for (const url of ["not a url", "ftp://127.0.0.1/file"]) {
    const result = await httpRequest({ method: "GET", url });
    assert.equal(!result.ok && result.code, -10, url);
  }
  const badMethod = await httpRequest({ method: "GE T", url: `${base}/echo`, timeoutMs: 50 });
  assert.equal(!badMethod.ok && badMethod.code, -10);
  const badHeader = await httpRequest({ method: "GET", url: `${base}/echo`, headers: { "X-Bad": "a\r\nInjected: 1" } });
  assert.equal(!badHeader.ok && badHeader.code, -10);
  const big = await httpRequest({ method: "GET", url: `${base}/big`, maxBodyBytes: 1000 });
  assert.equal(!big.ok && big.code, -10);
});

test("a name that does not resolve is an internal error (-10), as curl reports it", async () => {
  const fails: LookupFunction = (hostname, _options, callback) =>
    callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 4);
  const result = await httpRequest({ method: "GET", url: "http://nowhere.test/", lookup: fails });
  assert.equal(!result.ok && result.code, -10);
});

async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
