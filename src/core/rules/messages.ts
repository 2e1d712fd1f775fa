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

/** A template cut once into literal text and placeholders: [text, placeholder, text, placeholder, …, text]. */
interface Placeholder {
  readonly name: string;
  readonly quoted: boolean;
  readonly joiner: string;
}
type Compiled = readonly (string | Placeholder)[];

const compiled = new Map<string, Compiled>();

function compile(template: string): Compiled {
  let parts = compiled.get(template);
  if (!parts) {
    const out: (string | Placeholder)[] = [];
    let last = 0;
    const placeholder = new RegExp(PLACEHOLDER.source, "g");
    for (let m = placeholder.exec(template); m !== null; m = placeholder.exec(template)) {
      out.push(template.slice(last, m.index), { name: m[2], quoted: m[1] !== undefined, joiner: m[3] ?? ", " });
      last = m.index + m[0].length;
    }
    out.push(template.slice(last));
    compiled.set(template, (parts = out));
  }
  return parts;
}

export function fillMessage(rule: RuleDef, says: string | undefined, fields: MessageFields, options: FillOptions): string {
  const fail = (why: string): void => {
    if (options.strict) throw new RuleDefinitionError(`${rule.id}: ${why}`);
  };
  const variant = options.sensitiveText !== undefined && rule.messages.withheld !== undefined ? "withheld" : (says ?? firstVariant(rule));
  const template = rule.messages[variant];
  if (template === undefined) {
    fail(`no message variant "${variant}"`);
    return rule.description;
  }
  let message = "";
  for (const part of compile(template)) {
    if (typeof part === "string") {
      message += part;
      continue;
    }
    const value = fields[part.name];
    if (value === undefined) {
      fail(`message variant "${variant}" needs the field "${part.name}"`);
      message += "?";
    } else if (isSensitiveValue(part.name, value, options.sensitiveText)) {
      fail(`field "${part.name}" would show a sensitive value`);
      message += WITHHELD;
    } else {
      message += shown(value, part.quoted, part.joiner);
    }
  }
  return message;
}

const firstVariants = new WeakMap<RuleDef, string>();

function firstVariant(rule: RuleDef): string {
  let first = firstVariants.get(rule);
  if (first === undefined) firstVariants.set(rule, (first = Object.keys(rule.messages)[0]));
  return first;
}
