import { z } from 'zod';
import { PositiveInt } from './fields';
import { strictObject } from './unknownFields';

/** `distribution`: how a command job launches its processes for distributed training. */

export const PyTorchDistribution = strictObject({
  type: z.literal('pytorch'),
  process_count_per_instance: PositiveInt.optional(),
});
export const TensorFlowDistribution = strictObject({
  type: z.literal('tensorflow'),
  worker_count: PositiveInt.optional(),
  parameter_server_count: z.int().min(0).optional(),
});
export const MpiDistribution = strictObject({
  type: z.literal('mpi'),
  process_count_per_instance: PositiveInt,
});
export const RayDistribution = strictObject({
  type: z.literal('ray'),
  port: z.int().min(1).max(65535).optional(),
  address: z.string().min(1).optional(),
  include_dashboard: z.boolean().optional(),
  dashboard_port: z.int().min(1).max(65535).optional(),
  head_node_additional_args: z.string().optional(),
  worker_node_additional_args: z.string().optional(),
});

export const Distribution = z.discriminatedUnion('type', [PyTorchDistribution, TensorFlowDistribution, MpiDistribution, RayDistribution]);
export type Distribution = z.infer<typeof Distribution>;

/**
 * Azure ML defaults: PyTorch runs 1 process per instance; TensorFlow runs one worker per instance
 * and no parameter servers.
 */
export function normalizeDistribution(distribution: Distribution, instanceCount: number): Distribution {
  switch (distribution.type) {
    case 'pytorch':
      return { ...distribution, process_count_per_instance: distribution.process_count_per_instance ?? 1 };
    case 'tensorflow':
      return {
        ...distribution,
        worker_count: distribution.worker_count ?? instanceCount,
        parameter_server_count: distribution.parameter_server_count ?? 0,
      };
    case 'mpi':
    case 'ray':
      return distribution;
  }
}
