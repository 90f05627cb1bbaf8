import { WINDOWS_TO_IANA_MAP } from 'windows-iana';

/**
 * Schedule time zones as Azure ML users write them: IANA names (`Europe/Berlin`) or the Windows
 * names of Azure ML's own examples (`Pacific Standard Time`), mapped to IANA with the CLDR
 * windowsZones table (package windows-iana). Default UTC.
 */

export const DEFAULT_TIME_ZONE = 'UTC';

/** Windows name (lower case) → its zone for territory 001, the one CLDR calls the zone's main one. */
const windowsNames = new Map<string, { windows: string; iana: string }>(
  WINDOWS_TO_IANA_MAP.filter((entry) => entry.territory === '001').map((entry) => [entry.windowsName.toLowerCase(), { windows: entry.windowsName, iana: entry.iana[0] }]),
);

/** The IANA zone for `name`, or undefined when it is neither an IANA nor a Windows zone name. */
export function resolveTimeZone(name: string | undefined): string | undefined {
  if (name === undefined) return DEFAULT_TIME_ZONE;
  const text = name.trim();
  const windows = windowsNames.get(text.toLowerCase());
  if (windows !== undefined) return windows.iana;
  return isIanaZone(text) ? canonicalIana(text) : undefined;
}

/** Every accepted name (Windows and IANA), for suggestions in error messages. */
export function knownTimeZoneNames(): readonly string[] {
  return [...[...windowsNames.values()].map((entry) => entry.windows), ...Intl.supportedValuesOf('timeZone')];
}

function isIanaZone(zone: string): boolean {
  if (zone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function canonicalIana(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}
