/**
 * One time recurrence as OpenSIPS 3.6 parses it (time_rec.c `_tmrec_parse`), the format of
 * dr_rules.timerec and cfgutils' check_time_rec:
 * `[TZ|]dtstart|dtend|duration|freq|until|interval|byday|bymonthday|byyearday|byweekno|bymonth`,
 * RFC 2445 values (`20240101T090000`, `PT8H`, `weekly`, `MO,TU,-1FR`, `1,15,-1`). Empty fields are
 * unset. The C parser's quirks are kept: an interval is the sum of its digits, a bad character
 * in a duration gives a duration of 0, an unparsable BYxxx list is ignored (but still needs a
 * FREQ), and `WE` in a BYDAY list never carries an occurrence number.
 */
import { localTime, makeTime, type Tm, type Zone } from "./drouting-timerec-clock.ts";

export const FREQ_NONE = 0;
export const FREQ_DAILY = 1;
export const FREQ_WEEKLY = 2;
export const FREQ_MONTHLY = 3;
export const FREQ_YEARLY = 4;

export const SEC_DAILY = 86_400;
export const SEC_WEEKLY = 7 * SEC_DAILY;
export const SEC_MONTHLY_MAX = 31 * SEC_DAILY;
export const SEC_YEARLY_MAX = 366 * SEC_DAILY;
/** Where an open-ended recurrence ends: about 4000 years after the epoch. */
const FAR_END = 126_227_808_000;

/** A BYxxx list: `values[i]` with sign or occurrence `reqs[i]` (for BYDAY: 0-based occurrence, negative from the end). */
export interface ByList {
  readonly values: readonly number[];
  readonly reqs: readonly number[];
}

export interface TimeRec {
  readonly zone: Zone;
  readonly dtstart: number;
  /** dtstart broken down (all zero when dtstart was not given). */
  readonly start: Tm;
  readonly dtend: number;
  readonly duration: number;
  readonly freq: number | null;
  readonly until: number | null;
  readonly interval: number | null;
  readonly byday: ByList | null;
  readonly bymday: ByList | null;
  readonly byyday: ByList | null;
  readonly byweekno: ByList | null;
  readonly bymonth: ByList | null;
}

const ZERO_TM: Tm = { year: 1900, mon: 0, mday: 0, hour: 0, min: 0, sec: 0, wday: 0, yday: 0 };
const WEEKDAYS: Readonly<Record<string, number>> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
const digit = (c: string): number => c.charCodeAt(0) - 48;

/** `YYYYMMDDTHHMMSS` in `zone`; null when malformed. */
function parseDateTime(text: string, zone: Zone): number | null {
  if (text.length !== 15) return null;
  const number = (from: number, to: number): number => [...text.slice(from, to)].reduce((n, c) => n * 10 + digit(c), 0);
  const year = number(0, 4);
  const mon = number(4, 6) - 1;
  const mday = number(6, 8);
  if (year < 1970 || mon === -1 || mday === 0) return null;
  return makeTime({ year, mon, mday, hour: number(9, 11), min: number(11, 13), sec: number(13, 15) }, zone);
}

/** `P1W2DT3H` / `3H30M`: weeks and days only after `P`, hours, minutes and seconds only outside it (or after `T`). */
function parseDuration(text: string): number | null {
  if (text.length < 2) return null;
  let inDate = text[0] === "P" || text[0] === "p";
  let total = 0;
  let n = 0;
  const units: Readonly<Record<string, [seconds: number, dateUnit: boolean]>> = { W: [SEC_WEEKLY, true], D: [SEC_DAILY, true], H: [3600, false], M: [60, false], S: [1, false] };
  for (const c of text.slice(inDate ? 1 : 0)) {
    const upper = c.toUpperCase();
    if (c >= "0" && c <= "9") n = n * 10 + digit(c);
    else if (upper === "T" && inDate) inDate = false;
    else if (units[upper] !== undefined && units[upper]![1] === inDate) {
      total += n * units[upper]![0];
      n = 0;
    } else return 0;
  }
  return total;
}

function parseFreq(text: string): number {
  const freqs: Readonly<Record<string, number>> = { daily: FREQ_DAILY, weekly: FREQ_WEEKLY, monthly: FREQ_MONTHLY, yearly: FREQ_YEARLY };
  return freqs[text.toLowerCase()] ?? FREQ_NONE;
}

/** `MO,2TU,-1FR`: weekday numbers with 0-based occurrences; null when malformed. */
function parseByDay(text: string): ByList | null {
  const values: number[] = [];
  const reqs: number[] = [];
  for (const item of text.split(",")) {
    const match = /^[\s+]*(-?)[\s+]*([0-9]*)[\s]*([A-Za-z]{2})[\s]*$/.exec(item);
    const day = match === null ? undefined : WEEKDAYS[match[3]!.toUpperCase()];
    if (match === null || day === undefined) return null;
    const req = day === WEEKDAYS.WE ? 0 : (match[1] === "-" ? -1 : 1) * Number(match[2] || "0");
    values.push(day);
    reqs.push(req > 0 ? req - 1 : req);
  }
  return { values, reqs };
}

/** `1,15,-1`: numbers with their signs; null when malformed. */
function parseByList(text: string): ByList | null {
  const values: number[] = [];
  const reqs: number[] = [];
  for (const item of text.split(",")) {
    if (!/^[\s+\-0-9]*$/.test(item)) return null;
    values.push(Number(item.replace(/[^0-9]/g, "") || "0"));
    reqs.push(item.includes("-") ? -1 : 1);
  }
  return { values, reqs };
}

interface Draft {
  dtstart: number | null;
  start: Tm;
  dtend: number | null;
  duration: number | null;
  freq: number | null;
  until: number | null;
  interval: number | null;
  byday: ByList | null;
  bymday: ByList | null;
  byyday: ByList | null;
  byweekno: ByList | null;
  bymonth: ByList | null;
  hasBy: boolean;
}

type FieldParser = (draft: Draft, text: string, zone: Zone) => string | null;

const dateField =
  (key: "dtend" | "until"): FieldParser =>
  (draft, text, zone) => {
    draft[key] = parseDateTime(text, zone);
    return draft[key] === null ? `bad ${key} "${text}"` : null;
  };

const byField =
  (key: "byday" | "bymday" | "byyday" | "byweekno" | "bymonth", parse: (text: string) => ByList | null): FieldParser =>
  (draft, text) => {
    draft[key] = parse(text);
    draft.hasBy = true;
    return null;
  };

const FIELDS: readonly FieldParser[] = [
  (draft, text, zone) => {
    draft.dtstart = parseDateTime(text, zone);
    if (draft.dtstart !== null) draft.start = localTime(draft.dtstart, zone);
    return draft.dtstart === null ? `bad dtstart "${text}"` : null;
  },
  dateField("dtend"),
  (draft, text) => {
    draft.duration = parseDuration(text);
    return draft.duration === null ? `bad duration "${text}"` : null;
  },
  (draft, text) => {
    draft.freq = text.length < 5 ? FREQ_NONE : parseFreq(text);
    return null;
  },
  dateField("until"),
  (draft, text) => {
    // time_rec.c's strz2int adds the digits up instead of reading a number.
    draft.interval = [.../^[0-9]*/.exec(text)![0]].reduce((sum, c) => sum + digit(c), 0);
    return null;
  },
  byField("byday", parseByDay),
  byField("bymday", parseByList),
  byField("byyday", parseByList),
  byField("byweekno", parseByList),
  byField("bymonth", parseByList),
];

/** The smallest unit the recurrence repeats on (time_rec.c `get_min_interval`). */
export function minInterval(rec: Pick<TimeRec, "freq" | "byday" | "bymday" | "byyday" | "byweekno" | "bymonth">): number {
  if (rec.freq === FREQ_DAILY || rec.byday !== null || rec.bymday !== null || rec.byyday !== null) return FREQ_DAILY;
  if (rec.freq === FREQ_WEEKLY || rec.byweekno !== null) return FREQ_WEEKLY;
  if (rec.freq === FREQ_MONTHLY || rec.bymonth !== null) return FREQ_MONTHLY;
  if (rec.freq === FREQ_YEARLY) return FREQ_YEARLY;
  return FREQ_NONE;
}

/** Without a duration or an end, the first occurrence lasts until the end of its smallest unit. */
function defaultEnd(draft: Draft, dtstart: number): number {
  const { hour, min, sec, wday, mday, yday } = draft.start;
  const dayTime = hour * 3600 + min * 60 + sec;
  switch (minInterval(draft)) {
    case FREQ_DAILY:
      return dtstart + SEC_DAILY - dayTime;
    case FREQ_WEEKLY:
      return dtstart + SEC_WEEKLY - (wday * SEC_DAILY + dayTime);
    case FREQ_MONTHLY:
      return dtstart + SEC_MONTHLY_MAX - (mday * SEC_DAILY + dayTime);
    case FREQ_YEARLY:
      return dtstart + SEC_YEARLY_MAX - (yday * SEC_DAILY + dayTime);
    default:
      return FAR_END;
  }
}

/** Parses one recurrence; an error text when it is malformed. */
export function parseTimeRec(text: string): TimeRec | string {
  const fields = text.split("|");
  const zone = fields[0] === "" || /^[A-Z]/.test(fields[0]!) ? fields.shift() || null : null;
  const draft: Draft = {
    dtstart: null, start: ZERO_TM, dtend: null, duration: null, freq: null, until: null, interval: null,
    byday: null, bymday: null, byyday: null, byweekno: null, bymonth: null, hasBy: false,
  };
  for (const [i, field] of fields.slice(0, FIELDS.length).entries()) {
    const error = field === "" ? null : FIELDS[i]!(draft, field, zone);
    if (error !== null) return error;
  }
  const dtstart = draft.dtstart ?? 0;
  const dtend = draft.duration !== null ? dtstart + draft.duration : (draft.dtend ?? defaultEnd(draft, dtstart));
  if (draft.freq === null && (draft.until !== null || draft.interval !== null || draft.hasBy)) return "missing FREQ component";
  return { ...draft, zone, dtstart, dtend, duration: draft.duration ?? dtend - dtstart };
}
