import type { App } from "../../platform/http.ts";

export async function importRoutes(_app: App) {}
