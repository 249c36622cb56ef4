import { defineConfig } from "vite";

// The server serves dist/ at /, so assets use absolute paths; no assets come from the network at run time.
export default defineConfig({
  base: "/",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: { proxy: { "/api": "http://127.0.0.1:5080" } },
});
