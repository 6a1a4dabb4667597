"""Publish Tenant Participation Compacts: data files in, accessible website out.

Stages, each a module, data flowing one way:
load (loader) -> validate (validate) -> model (model) -> pages (pages) -> MkDocs (plugin).
"""
