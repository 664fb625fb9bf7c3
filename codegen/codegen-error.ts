/** The error every codegen step throws: it names the file (or URL) and what is wrong with it. */
import { AtwsError, type AtwsErrorOptions } from 'atws/protocol';

export class CodegenError extends AtwsError {
  override readonly name: string = 'CodegenError';
  constructor(
    readonly file: string,
    readonly problem: string,
    options: AtwsErrorOptions = {},
  ) {
    super(`${file}: ${problem}`, options);
  }
}
