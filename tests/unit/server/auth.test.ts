import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inviteToken, verifyInviteToken } from "../../../server/auth/inviteTokens";
import { loadOrCreateServerSecret } from "../../../server/auth/serverSecret";
import {
  newSessionToken,
  readSessionToken,
  sessionCookieHeader,
  sessionIdFromToken,
} from "../../../server/auth/sessionCookie";
import { tempDir } from "../../support/tempDir";

describe("server secret", () => {
  it("is generated on first start into a private file and reused afterwards", () => {
    const file = join(tempDir("mutual-secret-"), "secret.key");
    const first = loadOrCreateServerSecret(file, undefined);
    expect(first.length).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateServerSecret(file, undefined)).toEqual(first);
    expect(readFileSync(file, "utf8").trim()).toBe(first.toString("base64url"));
  });

  it("prefers a configured secret", () => {
    const file = join(tempDir("mutual-secret-"), "secret.key");
    expect(loadOrCreateServerSecret(file, "x".repeat(40)).toString()).toBe("x".repeat(40));
  });
});

describe("session cookie", () => {
  const secret = Buffer.alloc(32, 7);

  it("reads only a well-formed token and derives a stable, secret-dependent id", () => {
    const token = newSessionToken();
    expect(readSessionToken(`other=1; mutual_session=${token}; x=y`)).toBe(token);
    expect(readSessionToken("mutual_session=short")).toBeNull();
    expect(readSessionToken(undefined)).toBeNull();
    expect(sessionIdFromToken(secret, token)).toBe(sessionIdFromToken(secret, token));
    expect(sessionIdFromToken(Buffer.alloc(32, 8), token)).not.toBe(sessionIdFromToken(secret, token));
  });

  it("is HttpOnly and SameSite=Strict, and Secure on HTTPS", () => {
    const header = sessionCookieHeader("t", true);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Strict");
    expect(header).toContain("Secure");
    expect(sessionCookieHeader("t", false)).not.toContain("Secure");
  });
});

describe("invite tokens", () => {
  const secret = Buffer.alloc(32, 9);

  it("verify only when made by this server for this invite", () => {
    const token = inviteToken(secret, "invite000001");
    expect(verifyInviteToken(secret, token)).toBe("invite000001");
    expect(verifyInviteToken(Buffer.alloc(32, 1), token)).toBeNull();
    expect(verifyInviteToken(secret, token.replace("invite000001", "invite000002"))).toBeNull();
    expect(verifyInviteToken(secret, "invite000001")).toBeNull();
    expect(verifyInviteToken(secret, `${token}.extra`)).toBeNull();
    expect(verifyInviteToken(secret, "../../x.y")).toBeNull();
  });
});
