/**
 * The file name of a map export (pure: unit-tested in tests/viz/export-name.test.ts): `refnet-map`, the view's subject when it has one (a person, a group,
 * a community: user data, so characters no file system takes, spaces and controls become "-"),
 * and the date it shows, so exports of different views and dates neither collide nor need renaming.
 */
export function exportFileName(subject: string | undefined, date: string): string {
  const slug = (subject ?? '')
    .normalize('NFC')
    .replace(/[\\/:*?"<>|#%&{}$!'`=@+\p{Cc}\p{Cf}\p{Z}\s.]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const cut = [...slug].slice(0, 60).join('').replace(/-$/, '');
  return ['refnet-map', cut, date].filter((p) => p !== '').join('-');
}
