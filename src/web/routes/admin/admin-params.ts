// Reads ids in workspace URLs: anything that is not a whole positive number is "not found".
import { NotFoundError } from '../../../services/errors.ts';

export function readId(value: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new NotFoundError('No such record');
  return Number(value);
}
