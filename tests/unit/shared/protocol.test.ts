import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import { CloseCode, closeCodeName, isPermanentClose } from "../../../shared/protocol/closeCodes";
import { isId, newId } from "../../../shared/protocol/ids";
import { MessageType } from "../../../shared/protocol/messageTypes";
import { formatRoomName, parseRoomName } from "../../../shared/protocol/roomName";
import { encodeSavedMessage, readSavedClocks } from "../../../shared/protocol/savedMessage";

const fill = (bytes: Uint8Array) => crypto.getRandomValues(bytes);

describe("ids", () => {
  it("makes ids of the requested length from the base62 alphabet", () => {
    const ids = new Set(Array.from({ length: 500 }, () => newId(fill)));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(newId(fill, 24)).toHaveLength(24);
  });

  it("accepts only 8-32 url-safe characters", () => {
    expect(isId("abcdEFGH")).toBe(true);
    expect(isId("abc")).toBe(false);
    expect(isId("a".repeat(33))).toBe(false);
    expect(isId("abcd/efgh")).toBe(false);
    expect(isId("abcd%2e%2e")).toBe(false);
    expect(isId(12345678)).toBe(false);
  });
});

describe("room names", () => {
  it("round-trips an exchange and a document id", () => {
    const address = { exchangeId: "exchange0001", documentId: "document0001" };
    expect(parseRoomName(formatRoomName(address))).toEqual(address);
  });

  it.each([
    "",
    "exchange0001",
    "exchange0001/",
    "exchange0001/document0001/extra",
    "../../etc/passwd",
    "exchange0001/..%2f..%2f",
    "exchange0001/docu ment01",
    "exchange0001/文档文档文档文档",
  ])("refuses %j", (name) => {
    expect(parseRoomName(name)).toBeNull();
  });

  it("refuses to format free text", () => {
    expect(() => formatRoomName({ exchangeId: "../x", documentId: "document0001" })).toThrow();
  });
});

describe("close codes", () => {
  it("marks only 44xx codes as permanent", () => {
    expect(isPermanentClose(CloseCode.invalidRoom)).toBe(true);
    expect(isPermanentClose(CloseCode.messageTooLarge)).toBe(true);
    expect(isPermanentClose(CloseCode.serviceRestart)).toBe(false);
    expect(isPermanentClose(CloseCode.roomUnavailable)).toBe(false);
  });

  it("names every code it defines and nothing else", () => {
    for (const [name, code] of Object.entries(CloseCode)) expect(closeCodeName(code)).toBe(name);
    expect(closeCodeName(1000)).toBeNull();
  });
});

describe("saved message", () => {
  it("encodes clocks per client id and reads them back", () => {
    const clocks = new Map([
      [1, 10],
      [4_294_967_295, 123_456],
    ]);
    const decoder = decoding.createDecoder(encodeSavedMessage(clocks));
    expect(decoding.readVarUint(decoder)).toBe(MessageType.saved);
    expect(readSavedClocks(decoder)).toEqual(clocks);
  });
});
