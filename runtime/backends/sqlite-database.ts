import { createRequire } from "node:module";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { errorMessage } from "./error-message.ts";
import { hasTimeout } from "./settle-once.ts";
import { sqliteCell } from "./sql-cell.ts";
import { SQLITE_WORKER_CODE } from "./sqlite-worker-code.ts";
import { SQLITE_MEMORY } from "./sql-url.ts";
import { sqlFailure, sqlTimeout, type SqlDatabase, type SqlQueryOptions, type SqlResult } from "./sql-types.ts";

type Operation = "query" | "exec";

interface WorkerReply {
  id: number;
  ok: boolean;
  error?: string;
  columns?: string[];
  rows?: unknown[][];
  changes?: number;
}

interface PendingRequest {
  readonly id: number;
  readonly op: Operation;
  readonly sql: string;
  readonly resolve: (result: SqlResult) => void;
  timer: NodeJS.Timeout | undefined;
  /** Already answered with a timeout; the worker's late reply is dropped. */
  abandoned: boolean;
}

/**
 * A SQLite database served by one worker thread (better-sqlite3 is synchronous, so the main thread
 * never touches it). Requests are queued in the worker and answered in order; each caller gets its
 * own reply by id.
 *
 * Timeouts: a timed-out caller is answered at once. If the request still running in the worker is
 * overdue, a file database's worker is terminated and restarted (the queued requests are sent again)
 * so later queries are not stuck behind it; an in-memory database cannot be restarted without losing
 * its data, so later queries wait for it (each within its own timeout).
 */
export class SqliteDatabase implements SqlDatabase {
  private worker: Worker;
  /** The worker died (uncaught error); a new one is started for the next request. */
  private workerFailed = false;
  private readonly pending = new Map<number, PendingRequest>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly filename: string,
    private readonly modulePath: string,
  ) {
    this.worker = this.startWorker();
  }

  query(sql: string, opts: SqlQueryOptions = {}): Promise<SqlResult> {
    return this.request("query", sql, opts);
  }

  exec(sql: string, opts: SqlQueryOptions = {}): Promise<SqlResult> {
    return this.request("exec", sql, opts);
  }

  /**
   * Closes the database once the queued requests are done. With requests still waiting it answers
   * them with an error and stops the worker without waiting for it (a running SQLite statement
   * cannot be interrupted; the thread ends when it returns).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.workerFailed) return;
    const worker = this.worker;
    if (this.pending.size > 0) {
      for (const request of this.pending.values()) this.settle(request, sqlFailure("database closed"));
      this.pending.clear();
      void worker.terminate();
      return;
    }
    const exited = once(worker, "exit");
    worker.ref();
    worker.postMessage({ op: "close" });
    await exited;
  }

  private request(op: Operation, sql: string, opts: SqlQueryOptions): Promise<SqlResult> {
    if (this.closed) return Promise.resolve(sqlFailure("database closed"));
    return new Promise((resolve) => {
      const request: PendingRequest = { id: this.nextId++, op, sql, resolve, timer: undefined, abandoned: false };
      const timeoutMs = opts.timeoutMs;
      if (hasTimeout(timeoutMs)) {
        request.timer = setTimeout(() => this.timeOut(request, timeoutMs), timeoutMs);
      }
      if (this.workerFailed) {
        this.workerFailed = false;
        this.worker = this.startWorker();
      }
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(request.id, request);
      this.send(request);
    });
  }

  private send(request: PendingRequest): void {
    this.worker.postMessage({ id: request.id, op: request.op, sql: request.sql });
  }

  private startWorker(): Worker {
    const worker = new Worker(SQLITE_WORKER_CODE, {
      eval: true,
      workerData: { modulePath: this.modulePath, filename: this.filename },
    });
    worker.unref();
    // Replies of a worker that was replaced are dropped: its requests were sent to the new one.
    worker.on("message", (reply: WorkerReply) => {
      if (worker === this.worker) this.receive(reply);
    });
    worker.on("error", (err: Error) => {
      if (worker !== this.worker) return;
      this.workerFailed = true;
      this.failAll(`database worker failed: ${err.message}`);
    });
    return worker;
  }

  private receive(reply: WorkerReply): void {
    const request = this.pending.get(reply.id);
    if (!request) return;
    this.forget(request);
    if (request.abandoned) return;
    this.settle(request, toResult(reply));
  }

  private timeOut(request: PendingRequest, timeoutMs: number): void {
    request.timer = undefined;
    request.abandoned = true;
    request.resolve(sqlTimeout(timeoutMs));
    const running = this.pending.values().next().value;
    if (running?.abandoned && this.filename !== SQLITE_MEMORY) this.restartWorker();
  }

  /** Drops the overdue work and replays the queued requests on a fresh worker. */
  private restartWorker(): void {
    void this.worker.terminate();
    this.worker = this.startWorker();
    for (const request of [...this.pending.values()]) {
      if (request.abandoned) this.forget(request);
      else this.send(request);
    }
    if (this.pending.size > 0) this.worker.ref();
  }

  private failAll(error: string): void {
    for (const request of [...this.pending.values()]) {
      this.forget(request);
      if (!request.abandoned) this.settle(request, sqlFailure(error));
    }
  }

  private forget(request: PendingRequest): void {
    this.pending.delete(request.id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private settle(request: PendingRequest, result: SqlResult): void {
    if (request.timer) clearTimeout(request.timer);
    request.resolve(result);
  }
}

function toResult(reply: WorkerReply): SqlResult {
  if (!reply.ok) return sqlFailure(reply.error ?? "unknown SQLite error");
  const rows = (reply.rows ?? []).map((row) => row.map(sqliteCell));
  const result: SqlResult = { ok: true, columns: reply.columns ?? [], rows };
  if (reply.changes !== undefined) result.changes = reply.changes;
  return result;
}

/** Where better-sqlite3 lives, resolved from this module (not from the current directory). */
export function resolveBetterSqlite(): string | Error {
  try {
    return createRequire(import.meta.url).resolve("better-sqlite3");
  } catch (err) {
    return new Error(errorMessage(err));
  }
}
