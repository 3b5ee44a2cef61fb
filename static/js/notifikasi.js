// The unread-notification badge in the navigation: fetched after the page loads, so rendering
// a page never costs a query for it (lists and exports keep their pinned query counts).
(function () {
  "use strict";
  var badge = document.querySelector("[data-notifikasi-jumlah]");
  if (!badge || !window.fetch) return;
  fetch(badge.getAttribute("data-notifikasi-jumlah"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data || !data.jumlah) return;
      badge.textContent = data.jumlah > 99 ? "99+" : String(data.jumlah);
      badge.classList.remove("d-none");
      badge.setAttribute("aria-label", data.jumlah + " notifikasi belum dibaca");
    })
    .catch(function () {});
})();
