// Runs before the task pane's bundle, in ES5 on purpose: in an old web view (Internet Explorer 11 or the
// original Edge, EdgeHTML, which Office 2019 and older Office 2016 builds use on Windows) the bundle cannot
// even be parsed and the pane would stay blank. Here it says instead which Excel or web view is needed.
// A separate file, not an inline script, because the page's Content-Security-Policy allows no inline scripts.
(function () {
  var MESSAGE =
    "CTE Snapshot Check's task pane needs the Microsoft Edge WebView2 web view (Excel for Microsoft 365 or Excel 2021 " +
    "and later on Windows), Excel on the web in a current browser, or Excel for Mac; this Excel shows add-ins in an " +
    "older web view (Internet Explorer or the original Edge), so the pane cannot run here.";

  // Built-ins of the engines the bundle is compiled for (ES2020), none of which IE11 or EdgeHTML has.
  function modern() {
    return (
      typeof Promise === "function" &&
      typeof Promise.allSettled === "function" &&
      typeof Object.fromEntries === "function" &&
      typeof Array.prototype.flat === "function" &&
      typeof String.prototype.matchAll === "function" &&
      typeof globalThis === "object"
    );
  }

  if (modern()) return;
  var note = document.createElement("p");
  note.id = "webview-message";
  note.setAttribute("role", "alert");
  note.style.font = "14px/1.4 'Segoe UI', sans-serif";
  note.style.margin = "16px";
  note.appendChild(document.createTextNode(MESSAGE));
  var root = document.getElementById("root");
  if (root && root.parentNode) root.parentNode.insertBefore(note, root);
  else document.body.appendChild(note);
})();
