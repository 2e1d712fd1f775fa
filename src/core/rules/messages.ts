/**
 * Fills a rule's message template from a finding's fields: the one place user values are quoted and the
 * one place a single-parent or homeless value is kept out of a message.
 */
import { SENSITIVE_FIELDS } from "../recognize";
import { q } from "../text";
import { FieldValue, MessageFields, RuleDef } from "./types";

/** A mistake in a check (an undeclared rule, an unknown variant or field, a sensitive value); thrown in strict mode. */
export class RuleDefinitionError extends Error {}

const WITHHELD = "(withheld: sensitive)";
const PLACEHOLDER = /\{(q:)?(\w+)(?:\|([^}]*))?\}/g;

export interface FillOptions {
  /**
   * The text of the flagged cell when its column is sensitive: no field may carry it, and a rule with a
   * "withheld" variant says that one instead.
   */
  readonly sensitiveText?: string;
  /** throw on a mistake instead of writing around it */
  readonly strict: boolean;
}

function shown(value: FieldValue, quoted: boolean, joiner: string): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return quoted ? q(value) : value;
  return value.map((v) => (quoted ? q(v) : v)).join(joiner);
}

function isSensitiveValue(name: string, value: FieldValue, sensitiveText: string | undefined): boolean {
  if ((SENSITIVE_FIELDS as ReadonlySet<string>).has(name)) return true;
  if (sensitiveText === undefined) return false;
  // On a sensitive cell the field named `value` (the flagged cell's own value) is never shown, nor any field equal to it.
  if (name === "value") return true;
  const text = sensitiveText.trim();
  return text !== "" && (Array.isArray(value) ? value.includes(text) : String(value).trim() === text);
}

export function fillMessage(rule: RuleDef, says: string | undefined, fields: MessageFields, options: FillOptions): string {
  const fail = (why: string): void => {
    if (options.strict) throw new RuleDefinitionError(`${rule.id}: ${why}`);
  };
  const variant = options.sensitiveText !== undefined && rule.messages.withheld !== undefined
    ? "withheld"
    : says ?? Object.keys(rule.messages)[0];
  const template = rule.messages[variant];
  if (template === undefined) {
    fail(`no message variant "${variant}"`);
    return rule.description;
  }
  return template.replace(PLACEHOLDER, (_, quote: string | undefined, name: string, joiner: string | undefined) => {
    const value = fields[name];
    if (value === undefined) {
      fail(`message variant "${variant}" needs the field "${name}"`);
      return "?";
    }
    if (isSensitiveValue(name, value, options.sensitiveText)) {
      fail(`field "${name}" would show a sensitive value`);
      return WITHHELD;
    }
    return shown(value, quote !== undefined, joiner ?? ", ");
  });
}
