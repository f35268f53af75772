import type { DelegationInput } from "../../shared/api/schemas";
import type { Delegation } from "../../shared/domain";
import type { ExchangeFixture } from "./api";

/** A Chengdu delegation (China's one time zone, working in Chinese) under the name a test gives it. */
export const chengduDelegation = (name: string): DelegationInput => ({
  name,
  country: "CN",
  color: "rose",
  timeZone: "Asia/Shanghai",
  workingLanguage: "zh-CN",
});

/**
 * Bristol's council and a Chengdu delegation beside the fixture's Belo Horizonte team: three
 * delegations, so six pairs for the "who learned what" template.
 */
export async function addBristolAndChengdu(
  exchange: ExchangeFixture,
  chengduName = "Chengdu health bureau",
): Promise<{ bristol: Delegation; chengdu: Delegation }> {
  const bristol = await exchange.addDelegation({
    name: "Bristol city council",
    country: "GB",
    color: "blue",
    timeZone: "Europe/London",
    workingLanguage: "en-GB",
  });
  const chengdu = await exchange.addDelegation(chengduDelegation(chengduName));
  return { bristol, chengdu };
}
