import { z } from 'zod';
import { StringMap, Text } from './fields';
import { strictObject } from './unknownFields';

/** `services`: interactive endpoints opened on the job's nodes (JupyterLab, SSH, TensorBoard, VS Code). */

const common = {
  port: z.int().min(1).max(65535).optional(),
  /** `all` runs the service on every node; unset means the first node only. */
  nodes: z.literal('all').optional(),
  properties: StringMap.optional(),
};

export const JobService = z.discriminatedUnion('type', [
  strictObject({ type: z.literal('jupyter_lab'), ...common }),
  strictObject({ type: z.literal('ssh'), ...common, ssh_public_keys: Text.optional() }),
  strictObject({ type: z.literal('tensor_board'), ...common, log_dir: Text.optional() }),
  strictObject({ type: z.literal('vs_code'), ...common }),
  strictObject({ type: z.literal('custom'), ...common }),
]);
export type JobService = z.infer<typeof JobService>;

export const Services = z.record(z.string(), JobService);
export type Services = z.infer<typeof Services>;
