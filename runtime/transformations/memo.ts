/**
 * One-entry cache for parsers keyed by the input text: scripts usually apply several
 * transformations of one class to the same value (`{uri.user}` then `{uri.host}`), and OpenSIPS
 * keeps the last parse for the same reason.
 */
export function memoLast<T>(parse: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let lastResult: T;
  return (text) => {
    if (text !== lastText) {
      lastResult = parse(text);
      lastText = text;
    }
    return lastResult;
  };
}
