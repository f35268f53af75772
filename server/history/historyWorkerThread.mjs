// Worker threads do not get a TypeScript loader from every launcher (tests, the tsx CLI): register
// one, then run the worker itself.
import { register } from "tsx/esm/api";

register();
await import("./historyWorkerThread.ts");
