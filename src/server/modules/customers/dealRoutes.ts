import type { App } from "../../platform/http.ts";

export async function dealRoutes(_app: App) {}
