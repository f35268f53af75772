import { describe, expect, it } from "vitest";
import {
  dayOf,
  instantToWall,
  isKnownZone,
  offsetMinutes,
  shiftDays,
  wallToInstant,
} from "../../../shared/schema/agendaTime";
import { at } from "../../support/agendaFixtures";

const LONDON = "Europe/London";
const RECIFE = "America/Recife";
const SAO_PAULO = "America/Sao_Paulo";
const CHENGDU = "Asia/Shanghai"; // Chengdu keeps China's single zone

describe("agenda time zones", () => {
  it("reads London wall-clock times on both sides of the March 2026 change (spring forward)", () => {
    expect(wallToInstant("2026-03-28", 9 * 60, LONDON)).toBe(at("2026-03-28T09:00:00Z"));
    expect(wallToInstant("2026-03-29", 9 * 60, LONDON)).toBe(at("2026-03-29T08:00:00Z"));
    // 01:30 does not exist that night: read as after the change (02:30 BST), as calendars do.
    expect(wallToInstant("2026-03-29", 90, LONDON)).toBe(at("2026-03-29T01:30:00Z"));
    // A session from midnight to 03:00 on that night lasts two hours.
    expect(wallToInstant("2026-03-29", 180, LONDON) - wallToInstant("2026-03-29", 0, LONDON)).toBe(
      2 * 3600_000,
    );
  });

  it("reads London wall-clock times on both sides of the October 2026 change (fall back)", () => {
    expect(wallToInstant("2026-10-24", 9 * 60, LONDON)).toBe(at("2026-10-24T08:00:00Z"));
    expect(wallToInstant("2026-10-25", 9 * 60, LONDON)).toBe(at("2026-10-25T09:00:00Z"));
    // 01:30 happens twice: the first (BST) is taken.
    expect(wallToInstant("2026-10-25", 90, LONDON)).toBe(at("2026-10-25T00:30:00Z"));
    // Midnight to 03:00 that night lasts four hours.
    expect(wallToInstant("2026-10-25", 180, LONDON) - wallToInstant("2026-10-25", 0, LONDON)).toBe(
      4 * 3600_000,
    );
  });

  it("shows a London session in Recife and Chengdu, whose clocks do not change", () => {
    const saturday = wallToInstant("2026-03-28", 9 * 60, LONDON);
    const sunday = wallToInstant("2026-03-29", 9 * 60, LONDON);
    expect(instantToWall(saturday, RECIFE)).toEqual({ date: "2026-03-28", minutes: 6 * 60 });
    expect(instantToWall(sunday, RECIFE)).toEqual({ date: "2026-03-29", minutes: 5 * 60 });
    expect(instantToWall(saturday, CHENGDU)).toEqual({ date: "2026-03-28", minutes: 17 * 60 });
    expect(instantToWall(sunday, CHENGDU)).toEqual({ date: "2026-03-29", minutes: 16 * 60 });
    // October: London back on GMT, so Chengdu is 8 hours ahead again.
    const october = wallToInstant("2026-10-26", 9 * 60, LONDON);
    expect(instantToWall(october, CHENGDU)).toEqual({ date: "2026-10-26", minutes: 17 * 60 });
    expect(instantToWall(october, RECIFE)).toEqual({ date: "2026-10-26", minutes: 6 * 60 });
  });

  it("knows Brazil dropped daylight-saving time in 2019 and China has none", () => {
    expect(offsetMinutes(at("2018-12-01T12:00:00Z"), SAO_PAULO)).toBe(-120);
    expect(offsetMinutes(at("2020-12-01T12:00:00Z"), SAO_PAULO)).toBe(-180);
    expect(offsetMinutes(at("2026-12-01T12:00:00Z"), SAO_PAULO)).toBe(-180);
    expect(offsetMinutes(at("2026-01-15T12:00:00Z"), RECIFE)).toBe(-180);
    expect(offsetMinutes(at("2026-07-15T12:00:00Z"), RECIFE)).toBe(-180);
    expect(offsetMinutes(at("2026-01-15T12:00:00Z"), CHENGDU)).toBe(480);
    expect(offsetMinutes(at("2026-07-15T12:00:00Z"), CHENGDU)).toBe(480);
  });

  it("reads a Recife time into the same instant whatever London does", () => {
    expect(wallToInstant("2026-03-29", 14 * 60, RECIFE)).toBe(at("2026-03-29T17:00:00Z"));
    expect(instantToWall(at("2026-03-29T17:00:00Z"), LONDON)).toEqual({
      date: "2026-03-29",
      minutes: 18 * 60,
    });
    expect(wallToInstant("2026-03-30", 9 * 60, CHENGDU)).toBe(at("2026-03-30T01:00:00Z"));
    expect(dayOf(at("2026-03-30T01:00:00Z"), CHENGDU)).toBe("2026-03-30");
    expect(dayOf(at("2026-03-30T01:00:00Z"), RECIFE)).toBe("2026-03-29");
  });

  it("moves a day across a change keeping the wall-clock time in the zone it was entered in", () => {
    const saturday = wallToInstant("2026-03-28", 9 * 60, LONDON);
    expect(shiftDays(saturday, LONDON, 1)).toBe(at("2026-03-29T08:00:00Z"));
    expect(shiftDays(at("2026-03-29T08:00:00Z"), LONDON, -1)).toBe(saturday);
    expect(shiftDays(saturday, CHENGDU, 1)).toBe(saturday + 24 * 3600_000);
  });

  it("tells known zones from unknown ones", () => {
    expect(isKnownZone(LONDON)).toBe(true);
    expect(isKnownZone(RECIFE)).toBe(true);
    expect(isKnownZone("Mars/Olympus_Mons")).toBe(false);
    expect(isKnownZone("")).toBe(false);
    expect(isKnownZone("+03:00")).toBe(false);
  });
});
