"""The Celery app. Worker: `make worker`; beat: `make beat` (see README)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_kinerja.settings")

app = Celery("asn_kinerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic job lives here, each with when and why. Later issues add theirs.
app.conf.beat_schedule = {
    # 01:00 WIB: clear expired login lockouts so the axes table stays small.
    "bersihkan-kunci-login": {
        "task": "pegawai.tasks.akses_bersihkan_kunci_login_task",
        "schedule": crontab(hour=1, minute=0),
    },
    # 00:30 WIB (CELERY_TIMEZONE is Asia/Jakarta): the day after a round's peer deadline, release
    # the peers' mean of every participant still waiting for it and recompute the results, so
    # the pegawai and the atasan see it without anyone pressing "Hitung ulang hasil".
    "kompetensi-proses-tenggat-rekan": {
        "task": "kompetensi.tasks.putaran_proses_tenggat_task",
        "schedule": crontab(hour=0, minute=30),
    },
    # 00:45 WIB: the day after a period's peer deadline, release the peers' aggregate (perilaku
    # 360) of every evaluation still waiting for it, once, so raters see it in the morning.
    "kinerja-proses-tenggat-rekan": {
        "task": "evaluasi.tasks.rekan_proses_tenggat_task",
        "schedule": crontab(hour=0, minute=45),
    },
    # 06:00 WIB: deadline reminders (self, peer and rater deadlines within
    # PengaturanKinerja.pengingat_hari days; objections waiting; a month's daily logs about to
    # lock, once per month). Before office hours, after the night jobs; keyed per day, so a rerun
    # the same day sends nothing.
    "kinerja-pengingat-tenggat": {
        "task": "evaluasi.tasks.pengingat_tenggat_task",
        "schedule": crontab(hour=6, minute=0),
    },
    # 06:15 WIB: complaint deadlines: remind the responsible officer (or the OPD's complaint
    # officers) of deadlines within PengaturanPengaduan.pengingat_hari working days and escalate
    # overdue cases to the officer's atasan, once per case and deadline. After the evaluasi
    # reminders, before office hours.
    "pengaduan-pengingat-batas": {
        "task": "pengaduan.tasks.pengingat_pengaduan_task",
        "schedule": crontab(hour=6, minute=15),
    },
    # 1 December, 01:15 WIB: add next year's national holidays and cuti bersama to the SLA
    # calendar (only missing dates) so due dates in January are right; Admin BKD then adjusts.
    "pengaduan-isi-hari-libur": {
        "task": "pengaduan.tasks.hari_libur_isi_task",
        "schedule": crontab(month_of_year=12, day_of_month=1, hour=1, minute=15),
    },
    # 02:30 WIB: delete background exports (files under MEDIA_ROOT and their rows) requested more
    # than a week ago, so private files do not pile up; after the midnight jobs, before office hours.
    "unduhan-bersihkan-ekspor": {
        "task": "unduhan.tasks.ekspor_bersihkan_task",
        "schedule": crontab(hour=2, minute=30),
    },
}
