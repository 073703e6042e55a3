"""drf-spectacular descriptions of the API's authentication schemes (loaded by ``PartnersConfig.ready``)."""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class _ApiKeyScheme(OpenApiAuthenticationExtension):
    """An ``apiKey`` scheme: the credential travels in ``location`` under ``parameter``.

    With no ``target_class`` this base matches no authentication class itself."""

    location = "header"
    parameter = ""
    description = ""

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": self.location,
            "name": self.parameter,
            "description": self.description,
        }


class PartnerAPIKeyScheme(_ApiKeyScheme):
    target_class = "partners.auth.PartnerAPIKeyAuthentication"
    name = "PartnerApiKey"
    parameter = "X-Api-Key"
    description = "A partner API key (or send `Authorization: Api-Key <key>`)."


class StaffTokenScheme(_ApiKeyScheme):
    target_class = "partners.auth.StaffTokenAuthentication"
    name = "StaffToken"
    parameter = "Authorization"
    description = "Staff token: `Token <key>`."


class StaffSessionScheme(_ApiKeyScheme):
    target_class = "partners.auth.StaffSessionAuthentication"
    name = "StaffSession"
    location = "cookie"
    parameter = "sessionid"
    description = "A staff admin session."


class BoundedFilterExtension(DjangoFilterExtension):
    """django-filter parameters, plus the bounds the filters enforce (min/max value, max length), so
    the schema promises exactly what the API accepts."""

    target_class = "factcheck.rest.filters.FilterBackend"
    match_subclasses = True
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        bounds = {"min_value": "minimum", "max_value": "maximum", "max_length": "maxLength"}
        for parameter in parameters:
            schema = parameter.get("schema", {})
            for extra, keyword in bounds.items():
                if filter_field.extra.get(extra) is not None and keyword not in schema:
                    schema[keyword] = filter_field.extra[extra]
        return parameters
