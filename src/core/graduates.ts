/** CTE graduates as DPI counts them: exit type HSC with a regular diploma. */
import { credentialTypeOf, exitTypeOf } from "./codes";
import { REGULAR_DIPLOMA_CODE } from "./reference";
import { ExportTable } from "./table";

/** Student ids with exit type HSC (and a regular diploma, when the credential column exists). */
export function graduatesWithDiploma(tables: readonly ExportTable[]): Set<string> {
  const ids = new Set<string>();
  for (const t of tables)
    for (const r of t.rows) {
      const id = t.present(r, "studentId");
      const exit = exitTypeOf(t.text(r, "exitType"));
      if (id === null || exit?.code !== "HSC") continue;
      if (t.has("credentialType") && credentialTypeOf(t.text(r, "credentialType"))?.code !== REGULAR_DIPLOMA_CODE) continue;
      ids.add(id);
    }
  return ids;
}
