/**
 * Jest setup (every test file): the engine runs in strict mode, so a check reporting a rule it did not
 * declare, a message variant or field its rule lacks, or a sensitive value in a message fails the test.
 */
import { setStrictChecks } from "../../src/core/engine";

setStrictChecks(true);
