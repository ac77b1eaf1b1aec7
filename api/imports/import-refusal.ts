// How an import that is refused says so: the file, what is wrong, that nothing was imported, and the first problems.
import { type Bilingual, type FieldError, ValidationError } from '../http/problem.ts';
import type { SourceLayer } from './imports.types.ts';

/** A refusal of the whole file (an import is all or nothing): `detail` leads, the first three problems follow, `errors` are listed. */
export function nothingImported(source: Pick<SourceLayer, 'fileName'>, detail: Bilingual, errors: FieldError[], code = 'invalid_features'): ValidationError {
  const first = errors.slice(0, 3);
  return new ValidationError(
    {
      en: `${source.fileName}: ${detail.en}; nothing was imported. ${first.map((e) => e.message).join('; ')}`,
      vi: `${source.fileName}: ${detail.vi}; không có dữ liệu nào được nhập. ${first.map((e) => e.message_vi).join('; ')}`,
    },
    errors,
    code,
  );
}
