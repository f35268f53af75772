import { describe, expect, it } from "vitest";
import { facilitatorWithNotes, serverAndBrowser } from "../support/browser";

const ROW = ["Bristol", "London", "Recife", "Chengdu", "Belo Horizonte", "São Paulo"];
const URL_CELL = "https://example.org/reports/2026/older-residents-outreach-evaluation-final-version";

describe("tables on a phone", () => {
  const env = serverAndBrowser();

  it("wrap between words (never 'Londo/n'), break only an unbroken string, and scroll sideways when wide", async () => {
    const { exchange, notes, context, page } = await facilitatorWithNotes(env, {
      viewport: { width: 390, height: 844 },
    });
    await page.goto(`/x/${exchange.exchangeId}/d/${notes.id}`);
    const editor = page.getByRole("textbox", { name: "Document text" });
    await editor.click();
    // Pasted as a delegate would from a spreadsheet: six cities, then a long link.
    const cells = (texts: string[]) => texts.map((text) => `<td><p>${text}</p></td>`).join("");
    const html = `<table><tbody><tr>${cells(ROW)}</tr><tr>${cells([URL_CELL, "", "", "", "", ""])}</tr></tbody></table>`;
    await editor.evaluate((element, tableHtml) => {
      const data = new DataTransfer();
      data.setData("text/html", tableHtml);
      data.setData("text/plain", "table");
      element.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, html);
    await page.locator(".collab-editor__content td").first().waitFor();

    const layout = await page.evaluate(() => {
      const brokenWords: string[] = [];
      for (const cell of document.querySelectorAll(".collab-editor__content td")) {
        const text = cell.querySelector("p")?.firstChild;
        if (!text || text.nodeType !== Node.TEXT_NODE || text.textContent?.startsWith("http")) continue;
        for (const match of (text.textContent ?? "").matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          if (range.getClientRects().length > 1) brokenWords.push(match[0]);
        }
      }
      const wrapper = document.querySelector<HTMLElement>(".collab-editor__content .tableWrapper");
      const urlCell = [...document.querySelectorAll("td")].find((td) => td.textContent?.startsWith("http"));
      return {
        brokenWords,
        wrapperScrolls: wrapper ? wrapper.scrollWidth > wrapper.clientWidth : false,
        pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
        urlCellWidth: urlCell?.getBoundingClientRect().width ?? 0,
        urlLines: urlCell ? Math.round(urlCell.getBoundingClientRect().height / 20) : 0,
      };
    });
    expect(layout.brokenWords).toEqual([]);
    expect(layout.wrapperScrolls).toBe(true);
    expect(layout.pageOverflow).toBeLessThanOrEqual(0);
    // 18em at the editor's 17 px, plus padding: the link breaks inside its cell rather than widening it.
    expect(layout.urlCellWidth).toBeLessThan(360);
    expect(layout.urlLines).toBeGreaterThan(1);
    await context.close();
  }, 60_000);
});
