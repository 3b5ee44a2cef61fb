"""Routes of the kompetensi app: pengembangan (included by kompetensi/urls.py under app_name "kompetensi")."""

from django.urls import path

from .views import pengembangan as v

urlpatterns: list = [
    # --- programme catalogue (pk = ProgramPengembangan)
    path("program/", v.ProgramListView.as_view(), name="program-list"),
    path("program/baru/", v.ProgramCreateView.as_view(), name="program-create"),
    path("program/<int:pk>/", v.ProgramDetailView.as_view(), name="program-detail"),
    path("program/<int:pk>/ubah/", v.ProgramUpdateView.as_view(), name="program-update"),
    path("program/<int:pk>/nonaktifkan/", v.ProgramDeactivateView.as_view(), name="program-deactivate"),
    path("program/<int:pk>/aktifkan/", v.ProgramActivateView.as_view(), name="program-activate"),
    # --- development plans (pk = RencanaPengembangan)
    path("rencana/", v.RencanaListView.as_view(), name="rencana-list"),
    path("rencana/baru/", v.RencanaCreateView.as_view(), name="rencana-create"),
    path("rencana/<int:pk>/", v.RencanaDetailView.as_view(), name="rencana-detail"),
    path("rencana/<int:pk>/ubah/", v.RencanaUpdateView.as_view(), name="rencana-update"),
    path("rencana/<int:pk>/selesai/", v.RencanaSelesaiView.as_view(), name="rencana-selesai"),
    path("rencana/<int:pk>/batal/", v.RencanaBatalView.as_view(), name="rencana-batal"),
    # --- one employee's development (pk = Pegawai)
    path("pengembangan/pegawai/<int:pk>/", v.PegawaiPengembanganView.as_view(), name="pegawai-pengembangan"),
    # --- 20-JP compliance
    path("jp/", v.JpListView.as_view(), name="jp-list"),
    path("jp/unduh/", v.JpExportView.as_view(), name="jp-export"),
]
