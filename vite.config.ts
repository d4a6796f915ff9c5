import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json)$/;
// WEB_DIST lets a developer build a private copy (e.g. for one journey) without emptying the served one.
const outDir = resolve(import.meta.dirname, process.env.WEB_DIST ?? "dist/web");

async function* filesIn(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesIn(path);
    else yield path;
  }
}

/**
 * Writes `.br` and `.gz` beside every text asset so the server (@fastify/static with
 * `preCompressed: true`) sends them without compressing on each request.
 */
function precompress(): Plugin {
  return {
    name: "periphery-precompress",
    apply: "build",
    async closeBundle() {
      const jobs: Promise<void>[] = [];
      for await (const file of filesIn(outDir)) {
        if (!COMPRESSIBLE.test(file) || (await stat(file)).size < 256) continue;
        jobs.push(
          readFile(file).then(async (content) => {
            const [br, gzipped] = await Promise.all([
              brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
              gz(content, { level: 9 }),
            ]);
            await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
          }),
        );
      }
      await Promise.all(jobs);
    },
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, "src/web"),
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    // Every asset stays a file, so it is hashed, cached and pre-compressed like the rest.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        entryFileNames: "assets/[name]-[hash].js",
        chunkFileNames: "assets/[name]-[hash].js",
        assetFileNames: "assets/[name]-[hash][extname]",
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            // Only the insights charts import ECharts, through a dynamic import(): kept out of "vendor",
            // which every page loads, so it arrives when the first chart does.
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 4 },
            { name: "mantine", test: /node_modules[\\/]@mantine/, priority: 3 },
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              priority: 2,
            },
            { name: "vendor", test: /node_modules/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: "http://localhost:3000", ws: true, changeOrigin: false },
    },
  },
});
