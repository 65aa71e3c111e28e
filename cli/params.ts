// `--param key=value` (repeatable) → a params object. Values that read as JSON (numbers, true,
// false, null, objects, arrays, quoted strings) are taken as JSON; anything else is a string, so
// `--param pageSize=50` sends 50 and `--param locale=de` sends "de". The server validates the rest.
import { CliError, exitCodes } from "./exit-codes";

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const prototypeKeys = new Set(["__proto__", "constructor", "prototype"]);

export function parseParams(pairs: string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf("=");
    const key = equals === -1 ? pair : pair.slice(0, equals);
    if (equals === -1 || !KEY.test(key)) {
      throw new CliError(`--param expects key=value (a letter or _ first), got "${pair}"`, exitCodes.badInput);
    }
    // `params.__proto__ = …` would replace the object's prototype and never be sent.
    if (prototypeKeys.has(key)) throw new CliError(`--param ${key} is not an allowed parameter name`, exitCodes.badInput);
    if (Object.hasOwn(params, key)) throw new CliError(`--param ${key} is given twice`, exitCodes.badInput);
    params[key] = parseValue(pair.slice(equals + 1));
  }
  return params;
}

function parseValue(raw: string): unknown {
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(raw) || /^[[{"]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new CliError(`--param value ${raw} looks like JSON but is not valid JSON`, exitCodes.badInput);
    }
  }
  return raw;
}

/** Collects a repeatable option's values (commander's argParser). */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
