/* Competency charts (Chart.js, served from the vendored package, never a CDN).
 *
 * Include with
 *   <script defer src="{% static 'kompetensi/grafik.js' %}"
 *           data-chart="{% static 'vendor/chartjs/chart.umd.min.js' %}"></script>
 * Every <canvas data-grafik="hasil|riwayat|kebutuhan" data-sumber="ID"> is drawn from the JSON
 * in the element #ID (Django's json_script). Safe to include several times on one page:
 * Chart.js is loaded once and each canvas is drawn once.
 */
(function () {
  'use strict';
  if (window.KompetensiGrafik) {
    window.KompetensiGrafik.mulai();
    return;
  }
  const skrip = document.currentScript;
  const sumberChart = skrip && skrip.dataset.chart;
  const BIRU = 'rgb(13,110,253)';
  const HIJAU = 'rgb(25,135,84)';
  const MERAH = 'rgb(220,53,69)';

  function data(kanvas) {
    const el = document.getElementById(kanvas.dataset.sumber || '');
    return el ? JSON.parse(el.textContent) : null;
  }

  function hasil(kanvas, d) {
    const radar = d.label.length >= 3;
    const skala = {min: 0, max: 5, ticks: {stepSize: 1}};
    return {
      type: radar ? 'radar' : 'bar',
      data: {
        labels: d.label,
        datasets: [
          {label: 'Standar', data: d.standar, backgroundColor: 'rgba(13,110,253,0.15)', borderColor: BIRU},
          {label: 'Capaian', data: d.capaian, backgroundColor: 'rgba(25,135,84,0.3)', borderColor: HIJAU}
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: radar ? 'x' : 'y',
        plugins: {legend: {position: 'bottom'}},
        scales: radar ? {r: skala} : {x: skala}
      }
    };
  }

  function riwayat(kanvas, d) {
    return {
      type: 'line',
      data: {
        labels: d.label,
        datasets: [{label: 'JPM (%)', data: d.jpm, borderColor: BIRU, backgroundColor: BIRU, spanGaps: true, tension: 0.2}]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        plugins: {legend: {display: false}},
        scales: {y: {min: 0, max: 100, ticks: {stepSize: 20}}}
      }
    };
  }

  function kebutuhan(kanvas, d) {
    return {
      type: 'bar',
      data: {
        labels: d.label,
        datasets: [{label: 'Pegawai dengan gap negatif', data: d.negatif, backgroundColor: 'rgba(220,53,69,0.6)', borderColor: MERAH}]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: 'y',
        plugins: {legend: {display: false}},
        scales: {x: {beginAtZero: true, ticks: {precision: 0}}}
      }
    };
  }

  const JENIS = {hasil: hasil, riwayat: riwayat, kebutuhan: kebutuhan};

  function gambar() {
    document.querySelectorAll('canvas[data-grafik]').forEach(function (kanvas) {
      if (kanvas.dataset.siap) return;
      const buat = JENIS[kanvas.dataset.grafik];
      const d = data(kanvas);
      if (!buat || !d) return;
      kanvas.dataset.siap = '1';
      new window.Chart(kanvas, buat(kanvas, d));
    });
  }

  let memuat = false;
  function mulai() {
    if (window.Chart) {
      gambar();
      return;
    }
    if (memuat || !sumberChart) return;
    memuat = true;
    const s = document.createElement('script');
    s.src = sumberChart;
    s.onload = gambar;
    document.head.appendChild(s);
  }

  window.KompetensiGrafik = {mulai: mulai};
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', mulai);
  } else {
    mulai();
  }
})();
