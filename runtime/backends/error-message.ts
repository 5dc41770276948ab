/** The message of anything thrown or passed to an error callback. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
