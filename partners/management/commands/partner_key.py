"""``partner_key create NAME --scopes read,submit`` | ``list`` | ``revoke PREFIX`` | ``staff-token USERNAME``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from partners.services import partner_key_create, partner_key_list, partner_key_revoke, staff_token_create


class Command(BaseCommand):
    help = "Issue, list and revoke partner API keys. A new key is printed once and never stored in clear."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Issue a key for a partner (created if new).")
        create.add_argument("name", help="Partner name")
        create.add_argument("--scopes", default="read", help="Comma-separated: read,submit (default read)")
        create.add_argument("--key-name", default="", help="A label for this key")
        create.add_argument("--expires", default=None, help="ISO 8601 expiry, e.g. 2027-01-01T00:00:00Z")
        listing = sub.add_parser("list", help="List keys (prefix, partner, scopes, state).")
        listing.add_argument("--partner", default=None)
        revoke = sub.add_parser("revoke", help="Revoke the key with this prefix.")
        revoke.add_argument("prefix")
        token = sub.add_parser("staff-token", help="Issue (or replace) a staff user's API token.")
        token.add_argument("username")

    def handle(self, *args, **options):
        try:
            return getattr(self, f"_{options['action'].replace('-', '_')}")(options)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc

    def _create(self, options) -> None:
        expiry = None
        if options["expires"]:
            expiry = parse_datetime(options["expires"])
            if expiry is None:
                raise CommandError(f"--expires: '{options['expires']}' is not an ISO 8601 datetime.")
        issued = partner_key_create(
            partner_name=options["name"],
            scopes=options["scopes"].split(","),
            key_name=options["key_name"],
            expiry_date=expiry,
        )
        self.stdout.write(
            f"Issued key {issued.api_key.prefix} for {issued.api_key.partner.name} "
            f"(scopes: {','.join(issued.api_key.scopes)}). Store it now; it is not shown again:"
        )
        self.stdout.write(issued.key)

    def _list(self, options) -> None:
        for key in partner_key_list(partner_name=options["partner"]):
            state = "revoked" if key.revoked else ("expired" if key.has_expired else "active")
            self.stdout.write(
                f"{key.prefix}\t{key.partner.name}\t{','.join(key.scopes)}\t{state}\t"
                f"{key.created:%Y-%m-%d}\t{key.name}"
            )

    def _staff_token(self, options) -> None:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user is called '{options['username']}'.")
        key = staff_token_create(user=user)
        self.stdout.write(f"Token for {user} (send 'Authorization: Token <token>'); it is not shown again:")
        self.stdout.write(key)

    def _revoke(self, options) -> None:
        key = partner_key_revoke(prefix=options["prefix"])
        self.stdout.write(f"Revoked key {key.prefix} of {key.partner.name}.")
