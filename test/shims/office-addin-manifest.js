// Jest shim: office-addin-mock imports only this enum from office-addin-manifest, whose ESM-only
// dependencies Jest on Node 20 cannot require.
exports.OfficeApp = { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" };
