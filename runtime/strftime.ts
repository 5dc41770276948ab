/**
 * C `strftime` in the C locale, local time (what `$time(format)` and `$Tf` print).
 */

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function pad(n: number, width = 2, fill = "0"): string {
  return String(n).padStart(width, fill);
}

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - start.getTime()) / 86400000) + 1;
}

function zoneOffset(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
}

function zoneName(d: Date): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName");
  return part?.value ?? "";
}

function conversion(c: string, d: Date): string | null {
  switch (c) {
    case "a":
      return DAYS[d.getDay()]!.slice(0, 3);
    case "A":
      return DAYS[d.getDay()]!;
    case "b":
    case "h":
      return MONTHS[d.getMonth()]!.slice(0, 3);
    case "B":
      return MONTHS[d.getMonth()]!;
    case "c":
      return `${conversion("a", d)} ${conversion("b", d)} ${conversion("e", d)} ${conversion("T", d)} ${d.getFullYear()}`;
    case "C":
      return pad(Math.floor(d.getFullYear() / 100));
    case "d":
      return pad(d.getDate());
    case "D":
      return `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${pad(d.getFullYear() % 100)}`;
    case "e":
      return pad(d.getDate(), 2, " ");
    case "F":
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    case "H":
      return pad(d.getHours());
    case "I":
      return pad(d.getHours() % 12 || 12);
    case "j":
      return pad(dayOfYear(d), 3);
    case "m":
      return pad(d.getMonth() + 1);
    case "M":
      return pad(d.getMinutes());
    case "n":
      return "\n";
    case "p":
      return d.getHours() < 12 ? "AM" : "PM";
    case "r":
      return `${conversion("I", d)}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${conversion("p", d)}`;
    case "R":
      return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    case "s":
      return String(Math.floor(d.getTime() / 1000));
    case "S":
      return pad(d.getSeconds());
    case "t":
      return "\t";
    case "T":
      return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    case "u":
      return String(d.getDay() || 7);
    case "w":
      return String(d.getDay());
    case "x":
      return conversion("D", d);
    case "X":
      return conversion("T", d);
    case "y":
      return pad(d.getFullYear() % 100);
    case "Y":
      return String(d.getFullYear());
    case "z":
      return zoneOffset(d);
    case "Z":
      return zoneName(d);
    case "%":
      return "%";
    default:
      return null;
  }
}

/** `format` with every `%x` conversion replaced; an unknown conversion is kept as written. */
export function strftime(format: string, time: Date): string {
  return format.replace(/%(.)/gs, (whole, c: string) => conversion(c, time) ?? whole);
}
