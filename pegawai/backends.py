"""Sign-in with the activation code an admin handed out (first login only)."""

from django.contrib.auth.backends import ModelBackend

from .models import Pegawai
from .services import kode_aktivasi_cocok


class KodeAktivasiBackend(ModelBackend):
    """NIP + activation code signs in an account that has no password yet.

    The middleware then forces the owner to choose a password before anything else.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        pegawai = (
            Pegawai.objects.select_related("user")
            .filter(nip=str(username).strip(), aktif=True, user__isnull=False)
            .first()
        )
        if pegawai is None or pegawai.user.has_usable_password():
            return None
        if kode_aktivasi_cocok(pegawai, password) and self.user_can_authenticate(pegawai.user):
            return pegawai.user
        return None
