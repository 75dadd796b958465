"""The visitor's address behind the TLS proxy, for per-address rate limits."""


def client_address(request):
    """The address our proxy saw: the last entry of X-Forwarded-For, which the proxy appends
    (entries before it come from the visitor and can be forged)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.rsplit(",", 1)[-1].strip() or request.META["REMOTE_ADDR"]
