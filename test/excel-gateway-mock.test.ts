/**
 * office-addin-mock where its load/sync sentinels help: before `load` a property reads "Error, property was
 * not loaded", after `load` but before `sync` "Error, context.sync() was not called". A gateway that read a
 * setting too early would parse a sentinel and fall back to the defaults, and these tests would fail.
 */
import { OfficeMockObject } from "office-addin-mock";
import { ExcelRun, OfficeExcelGateway } from "../src/excel/officeGateway";
import { SETTINGS_KEYS } from "../src/excel/settings";

function gatewayOn(seed: Record<string, unknown>) {
  const context = new OfficeMockObject(seed);
  let syncs = 0;
  const sync = context.sync.bind(context);
  (context as unknown as { sync: () => Promise<void> }).sync = async () => {
    syncs++;
    await sync();
  };
  const run = ((batch: (c: unknown) => Promise<unknown>) => batch(context)) as unknown as ExcelRun;
  return { gateway: new OfficeExcelGateway({ run }), context, syncs: () => syncs };
}

function settingsSeed(values: { settings?: unknown; references?: unknown }, writes: [string, unknown][] = []) {
  return {
    workbook: {
      settings: {
        main: { value: JSON.stringify(values.settings ?? {}), isNullObject: false },
        references: { value: JSON.stringify(values.references ?? []), isNullObject: false },
        highlights: { value: "", isNullObject: false },
        getItemOrNullObject(this: Record<string, unknown>, key: string) {
          return key === SETTINGS_KEYS.settings ? this.main : key === SETTINGS_KEYS.references ? this.references : this.highlights;
        },
        add(key: string, value: unknown) {
          writes.push([key, value]);
        },
      },
    },
  };
}

describe("gateway on office-addin-mock", () => {
  it("the mock's sentinels are what an early read would see", async () => {
    const context = new OfficeMockObject({ setting: { value: "x" } }) as unknown as {
      setting: { value: unknown; load: (p: string) => void };
      sync: () => Promise<void>;
    };
    expect(context.setting.value).toBe("Error, property was not loaded");
    context.setting.load("value");
    expect(context.setting.value).toBe("Error, context.sync() was not called");
    await context.sync();
    expect(context.setting.value).toBe("x");
  });

  it("loadSettings loads and syncs before it reads", async () => {
    const stored = { overrides: { Notes: { kind: "ignore" } }, schoolYear: "2024-25", teamMembers: "Ana" };
    const refs = [{ name: "iac.csv", csv: "IAC code,Cluster\n" }];
    const { gateway, syncs } = gatewayOn(settingsSeed({ settings: stored, references: refs }));
    expect(await gateway.loadSettings()).toEqual({ ...stored, references: refs });
    expect(syncs()).toBe(1);
  });

  it("saveSettings merges with what the workbook holds before writing", async () => {
    const writes: [string, unknown][] = [];
    const { gateway, syncs } = gatewayOn(
      settingsSeed({ settings: { overrides: { Notes: { kind: "ignore" } }, teamMembers: "Ana" } }, writes),
    );
    const saved = await gateway.saveSettings({ schoolYear: "2025-26" });
    expect(saved).toEqual({ overrides: { Notes: { kind: "ignore" } }, teamMembers: "Ana", schoolYear: "2025-26", references: [] });
    expect(writes).toEqual([
      [SETTINGS_KEYS.settings, JSON.stringify({ overrides: { Notes: { kind: "ignore" } }, schoolYear: "2025-26", teamMembers: "Ana" })],
    ]);
    expect(syncs()).toBe(2);
  });

  it("selectCell activates the sheet and selects the cell in one sync", async () => {
    const calls: string[] = [];
    const { gateway, syncs } = gatewayOn({
      workbook: {
        worksheets: {
          sheet: {
            range: { select: () => calls.push("select") },
            activate: () => calls.push("activate"),
            getRange(this: Record<string, unknown>, address: string) {
              calls.push(`getRange ${address}`);
              return this.range;
            },
          },
          getItem(this: Record<string, unknown>, name: string) {
            calls.push(`getItem ${name}`);
            return this.sheet;
          },
        },
      },
    });
    await gateway.selectCell("Career Concentrators", "E7");
    expect(calls).toEqual(["getItem Career Concentrators", "activate", "getRange E7", "select"]);
    expect(syncs()).toBe(1);
  });
});
