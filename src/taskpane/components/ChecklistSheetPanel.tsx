/** "Write Snapshot Checklist sheet": team members and the date of the data check, as on DPI's DEMO page. */
import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "8px" },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

export interface ChecklistSheetPanelProps {
  readonly teamMembers: string;
  readonly checkedOn: string;
  readonly canWrite: boolean;
  readonly busy?: boolean;
  readonly onTeamMembers: (value: string) => void;
  readonly onCheckedOn: (value: string) => void;
  readonly onWrite: () => void;
}

export function ChecklistSheetPanel(props: ChecklistSheetPanelProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <p className={styles.note}>
        Adds a sheet shaped like DPI&apos;s &quot;DEMO / Blank Copy&quot; page: the core team, the date of the data check and each
        topic&apos;s figure, status and counts, ready to print. Earlier checklist sheets are kept.
      </p>
      <Field label="Team members" hint="Names of the CTE core team, as they should be printed">
        <Input value={props.teamMembers} onChange={(_, d) => props.onTeamMembers(d.value)} />
      </Field>
      <Field label="Date of data check">
        <Input type="date" value={props.checkedOn} onChange={(_, d) => props.onCheckedOn(d.value)} />
      </Field>
      <div>
        <Button appearance="primary" disabled={!props.canWrite || props.busy} onClick={props.onWrite}>
          Write Snapshot Checklist sheet
        </Button>
      </div>
      {!props.canWrite && <p className={styles.note}>Run the checklist first.</p>}
    </div>
  );
}
