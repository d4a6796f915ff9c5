import { vi } from "vitest";
import { describeModuleTexts } from "../../i18n/moduleTexts.testkit.ts";

// The texts only; registering them needs the browser's i18next instance.
vi.mock("../../i18n/i18n.ts", () => ({ default: { addResourceBundle: () => undefined } }));
const { de, en } = await import("./i18n.ts");

describeModuleTexts("system", { de, en }, 40);
