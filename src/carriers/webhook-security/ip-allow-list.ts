import { BlockList, isIP } from 'node:net';

/**
 * Strips what a socket address may carry around the IP itself: an IPv6 zone id (`fe80::1%eth0`) and
 * surrounding brackets (`[::1]`).
 */
function cleanAddress(address: string): string {
  const unbracketed = address.trim().replace(/^\[(.*)\]$/, '$1');
  const zone = unbracketed.indexOf('%');
  return zone === -1 ? unbracketed : unbracketed.slice(0, zone);
}

/** Adds one entry (`1.2.3.4`, `2001:db8::1`, `10.0.0.0/8`, `2001:db8::/32`); returns false when malformed. */
function addEntry(list: BlockList, entry: string): boolean {
  const [address = '', prefixText, ...rest] = entry.split('/');
  const ip = cleanAddress(address);
  const family = isIP(ip);
  if (family === 0 || rest.length > 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) {
    list.addAddress(ip, type);
    return true;
  }
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(ip, prefix, type);
  return true;
}

/** True when every entry is an IPv4/IPv6 address or CIDR range; for validating configuration up front. */
export function isValidAllowList(allowList: string[]): boolean {
  const probe = new BlockList();
  return allowList.every((entry) => addEntry(probe, entry));
}

/**
 * Checks a client address against an allow-list of exact IPv4/IPv6 addresses and CIDR ranges.
 *
 * - An empty list allows everything (the check is opt-in).
 * - A missing remote address is refused when a list is set: we cannot prove where it came from.
 * - IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack Node socket reports) matches IPv4 entries;
 *   `net.BlockList` does that mapping for us and also normalizes IPv6 spellings.
 * - Malformed entries never match (they are skipped, not fatal), so a typo cannot open the list.
 */
export function isIpAllowed(remote: string | undefined, allowList: string[]): boolean {
  if (allowList.length === 0) return true;
  if (remote === undefined) return false;
  const ip = cleanAddress(remote);
  const family = isIP(ip);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of allowList) addEntry(list, entry);
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}
