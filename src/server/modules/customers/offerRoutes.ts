import type { App } from "../../platform/http.ts";

export async function offerRoutes(_app: App) {}
