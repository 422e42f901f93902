"""`kg.extract(doc, article)`, `kg.export(store, fmt)` and `kg.serve(...)` are functions of the public API whose
names are also those of subpackages. Each of those packages is made callable, delegating to its function, so that
`kg.extract` stays the package for `import kg.extract.features` and is the function for a caller."""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import Any


def make_callable(package: str, module: str, function: str) -> None:
    """Calling the package `package` calls `function` of `module` (imported then, not before)."""

    class CallablePackage(ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return getattr(import_module(module), function)(*args, **kwargs)

    CallablePackage.__call__.__doc__ = f"Call {module}.{function}."
    sys.modules[package].__class__ = CallablePackage
