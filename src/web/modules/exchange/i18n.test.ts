import { describe, expect, it, vi } from "vitest";
import { describeModuleTexts, textAt } from "../../i18n/moduleTexts.testkit.ts";

// The texts only; registering them needs the browser's i18next instance.
vi.mock("../../i18n/i18n.ts", () => ({ default: { addResourceBundle: () => undefined } }));
const { de, en } = await import("./i18n.ts");

describeModuleTexts("exchange", { de, en }, 60);

describe("exchange translations for keys built at run time", () => {
  it("name every type, cadence, phase, role, method, step and harvest kind", async () => {
    const { FORMAT_TYPES, HARVEST_KINDS } = await import("../../../shared/exchange.ts");
    const { KB_METHODS, KB_PHASES } = await import("../../../shared/exchangeLive/kollegialeBeratung.ts");
    const { RETRO_PHASES } = await import("../../../shared/exchangeLive/retrospective.ts");
    const { TROIKA_STEPS } = await import("../../../shared/exchangeLive/troika.ts");
    const needed = [
      ...FORMAT_TYPES.flatMap((type) => [`type.${type}`, `typeHelp.${type}`]),
      ...["weekly", "fortnightly", "monthly", "onDemand"].map((c) => `cadence.${c}`),
      ...["collecting", "voting", "discussing", "closed"].map((p) => `lean.phase.${p}`),
      ...["toDiscuss", "discussing", "discussed"].map((s) => `lean.status.${s}`),
      ...["up", "sideways", "down"].map((v) => `lean.thumb.${v}`),
      ...[...KB_PHASES, "closed"].flatMap((p) => [`kb.phase.${p}`, `kb.help.${p}`]),
      ...KB_METHODS.map((m) => `kb.methods.${m}`),
      ...["caseOwner", "moderator", "noteTaker", "consultant", "observer"].map((r) => `kb.role.${r}`),
      ...["idea", "question", "note"].map((k) => `kb.kind.${k}`),
      ...[...RETRO_PHASES, "closed"].flatMap((p) => [`retro.phase.${p}`, `retro.help.${p}`]),
      ...["forming", "preparing", "consulting", "closed"].flatMap((p) => [
        `troika.phase.${p}`,
        `troika.help.${p}`,
      ]),
      ...TROIKA_STEPS.flatMap((s) => [`troika.step.${s}`, `troika.stepHelp.${s}`]),
      ...["client", "consultant", "waiting", "unassigned"].map((r) => `troika.role.${r}`),
      ...HARVEST_KINDS.flatMap((k) => [`harvest.kind.${k}`, `harvest.help.${k}`, `harvest.saved.${k}`]),
      ...["connecting", "live", "reconnecting", "signedOut"].map((c) => `live.connection.${c}`),
    ];
    for (const tree of [de, en])
      expect(needed.filter((key) => typeof textAt(tree, key) !== "string")).toEqual([]);
  });
});
