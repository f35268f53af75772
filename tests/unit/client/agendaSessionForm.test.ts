import { describe, expect, it } from "vitest";
import {
  changedFields,
  formFromSession,
  newForm,
  readForm,
} from "../../../client/features/agenda/sessionForm";
import { at, session } from "../../support/agendaFixtures";

describe("the session editor's form", () => {
  it("reads typed times in the chosen zone, across London's spring change", () => {
    const form = { ...newForm("2026-03-29", 9 * 60, "Europe/London"), title: "Opening" };
    const read = readForm({ ...form, endTime: "10:30" }, 0);
    expect(read.ok && [read.fields.start, read.fields.end]).toEqual([
      at("2026-03-29T08:00:00Z"),
      at("2026-03-29T09:30:00Z"),
    ]);
    const recife = readForm({ ...form, zone: "America/Recife" }, 0);
    expect(recife.ok && recife.fields.start).toBe(at("2026-03-29T12:00:00Z"));
  });

  it("names each problem: end before start, unknown zone, title too long, unreadable time", () => {
    const form = { ...newForm("2026-03-29", 9 * 60, "Europe/London"), title: "Opening" };
    expect(readForm({ ...form, endTime: "08:00" }, 0)).toEqual({
      ok: false,
      problems: [{ field: "end", problem: "endBeforeStart" }],
    });
    expect(readForm({ ...form, zone: "Mars/Olympus_Mons" }, 0)).toEqual({
      ok: false,
      problems: [{ field: "zone", problem: "unknownZone" }],
    });
    expect(readForm({ ...form, title: "长".repeat(201) }, 0)).toEqual({
      ok: false,
      problems: [{ field: "title", problem: "titleTooLong" }],
    });
    expect(readForm({ ...form, startTime: "" }, 0)).toEqual({
      ok: false,
      problems: [{ field: "start", problem: "malformed" }],
    });
  });

  it("writes only what the person changed, so another's edit of another field stays", () => {
    const opened = session({
      id: "s",
      title: "Opening",
      start: at("2026-05-04T08:00:00Z"),
      end: at("2026-05-04T09:00:00Z"),
      place: "",
    });
    const form = formFromSession(opened);
    const before = readForm(form, 0);
    const after = readForm({ ...form, title: "Welcome", otherLeads: "Fiona Reid, 李伟" }, 0);
    if (!before.ok || !after.ok) throw new Error("both forms are valid");
    expect(changedFields(before.fields, after.fields)).toEqual({
      title: "Welcome",
      leads: [{ name: "Fiona Reid" }, { name: "李伟" }],
    });
  });
});
