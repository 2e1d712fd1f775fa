// What the build adds to functions.json after custom-functions-metadata generates it from the JSDoc.
//
// allowErrorForDataTypeAny: without it, one error cell (#N/A, #REF! ...) in a range argument means Excel
// never calls the function and the whole result is that error. With it, every `any` / `any[][]` parameter
// receives error cells as values, and the functions answer per cell (an error for that cell only; CTE.CHECK
// reports VALUE-ERROR on the row). Microsoft documents it as a top-level property that only hand-written
// metadata can set: the JSDoc generator has no tag for it.

/** The generated metadata (JSON text) with the properties the build adds, in a stable key order. */
function finishFunctionsMetadata(generatedJson) {
  const { allowCustomDataForDataTypeAny, functions, ...rest } = JSON.parse(generatedJson);
  return { allowCustomDataForDataTypeAny, allowErrorForDataTypeAny: true, ...rest, functions };
}

module.exports = { finishFunctionsMetadata };
