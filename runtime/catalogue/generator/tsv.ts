/** Reads the fact tables of `spec/catalogue/` (TSV with a header row). */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type TsvRow = Readonly<Record<string, string>>;

export function readTsv(dir: string, file: string): TsvRow[] {
  const lines = readFileSync(join(dir, file), "utf8").split("\n").filter((line) => line.trim() !== "");
  const header = lines[0]!.split("\t");
  return lines.slice(1).map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(header.map((column, i) => [column, cells[i] ?? ""]));
  });
}
