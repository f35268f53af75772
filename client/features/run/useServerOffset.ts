import { useEffect, useState } from "react";
import { api } from "../../../shared/api/paths";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import { apiRequest } from "../../api/request";
import { estimateServerOffset } from "./serverOffset";

/** Measured again now and then: a device's clock drifts, or is set while the page is open. */
const REMEASURE_MS = 5 * 60_000;

/**
 * How far the server's clock is ahead of this device's, measured against the server (see serverOffset).
 * 0 until measured, and while offline (the device's own clock is then the best guess).
 */
export function useServerOffset(room: RoomAddress): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const measure = () =>
      estimateServerOffset(
        async () =>
          (await apiRequest<{ now: number }>("GET", api.runClock(room.exchangeId, room.documentId))).now,
      )
        .then((value) => {
          if (!cancelled) setOffset(value);
        })
        .catch(() => undefined);
    void measure();
    const timer = setInterval(measure, REMEASURE_MS);
    window.addEventListener("online", measure);
    return () => {
      cancelled = true;
      clearInterval(timer);
      window.removeEventListener("online", measure);
    };
  }, [room.exchangeId, room.documentId]);
  return offset;
}
