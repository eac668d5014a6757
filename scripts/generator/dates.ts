/**
 * Day arithmetic relative to the anchor date. Days are integers counted from the Unix epoch;
 * formatted strings are cached because a million records share a few thousand distinct days.
 */
import { DAY_MS as MS_PER_DAY } from '../../graph/analytics/time.js';

/** Calendar of the generated network: the activity window ends the day before the anchor. */
export class Calendar {
  /** First day of the activity window. */
  readonly start: number;
  /** The anchor day (exclusive end of the window). */
  readonly end: number;
  private readonly cache = new Map<number, string>();

  constructor(anchor: string, years: number) {
    this.end = Math.floor(Date.parse(`${anchor}T00:00:00Z`) / MS_PER_DAY);
    this.start = this.end - Math.round(365.25 * years);
  }

  /** Number of days in the window. */
  get span(): number {
    return this.end - this.start;
  }

  /** YYYY-MM-DD of a day number. */
  date(day: number): string {
    let s = this.cache.get(day);
    if (s === undefined) {
      s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      this.cache.set(day, s);
    }
    return s;
  }

  /** An ISO date-time in UTC at hh:mm of a day. */
  dateTime(day: number, hour: number, minute: number): string {
    return `${this.date(day)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;
  }
}
