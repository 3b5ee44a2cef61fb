// Unduhan Saya: every export still being prepared polls its status JSON, moves its progress
// bar, and shows the download button once the file is ready (or the reason it failed).
(function () {
  "use strict";
  if (!window.fetch) return;

  function pantau(baris) {
    var url = baris.getAttribute("data-ekspor-status");
    var label = baris.querySelector("[data-status-label]");
    var wadah = baris.querySelector(".progress");
    var bar = baris.querySelector(".progress-bar");
    var galat = baris.querySelector("[data-galat]");
    var galatJaringan = baris.querySelector("[data-galat-jaringan]");
    var unduh = baris.querySelector("[data-unduh]");
    var ukuran = baris.querySelector("[data-ukuran]");
    var namaBerkas = baris.querySelector("[data-nama-berkas]");
    var gagalBeruntun = 0;

    function tampilkan(data) {
      var persen = Math.max(0, Math.min(100, parseInt(data.progres, 10) || 0));
      bar.style.width = persen + "%";
      bar.textContent = persen + "%";
      wadah.setAttribute("aria-valuenow", String(persen));
      label.textContent = data.status_label || "";
      if (data.selesai) {
        wadah.classList.add("d-none");
        unduh.classList.remove("d-none");
        ukuran.textContent = data.ukuran || "";
        namaBerkas.textContent = data.nama_berkas || "";
        unduh.focus();
      } else if (data.gagal) {
        wadah.classList.add("d-none");
        label.classList.add("text-danger");
        galat.textContent = data.pesan_galat || "";
        galat.classList.remove("d-none");
      }
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
          if (data.aktif) window.setTimeout(periksa, 1500);
        })
        .catch(function () {
          gagalBeruntun += 1;
          galatJaringan.classList.remove("d-none");
          // Back off up to 15 s while the server is unreachable.
          window.setTimeout(periksa, Math.min(15000, 1500 * gagalBeruntun));
        });
    }

    window.setTimeout(periksa, 1000);
  }

  document.querySelectorAll("[data-ekspor-status]").forEach(pantau);
})();
