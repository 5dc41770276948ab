/**
 * Does a moment fall within a time recurrence? time_rec.c's `check_tmrec` step by step: before
 * dtstart never; without FREQ only inside [dtstart, dtend); else the FREQ/INTERVAL instance,
 * then the recurring [dtstart, dtend) window on the smallest unit, then the BYxxx lists, then
 * UNTIL. Weeks start on Monday (OpenSIPS's default `USE_YWEEK_W`).
 */
import { localTime, makeTime, tmOf, type Tm } from "./drouting-timerec-clock.ts";
import {
  FREQ_DAILY, FREQ_MONTHLY, FREQ_WEEKLY, FREQ_YEARLY, minInterval, SEC_DAILY, SEC_MONTHLY_MAX, SEC_WEEKLY, SEC_YEARLY_MAX,
  type ByList, type TimeRec,
} from "./drouting-timerec-parse.ts";

/** The moment being checked, with the week counts time_rec.c derives from it. */
interface Moment {
  readonly seconds: number;
  readonly tm: Tm;
  /** Week of the year, Monday first (strftime %W). */
  readonly yweek: number;
  /** Which occurrence of its weekday in the year, 0-based. */
  readonly ywday: number;
  /** Which occurrence of its weekday in the month, 0-based. */
  readonly wom: number;
}

const daySeconds = (tm: Tm): number => tm.hour * 3600 + tm.min * 60 + tm.sec;
const mondayWeek = (tm: Tm): number => Math.trunc((tm.yday + 7 - (tm.wday ? tm.wday - 1 : 6)) / 7);
const isLeapYear = (year: number): boolean => (year % 400 === 0 ? true : year % 100 === 0 ? false : year % 4 === 0);

function momentOf(seconds: number, rec: TimeRec): Moment {
  const tm = localTime(seconds, rec.zone);
  return { seconds, tm, yweek: mondayWeek(tm), ywday: Math.trunc(tm.yday / 7), wom: Math.trunc((tm.mday - 1) / 7) };
}

function dateSeconds(tm: Tm, rec: TimeRec): number {
  return makeTime({ year: tm.year, mon: tm.mon, mday: tm.mday, hour: 0, min: 0, sec: 0 }, rec.zone);
}

/** Is this instance of the recurrence one the INTERVAL keeps? */
function intervalMatches(rec: TimeRec, now: Moment): boolean {
  const interval = rec.interval;
  if (interval === null || interval === 1) return true;
  const start = rec.start;
  switch (rec.freq) {
    case FREQ_DAILY:
    case FREQ_WEEKLY: {
      let t0 = dateSeconds(start, rec);
      let t1 = dateSeconds(now.tm, rec);
      if (rec.freq === FREQ_DAILY) return Math.trunc((t1 - t0) / SEC_DAILY) % interval === 0;
      t0 -= ((start.wday + 6) % 7) * SEC_DAILY;
      t1 -= ((now.tm.wday + 6) % 7) * SEC_DAILY;
      return Math.trunc((t1 - t0) / SEC_WEEKLY) % interval === 0;
    }
    case FREQ_MONTHLY:
      return ((now.tm.year - start.year) * 12 + now.tm.mon - start.mon) % interval === 0;
    case FREQ_YEARLY:
      return (now.tm.year - start.year) % interval === 0;
    default:
      return false;
  }
}

/** `check_recur_itv`: is `x` inside the window that starts like `bgn` and ends like `end`, repeated every `freq`? */
function inRecurringWindow(x: Tm, bgn: Tm, end: Tm, duration: number, freq: number): boolean {
  const field = freq === FREQ_YEARLY ? "yday" : freq === FREQ_MONTHLY ? "mday" : freq === FREQ_WEEKLY ? "wday" : null;
  if (field === null) {
    if (bgn.mday === end.mday) return daySeconds(x) >= daySeconds(bgn) && daySeconds(end) > daySeconds(x);
    return daySeconds(bgn) <= daySeconds(x) || daySeconds(x) < daySeconds(end);
  }
  const [d1, d2, dx] = [bgn[field], end[field], x[field]];
  if (d1 < d2) {
    if (dx < d1 || dx > d2) return false;
    if (dx > d1 && dx < d2) return true;
  } else if (d2 < d1) {
    if (dx > d2 && dx < d1) return false;
    if (dx < d2 || dx > d1) return true;
  } else if (dx !== d1) {
    return duration > SEC_DAILY;
  } else {
    return daySeconds(x) >= daySeconds(bgn) && daySeconds(end) > daySeconds(x);
  }
  return dx === d1 ? daySeconds(x) > daySeconds(bgn) : daySeconds(end) > daySeconds(x);
}

function minUnitMatches(rec: TimeRec, now: Moment): boolean {
  const unit = minInterval(rec);
  const whole: Readonly<Record<number, number>> = { [FREQ_DAILY]: SEC_DAILY, [FREQ_WEEKLY]: SEC_WEEKLY, [FREQ_MONTHLY]: SEC_MONTHLY_MAX, [FREQ_YEARLY]: SEC_YEARLY_MAX };
  const unitSeconds = whole[unit];
  if (unitSeconds === undefined) return false;
  if (rec.duration >= unitSeconds) return true;
  return inRecurringWindow(now.tm, rec.start, localTime(rec.dtend, rec.zone), rec.duration, unit);
}

/** How many days, weeks and weekday occurrences the moment's year and month have (`ac_get_maxval`). */
function limitsOf(tm: Tm): { yday: number; mday: number; ywday: number; yweek: number; mwday: number } {
  const yday = isLeapYear(tm.year) ? 366 : 365;
  const mday = tm.mon === 1 ? (yday === 366 ? 29 : 28) : [3, 5, 8, 10].includes(tm.mon) ? 30 : 31;
  const lastDay = tmOf({ year: tm.year, mon: 11, mday: 31, hour: 0, min: 0, sec: 0 });
  const v = tm.wday > lastDay.wday ? tm.wday - lastDay.wday + 1 : lastDay.wday - tm.wday;
  return {
    yday,
    mday,
    ywday: Math.trunc((lastDay.yday - v) / 7) + 1,
    yweek: mondayWeek(lastDay) + 1,
    mwday: Math.trunc((mday - 1 - ((mday - tm.mday) % 7)) / 7) + 1,
  };
}

const some = (list: ByList, test: (value: number, req: number) => boolean): boolean => list.values.some((value, i) => test(value, list.reqs[i]!));

function byListsMatch(rec: TimeRec, now: Moment): boolean {
  const tm = now.tm;
  const max = limitsOf(tm);
  if (rec.bymonth !== null && !some(rec.bymonth, (v, r) => tm.mon === ((v - 1) * r + 12) % 12)) return false;
  if (rec.freq === FREQ_YEARLY && rec.byweekno !== null && !some(rec.byweekno, (v, r) => now.yweek === ((v - 1) * r + max.yweek) % max.yweek)) return false;
  if (rec.byyday !== null && !some(rec.byyday, (v, r) => tm.yday === ((v - 1) * r + max.yday) % max.yday)) return false;
  if (rec.bymday !== null && !some(rec.bymday, (v, r) => tm.mday === ((v * r + max.mday) % max.mday) + (r < 0 ? 1 : 0))) return false;
  if (rec.byday === null) return true;
  return some(rec.byday, (day, req) => {
    if (tm.wday !== day) return false;
    if (rec.freq === FREQ_YEARLY) return now.ywday === (req + max.ywday) % max.ywday;
    if (rec.freq === FREQ_MONTHLY) return now.wom === (req + max.mwday) % max.mwday;
    return true;
  });
}

/** True when `seconds` (since the epoch) falls within the recurrence. */
export function timeRecMatches(rec: TimeRec, seconds: number): boolean {
  if (seconds < rec.dtstart) return false;
  if (rec.freq === null) return seconds < rec.dtend;
  const now = momentOf(seconds, rec);
  if (!intervalMatches(rec, now) || !minUnitMatches(rec, now) || !byListsMatch(rec, now)) return false;
  return rec.until === null || seconds <= rec.until;
}
