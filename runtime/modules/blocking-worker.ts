/**
 * Blocking calls for functions a script calls without async(): OpenSIPS then blocks its worker
 * until the I/O is done, and so does this — the request goes to a worker thread, and the calling
 * thread sleeps (Atomics.wait) until the worker has posted its answer, which is then taken
 * synchronously (receiveMessageOnPort). The worker's code is a string (CommonJS, `eval: true`) so
 * that it survives bundling; it gets `{ request, port, signal }` messages, must post one answer
 * on `port`, then set `signal[0] = 1` and `Atomics.notify(signal, 0)`.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

export class BlockingWorker {
  private worker: Worker | null = null;

  constructor(
    private readonly code: string,
    private readonly workerData: unknown = null,
  ) {}

  /** Runs `request` in the worker and returns its answer; `failure` when the worker gives none in time. */
  call<T>(request: unknown, timeoutMs: number, failure: T): T {
    const worker = this.start();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    try {
      worker.postMessage({ request, port: port2, signal }, [port2]);
      Atomics.wait(signal, 0, 0, timeoutMs);
      const answer = receiveMessageOnPort(port1);
      return answer === undefined ? failure : (answer.message as T);
    } finally {
      port1.close();
    }
  }

  private start(): Worker {
    if (this.worker === null) {
      this.worker = new Worker(this.code, { eval: true, workerData: this.workerData });
      this.worker.unref();
      this.worker.on("error", () => {
        this.worker = null;
      });
    }
    return this.worker;
  }
}
