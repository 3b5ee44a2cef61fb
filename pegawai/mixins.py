"""View mixins: role-gated pages declare their roles on the class."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from .access import akses_get, is_atasan


class PeranRequiredMixin(LoginRequiredMixin):
    """Allow the view only to users holding one of `peran_diperlukan`.

    Values: "admin_bkd", "admin_opd", "petugas_pengaduan", "atasan", "pegawai".
    An empty tuple means any signed-in user.
    """

    peran_diperlukan: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.peran_diperlukan and not self.punya_peran(request.user):
            raise PermissionDenied("Halaman ini tidak tersedia untuk peran Anda.")
        return super().dispatch(request, *args, **kwargs)

    def punya_peran(self, user) -> bool:
        akses = akses_get(user)
        for peran in self.peran_diperlukan:
            if peran == "atasan":
                if is_atasan(user):
                    return True
            elif akses.punya_peran(peran):
                return True
        return False
