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
    # PengaturanKinerja.pengingat_hari days; objections waiting). Before office hours, after the
    # night jobs; keyed per day, so a rerun the same day sends nothing.
    "kinerja-pengingat-tenggat": {
        "task": "evaluasi.tasks.pengingat_tenggat_task",
        "schedule": crontab(hour=6, minute=0),
    },
}
