/* Sort the batch table in place when a heading is clicked; without scripts the heading links sort on the server. */
(function () {
  var table = document.getElementById("units");
  if (!table) { return; }
  var heads = table.tHead.rows[0].cells;
  var state = { col: -1, desc: false };
  function value(row, col, kind) {
    var v = row.cells[col].getAttribute("data-v") || "";
    return kind === "num" ? parseFloat(v) || 0 : v;
  }
  function sortBy(col, kind) {
    state.desc = state.col === col ? !state.desc : false;
    state.col = col;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, col, kind), y = value(b, col, kind);
      var c = kind === "num" ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return state.desc ? -c : c;
    });
    for (var i = 0; i < rows.length; i++) { body.appendChild(rows[i]); }
    for (var j = 0; j < heads.length; j++) {
      heads[j].removeAttribute("aria-sort");
      var a = heads[j].getElementsByTagName("a")[0];
      if (a) { a.textContent = a.textContent.replace(/ [▲▼]$/, ""); }
    }
    heads[col].setAttribute("aria-sort", state.desc ? "descending" : "ascending");
    var link = heads[col].getElementsByTagName("a")[0];
    link.textContent += state.desc ? " ▼" : " ▲";
  }
  for (var k = 0; k < heads.length; k++) {
    (function (col) {
      var a = heads[col].getElementsByTagName("a")[0];
      if (!a) { return; }
      a.addEventListener("click", function (e) {
        e.preventDefault();
        sortBy(col, heads[col].getAttribute("data-kind"));
      });
    })(k);
  }
})();
