// At start: does the print service keep the documents of printed jobs? CUPS's PreserveJobFiles
// (one day by default) leaves every printed form set, personal data and all, in /var/spool/cups
// after the request itself was purged. IT staff are told; printing goes on.
import type { JobFileRetention } from '../../devices/printer/driver.ts';
import { KioskError } from '../../domain/errors.ts';

/** The warning for IT staff, or null when printed documents are not kept. */
export function jobFilesWarning(retention: JobFileRetention): KioskError | null {
  if (retention.preserved === false) return null;
  if (retention.preserved === null)
    return new KioskError('printer/spooler-keeps-copies', {
      ja: `印刷システム (CUPS) が印刷済みの書類を残す設定か確認できませんでした（${retention.path}）。PreserveJobFiles No を設定してください。`,
      en: `Could not tell whether CUPS keeps printed documents (${retention.path}); set PreserveJobFiles No.`,
    });
  const howLong =
    retention.seconds === null
      ? { ja: '無期限に', en: 'indefinitely' }
      : { ja: `${Math.round(retention.seconds / 3600)} 時間`, en: `for ${retention.seconds} s` };
  const setting = retention.setting === null ? 'PreserveJobFiles の指定なし＝CUPS の既定値' : `PreserveJobFiles ${retention.setting}`;
  return new KioskError('printer/spooler-keeps-copies', {
    ja: `印刷システム (CUPS) が印刷済みの書類を /var/spool/cups に${howLong.ja}残す設定です（${setting}、${retention.path}）。個人情報を含む書類が残ります。`,
    en: `CUPS keeps printed documents in /var/spool/cups ${howLong.en} (${retention.setting === null ? 'PreserveJobFiles not set: CUPS default' : `PreserveJobFiles ${retention.setting}`}, ${retention.path}): forms with personal data stay on disk.`,
  });
}
