import type { App } from "../../platform/http.ts";

export async function accountRoutes(_app: App) {}
