"""Starting the atlas server: ``python -m ui.serve [SCRIPT.py] [streamlit options]`` runs
``streamlit run`` on ``ui/asgi_app.py``, Streamlit's own ASGI app (``st.App``) for app.py (or
SCRIPT), which sends Streamlit's front end lean (``ui.static_assets``), with three fixes to
Streamlit's server.

1. Nagle's algorithm is off on the server's connections: see ``patch_streamlit_listener``.
2. A tab that reconnects to a restarted server keeps working: see
   ``patch_reconnected_fragment_reruns``.
3. The first visitor after a start who opens a link to a page gets the app's own navigation:
   see ``patch_pages_directory``.

Each replaces a private name of Streamlit. ``ui.patches`` records those names as they are in
the pinned Streamlit; a fix whose names differ is left off, and the log says so at start.
``KURIL_ATLAS_PATCHES_OFF=reconnect`` (any of the keys in ``ui.patches.PATCHES``, comma-separated)
leaves fixes off by hand, and the log says that too.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from ui import asgi_app, patches

APP = Path(__file__).resolve().parent.parent / "app.py"


def without_nagle(sock: socket.socket) -> socket.socket:
    """``sock`` with TCP_NODELAY set, when it is a TCP socket; returned for chaining."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def patch_streamlit_listener() -> bool:
    """Make Streamlit's server bind its listening socket without Nagle; False when this
    Streamlit binds it some other way (the app then runs as before, only slower).

    Why: Streamlit binds its listening socket itself, with protocol number 0, and asyncio turns
    Nagle off only on sockets that name IPPROTO_TCP. With Nagle on, every small websocket message
    that follows another unacknowledged one waits for the reader's delayed acknowledgement.
    Connections accepted on Linux inherit TCP_NODELAY from their listening socket, so setting it
    there is enough.
    """
    if patches.why_off("nagle"):
        return False
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        return False
    bind = getattr(starlette_server, "_bind_socket", None)
    if bind is None or getattr(bind, "without_nagle", False):
        return bind is not None

    def bind_without_nagle(*args, **kwargs):
        return without_nagle(bind(*args, **kwargs))

    bind_without_nagle.without_nagle = True
    bind_without_nagle.__wrapped__ = bind
    starlette_server._bind_socket = bind_without_nagle
    return True


def patch_reconnected_fragment_reruns(session_class=None) -> bool:
    """Let the first request of a new session run the whole page even when it asks for one
    fragment only; False when this Streamlit's sessions look different.

    Why: when the server restarts under an open tab, the tab reconnects by itself but does not
    run the page again. Its next map step asks the new session to rerun the map's fragment,
    which that session has never drawn, and Streamlit drops such a request: the map moved, but
    the panel, the URL and the server never followed. A session that has not run its page yet
    has nothing to keep, so running the whole page (with the step's widget state) is what the
    reader meant.
    """
    if session_class is None:
        if patches.why_off("reconnect"):
            return False
        try:
            from streamlit.runtime.app_session import AppSession as session_class
        except ImportError:
            return False
    request_rerun = getattr(session_class, "request_rerun", None)
    if request_rerun is None or not hasattr(session_class, "has_fragment"):
        return False
    if getattr(request_rerun, "reconnect_safe", False):
        return True

    def request_rerun_reconnect_safe(session, client_state=None):
        if client_state is not None:
            if (client_state.fragment_id and not getattr(session, "_atlas_page_ran", False)
                    and not session.has_fragment(client_state.fragment_id)):
                whole_page = type(client_state)()
                whole_page.CopyFrom(client_state)
                whole_page.ClearField("fragment_id")
                client_state = whole_page
            if not client_state.fragment_id:
                session._atlas_page_ran = True
        return request_rerun(session, client_state)

    request_rerun_reconnect_safe.reconnect_safe = True
    request_rerun_reconnect_safe.__wrapped__ = request_rerun
    session_class.request_rerun = request_rerun_reconnect_safe
    return True


def patch_pages_directory() -> bool:
    """Tell Streamlit from the start that app.py lays out the pages with ``st.navigation``;
    False when this Streamlit has no such setting.

    Why: Streamlit takes a ``pages/`` folder for its old automatic navigation until some session
    has run ``st.navigation``. Without this, the first visitor after a start who opens a link to
    /Story or /Timeline gets that page without app.py: an English list of file names, with an
    "app" entry, instead of the atlas's navigation in the reader's language.
    """
    if patches.why_off("pages"):
        return False
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return False
    if not hasattr(PagesManager, "uses_pages_directory"):
        return False
    PagesManager.uses_pages_directory = False
    return True


def main(argv: list[str] | None = None) -> None:
    """``[SCRIPT.py] [streamlit options]``: run the atlas (or SCRIPT, e.g. the benchmark's bare page)."""
    args = sys.argv[1:] if argv is None else argv
    script, options = (args[0], args[1:]) if args and args[0].endswith(".py") else (str(APP), args)
    applied = {"nagle": patch_streamlit_listener(), "reconnect": patch_reconnected_fragment_reruns(),
               "pages": patch_pages_directory(), "map": not patches.why_off("map")}
    for line in patches.start_report(applied):
        print(f"ui.serve: {line}", file=sys.stderr)
    from streamlit.web.cli import main as streamlit_main

    os.environ[asgi_app.SCRIPT_VARIABLE] = str(Path(script).resolve())
    sys.argv = ["streamlit", "run", asgi_app.__file__, *options]
    streamlit_main()


if __name__ == "__main__":
    main()
