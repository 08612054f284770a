const DOT = '•••';

/** `jane.doe@example.com` → `j•••@e•••.com`: enough to recognise one's own address, not to learn it. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const tld = domain.includes('.') ? domain.slice(domain.lastIndexOf('.')) : '';
  return `${local.slice(0, 1)}${DOT}@${domain.slice(0, 1)}${DOT}${tld}`;
}

/** `+1 555 123 4567` → `••• 4567`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${DOT} ${digits.slice(-4)}`;
}

/** `Jane Doe` → `Jane D.`: a greeting without the full name. */
export function maskName(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${last.slice(0, 1)}.` : first;
}

/** A customer's contact as stored for display: every part masked (masking a masked value changes nothing). */
export function maskContact(contact: { name?: string | null; email?: string | null; phone?: string | null }): { name?: string; email?: string; phone?: string } {
  return {
    ...(contact.name ? { name: maskName(contact.name) } : {}),
    ...(contact.email ? { email: maskEmail(contact.email) } : {}),
    ...(contact.phone ? { phone: maskPhone(contact.phone) } : {}),
  };
}
