import {
  encodePermissionDenied,
  encodeRefusedMessage,
  RefusalReason,
} from "../../shared/protocol/accessMessage";
import type { Connection } from "./Connection";

/**
 * Tells clients their update was not merged: a Mutual client each time (it counts them), any other
 * once per connection and reason, in the standard auth message (a stock provider logs each one).
 */
export class UpdateRefusals {
  /** One bit per reason already told, per client without Mutual's messages. */
  private readonly deniedTo = new WeakMap<Connection, number>();

  refuse(connection: Connection, reason: keyof typeof RefusalReason): void {
    if (connection.mutualMessages) {
      connection.send(encodeRefusedMessage(reason));
      return;
    }
    const told = this.deniedTo.get(connection) ?? 0;
    const bit = 1 << RefusalReason[reason];
    if (told & bit) return;
    this.deniedTo.set(connection, told | bit);
    connection.send(encodePermissionDenied(reason));
  }
}
