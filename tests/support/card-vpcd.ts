// Integration-test helpers: put a simulated card into pcscd's Virtual PCD reader over vpcd and
// wait until pcscd reports it (and its removal), so tests never race the daemon's polling.
import type { PcscReaderManager } from '../../devices/card/pcsc-readers.ts';
import type { SmartCard } from '../../devices/card/virtual/smart-card.ts';
import { VpcdLink, type VpcdLinkOptions } from '../../devices/card/virtual/vpcd-link.ts';

export const readerName = (slot: 0 | 1): string => `Virtual PCD 00 0${slot}`;

/** pcscd polls vpcd for presence a few times per second; 5 s is a generous bound. */
const PRESENCE_TIMEOUT_MS = 5000;

export interface InsertedCard {
  readonly link: VpcdLink;
  readonly reader: string;
  /** Pulls the card and waits for pcscd to notice. */
  pull(): Promise<void>;
}

export async function insertCard(
  manager: PcscReaderManager,
  card: SmartCard,
  slot: 0 | 1 = 0,
  options: Omit<VpcdLinkOptions, 'slot'> = {},
): Promise<InsertedCard> {
  const reader = readerName(slot);
  // A previous test's card may still be leaving; vpcd accepts one card per slot.
  if (!(await manager.waitForCard(reader, false, PRESENCE_TIMEOUT_MS))) throw new Error(`${reader} still holds a card`);
  const link = await VpcdLink.insert(card, { ...options, slot });
  if (!(await manager.waitForCard(reader, true, PRESENCE_TIMEOUT_MS))) {
    await link.pull();
    throw new Error(`pcscd did not see the card in ${reader}`);
  }
  return {
    link,
    reader,
    async pull() {
      await link.pull();
      if (!(await manager.waitForCard(reader, false, PRESENCE_TIMEOUT_MS))) throw new Error(`pcscd did not see the card leave ${reader}`);
    },
  };
}

export { acquireVpcdLock } from '../../devices/card/virtual/vpcd-slot-lock.ts';
