import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { registerServiceWorker } from "./registerServiceWorker";
import "./ui/theme.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(<App />);

// Development serves modules from Vite; only the built app has a stable shell worth caching.
if (import.meta.env.PROD) registerServiceWorker();
