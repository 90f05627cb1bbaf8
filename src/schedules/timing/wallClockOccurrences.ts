import { floorMinute, HOUR, instantsOf, MINUTE, offsetAt, wallOf } from '../model/zonedTime';

/**
 * Fire times of a wall-clock pattern (a cron expression, a daily/weekly/monthly recurrence) in a
 * time zone, with the DST rules of Vixie cron:
 * - a local time that does not exist (spring forward) fires at that time shifted forward by the
 *   gap, once: 02:30 in Berlin's 02:00→03:00 gap fires at 03:30;
 * - a local time that exists twice (fall back) fires once, on the first pass — unless the pattern
 *   runs every hour (hour field `*`), which keeps its pace in real time and fires on both passes.
 */

/** The first matching wall time strictly after a wall time (see zonedTime.ts), or undefined. */
export type WallMatcher = (afterWall: number) => number | undefined;

/** Far enough back and forth to cover any UTC offset change. */
const MARGIN = 3 * HOUR;
const MAX_STEPS = 200_000;

export class WallClockOccurrences {
  constructor(
    private readonly next: WallMatcher,
    private readonly zone: string,
    /** The pattern fires every hour: a repeated hour is fired on both passes. */
    private readonly everyHour: boolean,
  ) {}

  /** The first fire time strictly after instant `after`, or undefined when there is none. */
  nextAfter(after: number): number | undefined {
    // Near a fall-back, earlier wall times may have a second pass still to come: look back.
    let wall = floorMinute(wallOf(after, this.zone)) - MINUTE - (this.settled(after) ? 0 : MARGIN);
    let best: { at: number; wall: number } | undefined;
    for (let step = 0; step < MAX_STEPS; step++) {
      const candidate = this.next(wall);
      if (candidate === undefined || (best !== undefined && candidate > best.wall + MARGIN)) break;
      wall = candidate;
      for (const at of this.firesAt(wall)) {
        if (at > after && (best === undefined || at < best.at)) best = { at, wall };
      }
      if (best !== undefined && this.settled(best.at)) break;
    }
    return best?.at;
  }

  /** Instants at which wall time `wall` fires. */
  private firesAt(wall: number): number[] {
    const instants = instantsOf(wall, this.zone);
    if (instants.length === 0) return [wall - offsetAt(wall - 24 * HOUR, this.zone)];
    return this.everyHour ? instants : instants.slice(0, 1);
  }

  /** No UTC offset change within the margin around `at`: wall order is time order there. */
  private settled(at: number): boolean {
    return offsetAt(at - MARGIN, this.zone) === offsetAt(at, this.zone) && offsetAt(at, this.zone) === offsetAt(at + MARGIN, this.zone);
  }
}
