"""The shape of the package: no import cycles, a cheap `import kg`, a public API that resolves, short modules."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx

import kg

PACKAGE = Path(kg.__file__).parent
MAX_MODULE_LINES = 300


def modules() -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, whether it is a package's __init__), for every module of kg/."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def import_targets(name: str, path: Path, is_package: bool, known: set[str]) -> set[str]:
    """The kg modules a module names in its import statements, function-level ones included."""
    package = name if is_package else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: climb from the current package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in known:
                    targets.add(submodule)
                elif base in known:
                    targets.add(base)
    return targets - {name}


def import_graph() -> nx.DiGraph:
    found = modules()
    graph = nx.DiGraph()
    for name, (path, is_package) in found.items():
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in import_targets(name, path, is_package, set(found)))
    return graph


def test_the_import_graph_is_read_from_the_sources():
    graph = import_graph()
    assert graph.has_edge("kg.cli.app", "kg.errors")
    assert graph.has_edge("kg.store.local", "kg.store.base")
    assert graph.number_of_nodes() > 60


def test_no_import_cycle():
    cycles = [sorted(component) for component in nx.strongly_connected_components(import_graph())
              if len(component) > 1]
    assert cycles == []


def test_no_module_over_300_lines():
    long = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, (path, _) in modules().items()}
    assert {name: lines for name, lines in long.items() if lines > MAX_MODULE_LINES} == {}


def loaded_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running `code`."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=PACKAGE.parent)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_import_kg_and_open_store_load_no_heavy_dependency():
    loaded = loaded_after("import kg\nkg.open_store")
    assert "kg" in loaded
    assert loaded.isdisjoint({"spacy", "pyshacl", "typer"})


def test_kg_help_loads_neither_spacy_nor_pyshacl():
    loaded = loaded_after(
        "import contextlib, io\nsys.argv = ['kg', '--help']\nfrom kg.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n    main()"
    )
    assert "typer" in loaded
    assert loaded.isdisjoint({"spacy", "pyshacl", "numpy", "bs4"})  # numpy: kg.extract; bs4: only to read HTML


def test_every_public_name_resolves():
    missing = [name for name in kg.__all__ if getattr(kg, name, None) is None]
    assert missing == []
    assert callable(kg.build) and callable(kg.export) and callable(kg.extract)
    errors = {name for name, value in vars(kg.errors).items() if isinstance(value, type) and name in vars(kg)}
    assert set(kg.__all__) == {*kg._API, *errors, "__version__"}


def untyped(function) -> list[str]:
    """The parameters (and 'return') of a function that carry no annotation."""
    signature = inspect.signature(function)
    missing = [name for name, p in signature.parameters.items()
               if name not in ("self", "cls") and p.annotation is inspect.Parameter.empty]
    if signature.return_annotation is inspect.Signature.empty and function.__name__ != "__init__":
        missing.append("return")
    return missing


def test_the_public_api_is_typed():
    functions = {name: getattr(kg, name) for name in kg.__all__ if inspect.isfunction(getattr(kg, name))}
    # kg.extract, kg.export and kg.serve are callable packages (kg/_callable.py): their functions are checked
    functions |= {name: getattr(importlib.import_module(module), name) for name, module in
                  (("extract", "kg.extract.extractor"), ("export", "kg.export.export"), ("serve", "kg.serve.server"))}
    functions |= {f"Store.{name}": f for name, f in vars(kg.Store).items()
                  if inspect.isfunction(f) and (not name.startswith("_") or name in ("__enter__", "__exit__"))}
    assert len(functions) > 20
    assert {name: missing for name, f in functions.items() if (missing := untyped(f))} == {}


def test_api_functions_named_like_subpackages_are_callable_and_stay_packages():
    """kg.extract is the function for callers and the package for `import kg.extract.features as F`."""
    code = ("import kg, kg.extract.features as F, kg.export.network as N; "
            "import kg.extract.extractor as E, kg.export.export as X; "
            "assert callable(kg.extract) and callable(kg.export) and callable(kg.serve); "
            "assert kg.extract.__name__ == 'kg.extract' and F.N_HASHED > 0 and N.load_network; "
            "print(E.extract.__name__, X.export.__name__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["extract", "export"]
