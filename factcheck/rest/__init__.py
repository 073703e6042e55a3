"""Shared REST plumbing for every API view: error mapping, size-limited parsers, pagination, ordering."""
