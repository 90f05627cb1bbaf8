import { z } from 'zod';

/** A source of uniform numbers in [0, 1), injected so the model stays deterministic under test and replay. */
export type RandomSource = () => number;

/** Job names: also the Cosmos document id, a URL segment and a blob prefix. */
export const JobName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/, {
    error: 'job names start with a letter or digit and contain only letters, digits, "_" and "-" (at most 255 characters)',
  });
export type JobName = z.infer<typeof JobName>;

/** Input and output names, as written in `${{inputs.NAME}}`. */
export const PortName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: 'input and output names start with a letter or "_" and contain only letters, digits and "_"',
  });
export type PortName = z.infer<typeof PortName>;

/** Environment variable names (POSIX portable). */
export const EnvironmentVariableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: 'environment variable names start with a letter or "_" and contain only letters, digits and "_"',
  });

const ADJECTIVES = [
  'amiable', 'brave', 'bright', 'busy', 'calm', 'careful', 'cheerful', 'clever', 'cool', 'crisp',
  'eager', 'elated', 'epic', 'fervent', 'frank', 'gentle', 'good', 'happy', 'honest', 'jolly',
  'keen', 'kind', 'lemon', 'lively', 'loyal', 'lucid', 'mighty', 'modest', 'neat', 'nifty',
  'patient', 'plucky', 'polite', 'quick', 'quiet', 'serene', 'sharp', 'sincere', 'stoic', 'sunny',
  'sweet', 'tender', 'tidy', 'upbeat', 'vivid', 'warm', 'willing', 'witty', 'yellow', 'zen',
] as const;

const NOUNS = [
  'apple', 'arch', 'bean', 'boat', 'brush', 'cartoon', 'cloud', 'coconut', 'crayon', 'cup',
  'drain', 'engine', 'feather', 'fig', 'garden', 'glove', 'grass', 'hamster', 'island', 'kettle',
  'kitchen', 'lamp', 'leaf', 'lime', 'lizard', 'map', 'market', 'monkey', 'moon', 'mountain',
  'night', 'onion', 'owl', 'pasta', 'pencil', 'pepper', 'plum', 'quince', 'rain', 'river',
  'rocket', 'salt', 'shark', 'snail', 'spinach', 'star', 'tail', 'tomato', 'tree', 'yacht',
] as const;

const SUFFIX_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const SUFFIX_LENGTH = 10;

function pick<T>(items: readonly T[], random: RandomSource): T {
  const value = random();
  if (!(value >= 0 && value < 1)) throw new RangeError(`random source returned ${value}; expected a number in [0, 1)`);
  return items[Math.floor(value * items.length)] as T;
}

/** An Azure ML style job name, e.g. `sincere_river_4fdk2l9gqp`. */
export function generateJobName(random: RandomSource): string {
  const adjective = pick(ADJECTIVES, random);
  const noun = pick(NOUNS, random);
  let suffix = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += pick(SUFFIX_ALPHABET, random);
  return `${adjective}_${noun}_${suffix}`;
}
