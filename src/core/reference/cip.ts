import { CIP2020_SERIES_ROWS } from "./generated";

/** Every CIP 2020 four-digit series ("NN.NN", the form of an IAC) -> its title without the trailing period. */
export const CIP2020_SERIES: ReadonlyMap<string, string> = new Map(CIP2020_SERIES_ROWS);
