import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

/**
 * The floor: forwards every binary frame to every other socket on the same URL path, without
 * parsing it, keeping no document. Run as its own process: HOST, PORT (0 = any free port).
 */
const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 0);

const groups = new Map<string, Set<WebSocket>>();
const http = createServer((_request, response) => response.writeHead(404).end());
const wss = new WebSocketServer({ server: http, perMessageDeflate: false });

wss.on("connection", (socket, request) => {
  const path = request.url ?? "/";
  let group = groups.get(path);
  if (!group) {
    group = new Set();
    groups.set(path, group);
  }
  const peers = group;
  peers.add(socket);
  socket.on("message", (data, isBinary) => {
    for (const peer of peers) {
      if (peer !== socket && peer.readyState === WebSocket.OPEN) peer.send(data, { binary: isBinary });
    }
  });
  socket.on("close", () => {
    peers.delete(socket);
    if (peers.size === 0) groups.delete(path);
  });
  socket.on("error", () => socket.terminate());
});

http.listen(port, host, () => {
  const bound = (http.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ event: "listening", port: bound })}\n`);
});

process.on("SIGTERM", () => {
  for (const socket of wss.clients) socket.terminate();
  http.close(() => process.exit(0));
});
