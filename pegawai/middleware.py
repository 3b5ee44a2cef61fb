from django.shortcuts import redirect
from django.urls import reverse

from .access import akses_get


class WajibGantiPasswordMiddleware:
    """An account signed in with an activation code may do nothing before choosing a password."""

    BEBAS = ("akun:password-change", "akun:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and akses_get(user).wajib_ganti_password:
            bebas = {reverse(name) for name in self.BEBAS}
            if request.path not in bebas and not request.path.startswith("/static/"):
                return redirect("akun:password-change")
        return self.get_response(request)
