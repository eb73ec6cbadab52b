/* The batch progress bar: polls the job and reloads when it is done. ES5 only, for old 信创 browsers. */
(function () {
  var me = document.currentScript || document.scripts[document.scripts.length - 1];
  var id = me.getAttribute("data-job");
  var bar = document.getElementById("bar");
  var done = document.getElementById("done");
  var pct = document.getElementById("pct");
  function poll() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/api/jobs/" + encodeURIComponent(id));
    xhr.onload = function () {
      if (xhr.status !== 200) { window.location.reload(); return; }
      var s = JSON.parse(xhr.responseText);
      bar.max = s.total; bar.value = s.done; done.textContent = s.done;
      pct.textContent = (s.total ? Math.floor(100 * s.done / s.total) : 0) + "%";
      if (s.finished) { window.location.reload(); } else { window.setTimeout(poll, 400); }
    };
    xhr.onerror = function () { window.setTimeout(poll, 2000); };
    xhr.send();
  }
  poll();
})();
