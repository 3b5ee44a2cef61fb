"""Temporary: routes whose view is being built in parallel. Nothing may ship referencing this."""

from django.http import HttpResponse


def belum_ada(request, *args, **kwargs):
    return HttpResponse("Belum tersedia.", status=501)
