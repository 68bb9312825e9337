/** An error answered in the service's own wire format (query XML, EC2 XML or REST-XML). */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

/** AWS's model-validation message; the code is `ValidationError` (query protocols) or `ValidationException` (JSON). */
export function validationError(
  field: string,
  value: string | null,
  constraint: string,
  code = 'ValidationError',
): AwsError {
  const shown = value === null ? 'null' : `'${value}'`;
  return new AwsError(
    code,
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
}
