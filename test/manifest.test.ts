/**
 * @jest-environment jsdom
 *
 * manifest.xml against the rules of Microsoft's add-in manifest schema that it relies on. The XSD is not
 * available offline (and `office-addin-manifest validate` posts the file to a Microsoft service), so the
 * rules are written out here, each with where Microsoft states it:
 * - OfficeAppManifestV1_1.xsd (office-js-docs-pr docs/overview/schemas/taskpane/): the OfficeApp sequence,
 *   `AppDomains` with at least one `AppDomain`, `UUID`, `Version`, `ShortVersion`, `CultureName`,
 *   `ShortString` (1–125), `LongString` (1–250), `URL` (1–2048) types.
 * - "How to find the proper order of manifest elements" (learn.microsoft.com/office/dev/add-ins/develop/
 *   manifest-element-ordering): children in the order of the schema's sequence, or the add-in does not load.
 * - OfficeApp element reference (learn.microsoft.com/javascript/api/manifest/officeapp): required children.
 * - Resources, Icon, Image references (learn.microsoft.com/javascript/api/manifest/resources, …/icon):
 *   resid of at most 32 characters resolving to an image, URL, short or long string; icons in 16, 32 and 80
 *   px; URLs over https (learn.microsoft.com/office/dev/add-ins/concepts/privacy-and-security).
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const OFFICE_APP_NS = "http://schemas.microsoft.com/office/appforoffice/1.1";
const BT_NS = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

/** The TaskPaneApp sequence: OfficeApp's own, then the TaskPaneApp extension's. */
const TASKPANE_SEQUENCE = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "Dictionary",
  "VersionOverrides",
];
const REQUIRED = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions"];
const UUID =
  /^((urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;
const VERSION = /^[0-9]{1,5}(\.[0-9]{1,5}){0,3}$/;
const SHORT_VERSION = /^[0-9]{1,5}\.[0-9]{1,5}$/;
const CULTURE = /^([a-zA-Z]{2,3}-[a-zA-Z0-9]{3,8}(-[a-zA-Z]{2,3})?|[a-zA-Z]{2,3}(-[a-zA-Z]{2,3}(_tradnl|\.pseudo|-[a-zA-Z]{4,8})?)?)$/;
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];
const SHORT = 125;
const LONG = 250;
const MAX_URL = 2048;
const MAX_RESID = 32;
const ICON_SIZES = ["16", "32", "80"];

/** Which resource list a `resid` must resolve into, by the referring element's name. */
const RESOURCE_KIND: Record<string, "Images" | "Urls" | "ShortStrings" | "LongStrings"> = {
  Image: "Images",
  SourceLocation: "Urls",
  LearnMoreUrl: "Urls",
  FunctionFile: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`manifest is not well-formed XML: ${error.textContent}`);
  return doc;
}

function children(el: Element): Element[] {
  return Array.from(el.children);
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:" && value.length <= MAX_URL;
  } catch {
    return false;
  }
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  if (b.toString("latin1", 1, 4) !== "PNG") throw new Error(`${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The problems found in a manifest, as sentences (empty: valid as far as these rules go). */
function manifestProblems(xml: string): string[] {
  const problems: string[] = [];
  const doc = parse(xml);
  const root = doc.documentElement;
  if (root.localName !== "OfficeApp" || root.namespaceURI !== OFFICE_APP_NS)
    problems.push("the root is not OfficeApp in the appforoffice/1.1 namespace");
  if (root.getAttributeNS(XSI_NS, "type") !== "TaskPaneApp") problems.push('OfficeApp is not xsi:type="TaskPaneApp"');

  // Order and cardinality of OfficeApp's children.
  const names = children(root).map((c) => c.localName);
  let last = -1;
  for (const name of names) {
    const at = TASKPANE_SEQUENCE.indexOf(name);
    if (at < 0) problems.push(`<${name}> is not a child OfficeApp allows`);
    else if (at <= last) problems.push(`<${name}> is out of order (or repeated) in OfficeApp`);
    else last = at;
  }
  for (const name of REQUIRED) if (!names.includes(name)) problems.push(`<${name}> is required in OfficeApp`);

  // No empty elements: every element the manifest uses carries a value, an attribute or children.
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    if (el.attributes.length === 0 && el.children.length === 0 && (el.textContent ?? "").trim() === "")
      problems.push(`<${el.tagName}> is empty`);
  }
  const appDomains = children(root).find((c) => c.localName === "AppDomains");
  if (appDomains && !children(appDomains).some((c) => c.localName === "AppDomain"))
    problems.push("<AppDomains> needs at least one <AppDomain> (or must be left out)");

  const text = (name: string) =>
    children(root)
      .find((c) => c.localName === name)
      ?.textContent?.trim() ?? "";
  const value = (name: string) =>
    children(root)
      .find((c) => c.localName === name)
      ?.getAttribute("DefaultValue") ?? "";
  if (!UUID.test(text("Id"))) problems.push(`<Id> ${text("Id")} is not a GUID`);
  if (!VERSION.test(text("Version"))) problems.push(`<Version> ${text("Version")} is not n[.n[.n[.n]]]`);
  if (!CULTURE.test(text("DefaultLocale"))) problems.push(`<DefaultLocale> ${text("DefaultLocale")} is not a culture name`);
  if (!PERMISSIONS.includes(text("Permissions"))) problems.push(`<Permissions> ${text("Permissions")} is not a permission level`);
  const provider = text("ProviderName");
  if (provider.length < 1 || provider.length > SHORT) problems.push(`<ProviderName> must be 1–${SHORT} characters`);
  const display = value("DisplayName");
  if (display.length < 1 || display.length > SHORT) problems.push(`<DisplayName> must be 1–${SHORT} characters (has ${display.length})`);
  const description = value("Description");
  if (description.length < 1 || description.length > LONG)
    problems.push(`<Description> must be 1–${LONG} characters (has ${description.length})`);
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    if (names.includes(name) && !isHttpsUrl(value(name))) problems.push(`<${name}> ${value(name)} is not an https URL`);
  }
  for (const loc of Array.from(root.getElementsByTagNameNS(OFFICE_APP_NS, "SourceLocation"))) {
    const v = loc.getAttribute("DefaultValue");
    if (v !== null && !isHttpsUrl(v)) problems.push(`<SourceLocation> ${v} is not an https URL`);
  }
  for (const set of Array.from(root.getElementsByTagNameNS(OFFICE_APP_NS, "Set"))) {
    const v = set.getAttribute("MinVersion");
    if (v !== null && !SHORT_VERSION.test(v)) problems.push(`<Set Name="${set.getAttribute("Name")}"> MinVersion ${v} is not n.n`);
  }

  // VersionOverrides: resources and the references to them.
  const resources = Array.from(doc.getElementsByTagName("Resources"))[0];
  const byKind = new Map<string, Map<string, string>>();
  if (resources) {
    const kinds = children(resources).map((c) => c.localName);
    const order = ["Images", "Urls", "ShortStrings", "LongStrings"];
    if (kinds.some((k, i) => i > 0 && order.indexOf(k) <= order.indexOf(kinds[i - 1])))
      problems.push(`<Resources> children out of order: ${kinds.join(", ")}`);
    const seen = new Set<string>();
    for (const list of children(resources)) {
      const entries = new Map<string, string>();
      for (const item of children(list)) {
        const id = item.getAttribute("id") ?? "";
        const v = item.getAttribute("DefaultValue") ?? "";
        if (id.length < 1 || id.length > MAX_RESID) problems.push(`resource id "${id}" must be 1–${MAX_RESID} characters`);
        if (seen.has(id)) problems.push(`resource id "${id}" is defined twice`);
        seen.add(id);
        if ((list.localName === "Images" || list.localName === "Urls") && !isHttpsUrl(v))
          problems.push(`resource ${id}: ${v} is not an https URL`);
        if (list.localName === "ShortStrings" && (v.length < 1 || v.length > SHORT))
          problems.push(`short string ${id} must be 1–${SHORT} characters (has ${v.length})`);
        if (list.localName === "LongStrings" && (v.length < 1 || v.length > LONG))
          problems.push(`long string ${id} must be 1–${LONG} characters (has ${v.length})`);
        entries.set(id, v);
      }
      byKind.set(list.localName, entries);
    }
  }
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    const resid = el.getAttribute("resid");
    if (resid === null) continue;
    if (resid.length > MAX_RESID) problems.push(`resid "${resid}" is longer than ${MAX_RESID} characters`);
    const kind = RESOURCE_KIND[el.localName];
    if (!kind) problems.push(`<${el.tagName} resid="${resid}"> is not an element this check knows`);
    else if (!byKind.get(kind)?.has(resid)) problems.push(`<${el.tagName} resid="${resid}"> does not resolve to one of <bt:${kind}>`);
  }
  for (const icon of Array.from(doc.getElementsByTagName("Icon"))) {
    const sizes = children(icon)
      .filter((c) => c.namespaceURI === BT_NS && c.localName === "Image")
      .map((c) => c.getAttribute("size"));
    if (sizes.join(",") !== ICON_SIZES.join(",")) problems.push(`<Icon> has sizes ${sizes.join(",")}, needs ${ICON_SIZES.join(",")}`);
  }
  const ids = Array.from(doc.querySelectorAll("Group[id], Control[id]")).map((el) => el.getAttribute("id")!);
  for (const id of ids) if (id.length > SHORT) problems.push(`control id ${id} is longer than ${SHORT} characters`);
  if (new Set(ids).size !== ids.length) problems.push("group and control ids are not unique");
  return problems;
}

describe("manifest.xml against the schema rules it relies on", () => {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

  it("has no problem", () => {
    expect(manifestProblems(xml)).toEqual([]);
  });

  it("its icons exist in assets/ at the sizes it names (IconUrl 32 px, HighResolutionIconUrl 64 px, bt:Image by id)", () => {
    const doc = parse(xml);
    const file = (url: string) => path.join(ROOT, "assets", path.basename(new URL(url).pathname));
    const root = doc.documentElement;
    const value = (name: string) =>
      Array.from(root.children)
        .find((c) => c.localName === name)!
        .getAttribute("DefaultValue")!;
    expect(pngSize(file(value("IconUrl")))).toEqual({ width: 32, height: 32 });
    expect(pngSize(file(value("HighResolutionIconUrl")))).toEqual({ width: 64, height: 64 });
    for (const image of Array.from(doc.getElementsByTagNameNS(BT_NS, "Image"))) {
      const id = image.getAttribute("id");
      if (id === null) continue;
      const px = Number(/(\d+)x\d+$/.exec(id)![1]);
      expect({ id, size: pngSize(file(image.getAttribute("DefaultValue")!)) }).toEqual({ id, size: { width: px, height: px } });
    }
  });

  it("catches what the schema forbids (each broken copy reports its problem)", () => {
    const broken: [string, string, RegExp][] = [
      ["empty AppDomains", xml.replace("<Hosts>", "<AppDomains/>\n  <Hosts>"), /AppDomains> is empty|at least one <AppDomain>/],
      ["out of order", xml.replace(/(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/, "$2$1"), /out of order/],
      [
        "http URL",
        xml.replace(
          'https://localhost:3000/taskpane.html"/>\n  </DefaultSettings>',
          'http://localhost:3000/taskpane.html"/>\n  </DefaultSettings>',
        ),
        /not an https URL/,
      ],
      ["bad version", xml.replace("<Version>0.1.0.0</Version>", "<Version>v0.1</Version>"), /Version> v0.1/],
      ["bad id", xml.replace(/<Id>[^<]*<\/Id>/, "<Id>cte-check</Id>"), /not a GUID/],
      ["dangling resid", xml.replace('resid="Group.Label"', 'resid="Group.Missing"'), /does not resolve/],
      ["long short string", xml.replace('DefaultValue="CTE Snapshot"', `DefaultValue="${"x".repeat(126)}"`), /must be 1–125/],
      [
        "long description",
        xml.replace(/<Description DefaultValue="[^"]*"/, `<Description DefaultValue="${"x".repeat(251)}"`),
        /Description> must be 1–250/,
      ],
      ["missing icon size", xml.replace('<bt:Image size="80" resid="Icon.80x80"/>', ""), /needs 16,32,80/],
      ["missing Permissions", xml.replace(/<Permissions>[^<]*<\/Permissions>/, ""), /Permissions> is required/],
    ];
    for (const [what, text, expected] of broken) {
      expect(text).not.toBe(xml);
      expect({ what, problems: manifestProblems(text).join("\n") }).toEqual({ what, problems: expect.stringMatching(expected) });
    }
  });
});
