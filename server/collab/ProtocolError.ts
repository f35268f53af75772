import { CloseCode, type CloseCodeName } from "../../shared/protocol/closeCodes";

/** A problem with what one connection sent: that connection is closed with `code`, nothing else is touched. */
export class ProtocolError extends Error {
  readonly code: number;

  constructor(name: CloseCodeName, detail: string) {
    super(detail);
    this.name = "ProtocolError";
    this.code = CloseCode[name];
  }
}
