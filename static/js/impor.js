// Import progress: poll the status JSON every second, update the bar and the stage text,
// and reload the page when the import has finished (the page then shows the result).
(function () {
  "use strict";
  var kotak = document.getElementById("impor-progres");
  if (!kotak) return;
  var url = kotak.getAttribute("data-status-url");
  var wadah = kotak.querySelector(".progress");
  var bar = kotak.querySelector(".progress-bar");
  var tahap = kotak.querySelector("[data-tahap]");
  var galatJaringan = kotak.querySelector("[data-galat-jaringan]");
  var gagalBeruntun = 0;

  function tampilkan(data) {
    var persen = Math.max(0, Math.min(100, parseInt(data.persen, 10) || 0));
    bar.style.width = persen + "%";
    bar.textContent = persen + "%";
    wadah.setAttribute("aria-valuenow", String(persen));
    if (data.tahap) tahap.textContent = data.tahap;
  }

  function periksa() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) {
        gagalBeruntun = 0;
        galatJaringan.classList.add("d-none");
        tampilkan(data);
        if (data.selesai) {
          window.location.reload();
        } else {
          window.setTimeout(periksa, 1000);
        }
      })
      .catch(function () {
        gagalBeruntun += 1;
        galatJaringan.classList.remove("d-none");
        // Back off up to 10 s while the server is unreachable.
        window.setTimeout(periksa, Math.min(10000, 1000 * gagalBeruntun));
      });
  }

  window.setTimeout(periksa, 1000);
})();
