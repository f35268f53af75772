import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** Raw DEFLATE (RFC 1951) undone by the browser's own stream decompressor. */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Applies a deflated sync step 2 as y-websocket applies a plain one: with the provider as origin, and
 * the provider then counts as synced. If the socket it came on has been replaced meanwhile, the
 * answer is dropped: the new connection syncs afresh.
 */
export function applyDeflatedSyncStep2(provider: WebsocketProvider, deflated: Uint8Array): void {
  const socket = provider.ws;
  inflateRaw(deflated).then(
    (update) => {
      if (provider.ws !== socket) return;
      Y.applyUpdate(provider.doc, update, provider);
      provider.synced = true;
    },
    // Never from our server; the next connection syncs in full.
    () => socket?.close(),
  );
}
