const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `April 28, 2015` → `2015-04-28` (USPS Web Tools dates); undefined when unreadable. */
export function usLongDateToIso(value: string | undefined): string | undefined {
  const match = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const month = MONTHS.indexOf((match[1] ?? '').toLowerCase()) + 1;
  const day = Number(match[2]);
  if (month === 0 || day < 1 || day > 31) return undefined;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `9:01 am` / `12:18 am` → `09:01:00` / `00:18:00`; undefined when unreadable. */
export function usClockTo24h(value: string | undefined): string | undefined {
  const match = /^(\d{1,2}):(\d{2})\s*([ap])\.?m\.?$/i.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const hour12 = Number(match[1]);
  if (hour12 < 1 || hour12 > 12 || Number(match[2]) > 59) return undefined;
  const hour = (hour12 % 12) + ((match[3] ?? '').toLowerCase() === 'p' ? 12 : 0);
  return `${String(hour).padStart(2, '0')}:${match[2]}:00`;
}
