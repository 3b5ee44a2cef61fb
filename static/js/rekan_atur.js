// The peer assignment checklist (templates/components/rekan_atur.html): count what is ticked,
// keep the ticks across a search, submit once.
(function () {
  "use strict";
  var form = document.getElementById("form-rekan");
  var cari = document.getElementById("form-cari");
  if (!form) return;
  var jumlah = document.querySelector("[data-jumlah-pilih]");
  function hitung() {
    jumlah.textContent = form.querySelectorAll('input[name="rekan"]:checked, input[data-rekan-tetap]').length;
  }
  form.addEventListener("change", hitung);
  hitung();
  // Keep the ticked people across a search: they travel as `pilih` in the query string.
  if (cari) cari.addEventListener("submit", function () {
    cari.querySelectorAll('input[name="pilih"]').forEach(function (i) { i.remove(); });
    form.querySelectorAll('input[name="rekan"]:checked').forEach(function (c) {
      var h = document.createElement("input");
      h.type = "hidden"; h.name = "pilih"; h.value = c.value; cari.appendChild(h);
    });
  });
  form.addEventListener("submit", function (e) {
    if (form.dataset.terkirim) { e.preventDefault(); return; }
    form.dataset.terkirim = "1";
  });
})();
