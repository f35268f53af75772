import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildAgendaIcs } from "../../../server/agenda/agendaIcs";
import { calendarFileName } from "../../../server/agenda/calendarFileName";
import type { AgendaSession } from "../../../shared/schema/agendaLayout";
import { wallToInstant } from "../../../shared/schema/agendaTime";
import { session } from "../../support/agendaFixtures";
import { parseIcs } from "../../support/agendaIcsParse";

const london = (date: string, minutes: number) => wallToInstant(date, minutes, "Europe/London");

const sessions: AgendaSession[] = [
  // On the night London springs forward: 00:30 GMT to 03:00 BST.
  session({
    id: "night",
    title: "Night travel",
    type: "travel",
    start: london("2026-03-29", 30),
    end: london("2026-03-29", 180),
  }),
  session({
    id: "open",
    title: "Abertura / 开幕",
    start: london("2026-03-29", 540),
    end: london("2026-03-29", 630),
    place: "Council House",
  }),
  // Entered in Recife's zone and in Chengdu's.
  session({
    id: "recife",
    title: "Recife team briefing",
    zone: "America/Recife",
    start: wallToInstant("2026-03-29", 14 * 60, "America/Recife"),
    end: wallToInstant("2026-03-29", 15 * 60, "America/Recife"),
  }),
  session({
    id: "chengdu",
    title: "成都 site visit",
    zone: "Asia/Shanghai",
    start: wallToInstant("2026-03-30", 9 * 60, "Asia/Shanghai"),
    end: wallToInstant("2026-03-30", 11 * 60, "Asia/Shanghai"),
    leads: [{ participantId: "p1" }, { name: "Fiona Reid" }],
    languages: ["zh-CN", "en"],
    interpretation: [{ from: "zh-CN", to: "en" }],
  }),
  // Falling back in October.
  session({ id: "autumn", title: "Review", start: london("2026-10-25", 90), end: london("2026-10-25", 150) }),
];

describe("agenda .ics export", () => {
  it("parses back (ical.js) to the same instants, each in the zone it was entered in", () => {
    const notes = new Map<string, Y.XmlFragment>();
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("n");
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Bring walking shoes")]);
    fragment.insert(0, [p]);
    notes.set("chengdu", fragment);
    const text = buildAgendaIcs(sessions, {
      name: "Workshop",
      documentId: "document0001",
      participantNames: new Map([["p1", "李伟"]]),
      documentTitles: new Map(),
      documentUrl: (id) => `https://mutual.example/x/e/d/${id}`,
      notes,
      now: Date.parse("2026-03-01T00:00:00Z"),
    });
    const parsed = parseIcs(text);
    expect(parsed.zones.sort()).toEqual(["America/Recife", "Asia/Shanghai", "Europe/London"]);
    expect(parsed.events.map((e) => [e.uid, e.start, e.end, e.zone])).toEqual(
      sessions.map((s) => [
        `document0001-${s.id}@mutual`,
        s.start,
        s.end,
        s.id === "autumn" ? "UTC" : s.zone,
      ]),
    );
    // 01:30 happens twice that night: written as UTC instants, which no parser reads two ways.
    expect(text).toContain("DTSTART:20261025T003000Z");
    // Wall-clock times as written: the night session spans the missing hour.
    expect(text).toContain("DTSTART;TZID=Europe/London:20260329T003000");
    expect(text).toContain("DTEND;TZID=Europe/London:20260329T030000");
    expect(text).toContain("DTSTART;TZID=America/Recife:20260329T140000");
    expect(text).toContain("DTSTART;TZID=Asia/Shanghai:20260330T090000");
    const chengdu = parsed.events.find((e) => e.uid.includes("chengdu"));
    expect(chengdu?.summary).toBe("成都 site visit");
    expect(chengdu?.description).toContain("李伟, Fiona Reid");
    expect(chengdu?.description).toContain("zh-CN → en");
    expect(chengdu?.description).toContain("Bring walking shoes");
    expect(parsed.events.find((e) => e.uid.includes("open"))?.location).toBe("Council House");
  });

  it("writes UTC instants for a fixed Etc/ zone (whose packaged rules carry the POSIX sign)", () => {
    const odd = session({
      id: "odd",
      zone: "Etc/GMT+5",
      start: Date.parse("2026-05-01T12:00:00Z"),
      end: Date.parse("2026-05-01T13:00:00Z"),
    });
    const text = buildAgendaIcs([odd], {
      name: "x",
      documentId: "d",
      participantNames: new Map(),
      documentTitles: new Map(),
      documentUrl: () => "",
      notes: new Map(),
      now: 0,
    });
    const [event] = parseIcs(text).events;
    expect([event?.start, event?.end]).toEqual([odd.start, odd.end]);
  });

  it("names the file after the agenda, in any script, with an ASCII fallback", () => {
    expect(calendarFileName("Agenda de Bristol", "2026-03-29", false)).toEqual({
      full: "Agenda de Bristol - 2026-03-29.ics",
      ascii: "Agenda-de-Bristol-2026-03-29.ics",
    });
    expect(calendarFileName("议程: 成都/布里斯托", null, false).full).toBe("议程 成都 布里斯托.ics");
    expect(calendarFileName("议程", null, false).ascii).toBe("agenda.ics");
  });
});
