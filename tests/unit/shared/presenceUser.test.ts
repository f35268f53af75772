import { describe, expect, it } from "vitest";
import { DELEGATION_COLORS, type Delegation } from "../../../shared/domain";
import { NO_DELEGATION_COLOR, presenceUserOf, readPresenceUser } from "../../../shared/protocol/presenceUser";

const delegation: Delegation = {
  id: "delegation01",
  exchangeId: "exchange0001",
  name: "成都市规划局",
  country: "CN",
  color: "rose",
  timeZone: "Asia/Shanghai",
  workingLanguage: "zh-CN",
};

describe("presence user", () => {
  it("shows a participant in their delegation's colour, with where and in which language they work", () => {
    expect(presenceUserOf({ id: "participant1", displayName: "李伟" }, delegation)).toEqual({
      participantId: "participant1",
      name: "李伟",
      color: DELEGATION_COLORS.rose,
      delegation: {
        id: "delegation01",
        name: "成都市规划局",
        timeZone: "Asia/Shanghai",
        workingLanguage: "zh-CN",
      },
    });
    expect(presenceUserOf({ id: "participant2", displayName: "Fiona" }, null)).toEqual({
      participantId: "participant2",
      name: "Fiona",
      color: NO_DELEGATION_COLOR,
      delegation: null,
    });
  });

  it("reads back what it builds", () => {
    const user = presenceUserOf({ id: "participant1", displayName: "Ana Souza" }, delegation);
    expect(readPresenceUser(JSON.parse(JSON.stringify(user)))).toEqual(user);
  });

  it("reads no person from a state that is not one", () => {
    for (const value of [
      undefined,
      null,
      "Ana",
      [],
      { name: "Ana", color: "#000" },
      { participantId: "p1", name: "   ", color: "#000" },
      { participantId: 7, name: "Ana", color: "#000" },
      { participantId: "p1", name: "Ana" },
    ]) {
      expect(readPresenceUser(value), JSON.stringify(value)).toBeNull();
    }
  });

  it("keeps the person but drops a delegation it cannot show", () => {
    for (const bad of [
      "x",
      { id: "d1", name: "Team" },
      { id: "d1", name: "", timeZone: "UTC", workingLanguage: "en" },
    ]) {
      expect(
        readPresenceUser({ participantId: "p1", name: " Ana ", color: "#000", delegation: bad }),
      ).toEqual({ participantId: "p1", name: "Ana", color: "#000", delegation: null });
    }
  });
});
