import type { EntityContext } from 'durable-functions';
import { AcquireSlot, ReleaseSlot, type ReleaseSlotResult } from '../activities/contracts';
import { SLOT_OPERATIONS } from '../activities/names';
import { acquireSlot, emptySlots, releaseSlot, type SlotsState } from './computeSlots';

/** The `ComputeSlots` entity: stores the semaphore state of one compute (the entity key). */
export function computeSlotsEntity(context: EntityContext<SlotsState>): void {
  const state = context.df.getState(emptySlots) ?? emptySlots();
  const operation = context.df.operationName;
  switch (operation) {
    case SLOT_OPERATIONS.acquire: {
      const { state: next, result } = acquireSlot(state, AcquireSlot.parse(context.df.getInput()));
      context.df.setState(next);
      context.df.return(result);
      return;
    }
    case SLOT_OPERATIONS.release: {
      const { job, limit } = ReleaseSlot.parse(context.df.getInput());
      const { state: next, wake } = releaseSlot(state, job, limit);
      context.df.setState(next);
      context.df.return({ wake } satisfies ReleaseSlotResult);
      return;
    }
    default:
      throw new Error(`${context.df.entityName}: unknown operation "${operation}"; expected ${Object.values(SLOT_OPERATIONS).join(' or ')}`);
  }
}
