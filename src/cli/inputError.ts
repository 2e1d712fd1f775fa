/** A problem with an input (or output) file that the user can fix; `message` is a full sentence. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
