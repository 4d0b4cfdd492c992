"""The private names of Streamlit and streamlit-folium the atlas relies on, and a check of them
at start.

``ui.serve`` replaces three private names of Streamlit, and ``ui.mapcomponent`` draws the map
with streamlit-folium's private helpers. Private names change without notice between
versions, so each one is recorded here with its signature in the version ``requirements.txt``
pins. ``python -m ui.serve`` checks them at start (``start_report``): when an installed
version differs from its pin, the log names every patch and says whether it is on or off, and
a patch whose names changed is left off rather than applied to code it was not written for.
``tests/test_patches.py`` fails when a recorded name disappears or its signature changes.

Every patch is gated alike (``why_off``): it is on only when its names are as recorded, and
``KURIL_ATLAS_PATCHES_OFF`` (patch keys, comma-separated) turns any of them off by hand, say to
see whether a new Streamlit still needs one. The three Streamlit patches then leave Streamlit as
it is; the map, which has no way to draw without streamlit-folium's helpers, shows an error that
names what changed instead of failing somewhere inside them.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import importlib.util
import inspect
import os
from dataclasses import dataclass
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"
PACKAGES = ("streamlit", "streamlit-folium")
OFF_VARIABLE = "KURIL_ATLAS_PATCHES_OFF"  # patch keys to leave off, e.g. "reconnect" or "nagle,pages"

# The arguments streamlit-folium's own st_folium hands its frontend; ui.mapcomponent hands the
# same ones, so the frontend draws the map as st_folium would.
MAP_COMPONENT_ARGUMENTS = frozenset({
    "center", "css_links", "default", "feature_group", "header", "height", "html", "id", "js_links", "key",
    "layer_control", "on_change", "pixelated", "return_on_hover", "returned_objects", "script", "width",
    "wrap_longitude", "zoom"})


@dataclass(frozen=True)
class Private:
    """A private name in ``module`` (``"Class.attribute"`` or a function's name) and its
    parameters in the pinned version; ``parameters`` None for a plain attribute.

    ``read_only``: the module is read as source, not imported. Importing streamlit_folium
    declares its component, and one declared before Streamlit's server has started is never
    served (the map's frame would answer 404).
    """

    package: str
    module: str
    name: str
    parameters: str | None = None
    read_only: bool = False

    def __str__(self) -> str:
        return f"{self.module}.{self.name}"


@dataclass(frozen=True)
class Patch:
    """One thing the atlas does through private names, and what a reader loses when it is off."""

    key: str
    title: str
    when_off: str
    names: tuple[Private, ...]


PATCHES = (
    Patch("nagle", "Nagle off on the server's sockets (ui.serve.patch_streamlit_listener)",
          "small websocket messages wait for the browser's delayed acknowledgement: every step is slower",
          (Private("streamlit", "streamlit.web.server.starlette.starlette_server", "_bind_socket",
                   "(address, port, backlog)"),)),
    Patch("reconnect", "a reconnected tab's first step runs the page (ui.serve.patch_reconnected_fragment_reruns)",
          "after a server restart, open tabs must be reloaded before the map's steps reach the server",
          (Private("streamlit", "streamlit.runtime.app_session", "AppSession.request_rerun", "(self, client_state)"),
           Private("streamlit", "streamlit.runtime.app_session", "AppSession.has_fragment", "(self, fragment_id)"))),
    Patch("pages", "app.py sets out the pages from the start (ui.serve.patch_pages_directory)",
          "the first visitor after a start who opens a page link sees Streamlit's list of file names",
          (Private("streamlit", "streamlit.runtime.pages_manager", "PagesManager.uses_pages_directory"),)),
    Patch("map", "the map is rendered once per process with streamlit-folium's helpers (ui.mapcomponent)",
          "the map pages show an error naming the changed helpers instead of the map; install the "
          "streamlit-folium that requirements.txt pins",
          (Private("streamlit-folium", "streamlit_folium", "_get_html", "(fig)", read_only=True),
           Private("streamlit-folium", "streamlit_folium", "_get_header", "(fig)", read_only=True),
           Private("streamlit-folium", "streamlit_folium", "_get_map_string", "(fig)", read_only=True),
           Private("streamlit-folium", "streamlit_folium", "get_full_id", "(m)", read_only=True),
           Private("streamlit-folium", "streamlit_folium", "generate_js_hash",
                   "(js_string, key=None, return_on_hover=False)", read_only=True),
           # A component declared with Streamlit's declare_component: the arguments it takes are
           # those st_folium hands it (MAP_COMPONENT_ARGUMENTS).
           Private("streamlit-folium", "streamlit_folium", "_component_func", read_only=True))),
)
BY_KEY = {patch.key: patch for patch in PATCHES}
_MISSING = object()


def parameters(function) -> str:
    """``function``'s parameters without annotations, e.g. ``"(js_string, key=None)"``."""
    signature = inspect.signature(function)
    return "(" + ", ".join(str(p.replace(annotation=inspect.Parameter.empty)) for p in signature.parameters.values()) + ")"


def _source_tree(module: str) -> ast.Module | None:
    """``module``'s source, parsed, without importing it; None when it cannot be read."""
    try:
        spec = importlib.util.find_spec(module)
        return ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    except (ImportError, AttributeError, TypeError, OSError, SyntaxError, ValueError):
        return None


def _ast_parameters(arguments: ast.arguments) -> str:
    """A function's parameters from its source, written as ``parameters`` writes them."""
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    written = [arg.arg + (f"={ast.unparse(default)}" if default is not None else "")
               for arg, default in zip(positional, defaults)]
    if arguments.vararg:
        written.append(f"*{arguments.vararg.arg}")
    elif arguments.kwonlyargs:
        written.append("*")
    written += [arg.arg + (f"={ast.unparse(default)}" if default is not None else "")
                for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults)]
    if arguments.kwarg:
        written.append(f"**{arguments.kwarg.arg}")
    return "(" + ", ".join(written) + ")"


def _read(private: Private):
    """What the source of ``private.module`` defines under ``private.name``: an ``ast.arguments``
    for a function, True for anything else assigned at the top level; or ``_MISSING``."""
    tree = _source_tree(private.module)
    if tree is None or "." in private.name:
        return _MISSING
    branches = [child for node in tree.body if isinstance(node, ast.If) for child in node.body + node.orelse]
    for node in tree.body + branches:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == private.name:
            return node.args
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == private.name for target in node.targets):
            return True
    return _MISSING


def lookup(private: Private):
    """The object ``private`` names, or ``_MISSING``."""
    try:
        found = importlib.import_module(private.module)
    except ImportError:
        return _MISSING
    for part in private.name.split("."):
        # vars(), not getattr: a class attribute must be the class's own, not inherited.
        found = vars(found).get(part, _MISSING) if inspect.isclass(found) else getattr(found, part, _MISSING)
        if found is _MISSING:
            return _MISSING
    return inspect.unwrap(found) if callable(found) else found


def problem(private: Private) -> str | None:
    """What is wrong with ``private`` in the installed package, or None when it is as recorded."""
    found = _read(private) if private.read_only else lookup(private)
    if found is _MISSING:
        return f"{private} is gone"
    if private.parameters is not None and private.read_only:
        now = _ast_parameters(found) if isinstance(found, ast.arguments) else "no parameters"
        if now != private.parameters:
            return f"{private} takes {now}, not {private.parameters}"
    elif private.parameters is not None:
        if not callable(found):
            return f"{private} is no longer callable"
        now = parameters(found)
        if now != private.parameters:
            return f"{private} takes {now}, not {private.parameters}"
    return None


def map_component_problem() -> str | None:
    """None when streamlit-folium's st_folium hands its frontend the arguments ui.mapcomponent
    hands it (MAP_COMPONENT_ARGUMENTS); otherwise which ones differ."""
    tree = _source_tree("streamlit_folium")
    st_folium = next((node for node in (tree.body if tree else []) if isinstance(node, ast.FunctionDef)
                      and node.name == "st_folium"), None)
    if st_folium is None:
        return "streamlit_folium.st_folium is gone"
    calls = [node for node in ast.walk(st_folium)
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_component_func"]
    if len(calls) != 1:
        return f"streamlit_folium.st_folium calls _component_func {len(calls)} times, not once"
    found = {keyword.arg for keyword in calls[0].keywords}
    if found != MAP_COMPONENT_ARGUMENTS:
        return (f"st_folium's frontend now takes {sorted(found - MAP_COMPONENT_ARGUMENTS)} and no longer "
                f"{sorted(MAP_COMPONENT_ARGUMENTS - found)}")
    return None


def problems(key: str) -> list[str]:
    """Everything that differs from the record for the patch ``key``; empty when it is intact."""
    found = [text for text in map(problem, BY_KEY[key].names) if text]
    if key == "map" and not found:
        found += [text for text in [map_component_problem()] if text]
    return found


def turned_off() -> frozenset[str]:
    """The patch keys ``KURIL_ATLAS_PATCHES_OFF`` names (comma-separated), to be left off."""
    return frozenset(key.strip() for key in os.environ.get(OFF_VARIABLE, "").split(",") if key.strip())


def why_off(key: str) -> list[str]:
    """Why the patch ``key`` must stay off: turned off by hand, or what differs from its record;
    empty when it may be applied."""
    return [f"turned off by {OFF_VARIABLE}"] if key in turned_off() else problems(key)


def off_line(key: str, why: str) -> str:
    """The line logged for a patch that is off, naming ``why`` and what a reader loses."""
    patch = BY_KEY[key]
    return f"patch OFF: {patch.title}: {why}. Without it, {patch.when_off}."


def pinned_versions(requirements: Path = REQUIREMENTS) -> dict[str, str]:
    """``name==version`` lines of ``requirements``, by lower-case name; empty when it is missing."""
    pins = {}
    lines = requirements.read_text(encoding="utf-8").splitlines() if requirements.exists() else []
    for line in lines:
        name, equals, version = line.split("#", 1)[0].strip().partition("==")
        if equals:
            pins[name.strip().lower()] = version.strip()
    return pins


def installed_versions() -> dict[str, str | None]:
    """The installed version of each of PACKAGES (None when it is not installed)."""
    found = {}
    for package in PACKAGES:
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    return found


def start_report(applied: dict[str, bool], installed: dict[str, str | None] | None = None,
                 pins: dict[str, str] | None = None) -> list[str]:
    """The lines to log at start. ``applied`` says which patches were applied (a key of PATCHES
    missing from it is checked with ``why_off``). Nothing when the versions are the pinned ones
    and every patch is on; otherwise each version that differs, and then every patch, on or off.
    A key in KURIL_ATLAS_PATCHES_OFF that names no patch is logged too."""
    installed = installed_versions() if installed is None else installed
    pins = pinned_versions() if pins is None else pins
    on = {patch.key: applied[patch.key] if patch.key in applied else not why_off(patch.key) for patch in PATCHES}
    lines = [f"{package} {installed.get(package) or '(not installed)'} is installed but requirements.txt pins "
             f"{pins.get(package, '(nothing)')}; the patches were written for the pinned version"
             for package in PACKAGES if installed.get(package) != pins.get(package)]
    lines += [f"{OFF_VARIABLE} names {key!r}, which is no patch (the patches: {', '.join(BY_KEY)})"
              for key in sorted(turned_off() - set(BY_KEY))]
    if not lines and all(on.values()):
        return []
    for patch in PATCHES:
        if on[patch.key]:
            lines.append(f"patch on: {patch.title}")
        else:
            lines.append(off_line(patch.key, "; ".join(why_off(patch.key)) or "not applied"))
    return lines
