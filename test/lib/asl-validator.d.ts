/** asl-validator 4 ships no type declarations: the part the tests use. */
declare module 'asl-validator' {
  function validator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): {
    isValid: boolean;
    errors: readonly { 'Error code': string; Message: string }[];
    errorsText: (separator?: string) => string;
  };
  export = validator;
}
