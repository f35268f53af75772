import { describe, expect, it } from "vitest";
import {
  coveredMs,
  type DelegationHours,
  findOverlaps,
  groupByDay,
  isOutOfHours,
  outOfHoursFor,
} from "../../../shared/schema/agendaChecks";
import { DEFAULT_WORKING_HOURS } from "../../../shared/schema/agendaLayout";
import { wallToInstant } from "../../../shared/schema/agendaTime";
import { at, session } from "../../support/agendaFixtures";

const bristol: DelegationHours = { id: "bristol", timeZone: "Europe/London", hours: DEFAULT_WORKING_HOURS };
const recife: DelegationHours = { id: "recife", timeZone: "America/Recife", hours: DEFAULT_WORKING_HOURS };
const chengdu: DelegationHours = { id: "chengdu", timeZone: "Asia/Shanghai", hours: DEFAULT_WORKING_HOURS };
const all = [bristol, recife, chengdu];
const london = (date: string, hh: number, mm = 0) => wallToInstant(date, hh * 60 + mm, "Europe/London");

describe("out-of-hours warnings", () => {
  it("warns Recife of a 09:00 London session and Chengdu of a 14:00 one, on the day London changes clocks", () => {
    const morning = session({ id: "a", start: london("2026-03-29", 9), end: london("2026-03-29", 10, 30) });
    // 09:00 BST = 05:00 in Recife (out), 16:00 in Chengdu (in).
    expect(outOfHoursFor(morning, all).map((d) => d.id)).toEqual(["recife"]);
    const afternoon = session({
      id: "b",
      start: london("2026-03-29", 14),
      end: london("2026-03-29", 15, 30),
    });
    // 14:00 BST = 10:00 in Recife, 21:00 in Chengdu.
    expect(outOfHoursFor(afternoon, all).map((d) => d.id)).toEqual(["chengdu"]);
  });

  it("follows the change: 12:00-13:00 London is 20:00-21:00 in Chengdu in winter but 19:00-20:00 in summer", () => {
    const winter = session({ id: "w", start: london("2026-03-28", 12), end: london("2026-03-28", 13) });
    const summer = session({ id: "s", start: london("2026-03-29", 12), end: london("2026-03-29", 13) });
    expect(isOutOfHours(winter, chengdu)).toBe(true);
    expect(isOutOfHours(summer, chengdu)).toBe(false);
  });

  it("uses each delegation's own hours, and counts the ends as inside", () => {
    const early = { ...recife, hours: { start: 7 * 60, end: 17 * 60 } };
    const s = session({ id: "x", start: at("2026-05-04T10:00:00Z"), end: at("2026-05-04T11:00:00Z") }); // 07:00-08:00 Recife
    expect(isOutOfHours(s, early)).toBe(false);
    expect(isOutOfHours(s, recife)).toBe(true);
    const edge = session({ id: "y", start: at("2026-05-04T19:00:00Z"), end: at("2026-05-04T23:00:00Z") }); // 16:00-20:00
    expect(isOutOfHours(edge, recife)).toBe(false);
    expect(isOutOfHours(edge, early)).toBe(true);
  });

  it("warns of a session running across a delegation's midnight", () => {
    const late = session({ id: "n", start: at("2026-05-04T14:00:00Z"), end: at("2026-05-04T17:00:00Z") }); // 22:00-01:00 Chengdu
    expect(isOutOfHours(late, { ...chengdu, hours: { start: 0, end: 24 * 60 } })).toBe(true);
    const toMidnight = session({
      id: "m",
      start: at("2026-05-04T14:00:00Z"),
      end: at("2026-05-04T16:00:00Z"),
    }); // 22:00-24:00
    expect(isOutOfHours(toMidnight, { ...chengdu, hours: { start: 0, end: 24 * 60 } })).toBe(false);
  });
});

describe("overlaps", () => {
  it("flags sessions overlapping in the same room or track only", () => {
    const sessions = [
      session({ id: "a", start: at("2026-05-04T09:00:00Z"), end: at("2026-05-04T10:00:00Z") }),
      session({ id: "b", start: at("2026-05-04T09:30:00Z"), end: at("2026-05-04T10:30:00Z") }),
      // Touches a: not an overlap.
      session({ id: "c", start: at("2026-05-04T10:30:00Z"), end: at("2026-05-04T11:00:00Z") }),
      // Same time as a, other room.
      session({
        id: "d",
        start: at("2026-05-04T09:00:00Z"),
        end: at("2026-05-04T10:00:00Z"),
        track: "Room B",
      }),
      session({
        id: "e",
        start: at("2026-05-04T09:45:00Z"),
        end: at("2026-05-04T10:15:00Z"),
        track: " room  b",
      }),
    ];
    const overlaps = findOverlaps(sessions);
    expect(overlaps.get("a")).toEqual(["b"]);
    expect(overlaps.get("b")).toEqual(["a"]);
    expect(overlaps.has("c")).toBe(false);
    expect(overlaps.get("d")).toEqual(["e"]);
    expect(overlaps.get("e")).toEqual(["d"]);
  });

  it("finds a long session overlapping several short ones", () => {
    const sessions = [
      session({ id: "long", start: at("2026-05-04T09:00:00Z"), end: at("2026-05-04T17:00:00Z") }),
      session({ id: "x", start: at("2026-05-04T10:00:00Z"), end: at("2026-05-04T11:00:00Z") }),
      session({ id: "y", start: at("2026-05-04T12:00:00Z"), end: at("2026-05-04T13:00:00Z") }),
    ];
    expect(findOverlaps(sessions).get("long")?.sort()).toEqual(["x", "y"]);
  });
});

describe("days and totals", () => {
  it("groups sessions into days of the home zone and totals each day", () => {
    const sessions = [
      session({ id: "a", start: london("2026-03-28", 9), end: london("2026-03-28", 10, 30) }),
      session({
        id: "br",
        type: "break",
        start: london("2026-03-28", 10, 30),
        end: london("2026-03-28", 11),
      }),
      session({ id: "b", start: london("2026-03-28", 11), end: london("2026-03-28", 12) }),
      session({ id: "c", start: london("2026-03-29", 0, 30), end: london("2026-03-29", 3) }),
    ];
    const days = groupByDay(sessions, "Europe/London");
    expect(days.map((d) => d.date)).toEqual(["2026-03-28", "2026-03-29"]);
    expect(days[0]?.busyMs).toBe(2.5 * 3600_000);
    expect(days[0]?.breakMs).toBe(0.5 * 3600_000);
    // 00:30 to 03:00 across the spring-forward change: 1.5 hours.
    expect(days[1]?.busyMs).toBe(1.5 * 3600_000);
    // In Chengdu's zone, the 00:30 London session falls on the 29th too, 08:30 local.
    expect(groupByDay(sessions, "Asia/Shanghai").map((d) => d.sessions.length)).toEqual([3, 1]);
  });

  it("counts time in parallel sessions once", () => {
    expect(
      coveredMs([
        { start: 0, end: 60 },
        { start: 30, end: 90 },
        { start: 100, end: 110 },
      ]),
    ).toBe(100);
  });
});
