"""drf-spectacular descriptions of the API's authentication schemes (loaded by ``PartnersConfig.ready``)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PartnerAPIKeyScheme(OpenApiAuthenticationExtension):
    target_class = "partners.auth.PartnerAPIKeyAuthentication"
    name = "PartnerApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Api-Key",
            "description": "A partner API key (or send `Authorization: Api-Key <key>`).",
        }


class StaffTokenScheme(OpenApiAuthenticationExtension):
    target_class = "partners.auth.StaffTokenAuthentication"
    name = "StaffToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Staff token: `Token <key>`.",
        }


class StaffSessionScheme(OpenApiAuthenticationExtension):
    target_class = "partners.auth.StaffSessionAuthentication"
    name = "StaffSession"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "A staff admin session.",
        }
