import { describe, expect, it } from "vitest";
import { languagesOf, pickText } from "../../../../shared/templates/localizedText";

describe("pickText: the reader's language, else a marked fallback", () => {
  const all = { en: "What happened?", "pt-BR": "O que aconteceu?", "zh-CN": "发生了什么？" };

  it("gives each reader their own language when it exists", () => {
    expect(pickText(all, "pt-BR")).toEqual({ text: "O que aconteceu?", language: "pt-BR", fallback: false });
    expect(pickText(all, "zh-CN")).toEqual({ text: "发生了什么？", language: "zh-CN", fallback: false });
    expect(pickText(all, "en")).toEqual({ text: "What happened?", language: "en", fallback: false });
  });

  it("falls back to English first, then Portuguese, then Chinese, and says so", () => {
    const enZh = { en: "What happened?", "zh-CN": "发生了什么？" };
    expect(pickText(enZh, "pt-BR")).toEqual({ text: "What happened?", language: "en", fallback: true });
    expect(pickText({ "pt-BR": "O quê?", "zh-CN": "什么？" }, "en")).toEqual({
      text: "O quê?",
      language: "pt-BR",
      fallback: true,
    });
    expect(pickText({ "zh-CN": "什么？" }, "pt-BR")).toEqual({
      text: "什么？",
      language: "zh-CN",
      fallback: true,
    });
  });

  it("treats blank text as missing, and gives '' (not a fallback) when nothing exists", () => {
    expect(pickText({ "pt-BR": "  ", en: "Why?" }, "pt-BR")).toEqual({
      text: "Why?",
      language: "en",
      fallback: true,
    });
    expect(pickText({}, "zh-CN")).toEqual({ text: "", language: "zh-CN", fallback: false });
  });

  it("lists the languages a text is written in", () => {
    expect(languagesOf({ "zh-CN": "好", en: "Good", "pt-BR": "" })).toEqual(["en", "zh-CN"]);
  });
});
