from .access import akses_get, is_atasan


def akses(request):
    """`akses` (roles) and `is_atasan` for the navigation; computed lazily, once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"akses": akses_get(user), "is_atasan": lambda: is_atasan(user)}
