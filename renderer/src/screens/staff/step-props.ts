// What every step of the staff console receives: the visit as main sees it, and the store's
// `run`, which shows progress and errors around an action.
import type { SessionView } from '../../../../main/ipc/contract.ts';
import type { Run } from '../../stores/staff-store.ts';

export interface StepProps {
  session: SessionView;
  run: Run;
}
