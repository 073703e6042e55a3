"""A Content-Security-Policy on every HTML page the server sends (admin, dashboard, API pages, docs).

Scripts come only from this site: the admin, the dashboard and DRF's browsable API load their scripts
from static files (their inline ``<script>`` tags are JSON data blocks, which a policy does not run).
Inline styles stay allowed (the admin's widgets and the dashboard's bars use ``style=``).  The API docs
(Swagger UI, Redoc) load their bundles from jsDelivr and Redoc its fonts from Google Fonts, so those
two pages name these hosts.  A response that set its own policy (a report download) keeps it.
"""

from __future__ import annotations

from django.conf import settings

BASE = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
_CDN = "https://cdn.jsdelivr.net"
DOCS = {
    **BASE,
    "script-src": f"'self' {_CDN}",
    "style-src": f"'self' 'unsafe-inline' {_CDN} https://fonts.googleapis.com",
    "img-src": f"'self' data: {_CDN}",
    "font-src": "'self' https://fonts.gstatic.com",
    "worker-src": "'self' blob:",
}
DOCS_PATHS = ("/api/docs/", "/api/redoc/")


def policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    """Adds ``Content-Security-Policy`` to HTML responses that have none (``FACTCHECK_CSP_REPORT_ONLY``
    sends it as ``Content-Security-Policy-Report-Only`` instead, to try a change)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.base, self.docs = policy(BASE), policy(DOCS)

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            return response
        if "Content-Security-Policy" in response or "Content-Security-Policy-Report-Only" in response:
            return response
        header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "FACTCHECK_CSP_REPORT_ONLY", False)
            else "Content-Security-Policy"
        )
        response[header] = self.docs if request.path.startswith(DOCS_PATHS) else self.base
        return response
