import { z } from 'zod';
import { Text } from './fields';
import { strictObject } from './unknownFields';

/** `identity`: whose credentials the job uses to reach data. */

export const ManagedIdentity = strictObject({
  /** Azure ML also accepts the long spelling `managed_identity`; normalized to `managed`. */
  type: z.enum(['managed', 'managed_identity']),
  client_id: Text.optional(),
  object_id: Text.optional(),
  msi_resource_id: Text.optional(),
});
export const UserIdentity = strictObject({ type: z.literal('user_identity') });
export const AmlTokenIdentity = strictObject({ type: z.literal('aml_token') });

export const Identity = z.discriminatedUnion('type', [ManagedIdentity, UserIdentity, AmlTokenIdentity]);
export type Identity = z.infer<typeof Identity>;

/** Spells managed identities `managed`, whichever spelling the file used. */
export function normalizeIdentity(identity: Identity): Identity {
  return identity.type === 'managed_identity' ? { ...identity, type: 'managed' } : identity;
}
