/**
 * `opensips-ts serve`: runs a script as a SIP proxy on UDP until SIGINT/SIGTERM. Log lines (the
 * script's xlog and core messages, a summary of every message handled, transport notices) go to
 * stderr, as text or JSON lines.
 */
import { serveUdp } from "../runtime/env/udp.ts";
import { formatEntry, type LogFormat, type ServeLogEntry } from "../runtime/env/udp-log.ts";
import { withDatabase } from "./database-override.ts";
import { loadScript } from "./serve-script.ts";
import type { Target } from "./options.ts";

export interface ServeCommandOptions {
  /** A `.cfg` script, or a `.js` module compiled from one. */
  input: string;
  /** `[udp:]IP:PORT` instead of the script's first socket. */
  listen?: string;
  /** The database sqlops and avpops use instead of their `db_url`. */
  db?: string;
  target: Target;
  log: LogFormat;
  preprocessor?: string;
  color: boolean;
}

const EXIT_OK = 0;
const EXIT_SCRIPT = 1;
const EXIT_IO = 2;
/** A second stop signal while draining: 128 + SIGINT, as shells report an interrupted command. */
const EXIT_FORCED = 130;
/** How long suspended transactions may take to finish once a stop signal came. */
const GRACE_MS = 5000;
/** How long the process may linger after the server closed. */
const EXIT_DELAY_MS = 1000;
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

export async function runServe(options: ServeCommandOptions): Promise<number> {
  const loaded = await loadScript(options.input, { target: options.target, preprocessor: options.preprocessor, color: options.color });
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return loaded.kind === "io" ? EXIT_IO : EXIT_SCRIPT;
  }
  for (const warning of loaded.warnings) process.stderr.write(`${warning}\n\n`);
  const script = options.db === undefined ? loaded.script : withDatabase(loaded.script, options.db);
  const write = (entry: ServeLogEntry): void => void process.stderr.write(`${formatEntry(entry, options.log, Date.now())}\n`);

  const started = await serveUdp({ script, listen: options.listen, sink: write });
  if (!started.ok) {
    process.stderr.write(`opensips-ts: ${started.error}\n`);
    return EXIT_IO;
  }
  const { server } = started;
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      for (const signal of STOP_SIGNALS) process.off(signal, stop);
      // A second signal while draining stops at once.
      for (const signal of STOP_SIGNALS) process.once(signal, () => process.exit(EXIT_FORCED));
      void server.close(GRACE_MS).then(() => {
        // Work abandoned after the grace period may hold the event loop open: do not wait for it.
        setTimeout(() => process.exit(EXIT_OK), EXIT_DELAY_MS).unref();
        resolve(EXIT_OK);
      });
    };
    for (const signal of STOP_SIGNALS) process.on(signal, stop);
  });
}

