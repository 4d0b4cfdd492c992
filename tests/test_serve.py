"""Starting the server: Streamlit's listening socket gets TCP_NODELAY, so its connections
send each small websocket message at once instead of waiting for the reader's delayed ACK; and
a new session runs the whole page when a reconnected tab asks it for a fragment it never drew."""

from __future__ import annotations

import socket

import pytest
from streamlit.web.server.starlette import starlette_server

from streamlit.proto.ClientState_pb2 import ClientState

from ui.serve import patch_reconnected_fragment_reruns, patch_streamlit_listener, without_nagle


def accepted_from(listener: socket.socket) -> socket.socket:
    client = socket.create_connection(listener.getsockname()[:2])
    accepted, _ = listener.accept()
    client.close()
    return accepted


def nagle_off(sock: socket.socket) -> bool:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


def test_streamlit_alone_leaves_nagle_on_for_its_connections():
    """The reason for ui.serve: if this starts failing, Streamlit fixed it and ui.serve can go."""
    bind = starlette_server._bind_socket
    listener = getattr(bind, "__wrapped__", bind)("127.0.0.1", 0, 8)
    with listener, accepted_from(listener) as accepted:
        assert not nagle_off(accepted)


def test_the_patched_listener_hands_nodelay_to_every_connection_it_accepts():
    assert patch_streamlit_listener()
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    with listener, accepted_from(listener) as accepted:
        assert nagle_off(listener) and nagle_off(accepted)


def test_patching_twice_wraps_once():
    assert patch_streamlit_listener() and patch_streamlit_listener()
    bind = starlette_server._bind_socket
    assert getattr(bind, "without_nagle", False)
    assert not getattr(getattr(bind, "__wrapped__", None), "without_nagle", False)


def test_sockets_that_are_not_tcp_are_left_alone():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        assert without_nagle(udp) is udp


class Session:
    """Stands in for Streamlit's AppSession: records the rerun requests it is handed."""

    def __init__(self, fragments=()):
        self.fragments, self.requests = set(fragments), []

    def has_fragment(self, fragment_id):
        return fragment_id in self.fragments

    def request_rerun(self, client_state=None):
        self.requests.append(client_state.fragment_id if client_state is not None else None)


def rerun_of(fragment_id: str = "") -> ClientState:
    return ClientState(fragment_id=fragment_id, query_string="date=1945-08-31")


@pytest.fixture
def reconnect_safe():
    """A session class with ui.serve's patch applied, as Streamlit's AppSession gets it."""
    class ReconnectSafe(Session):
        pass
    assert patch_reconnected_fragment_reruns(ReconnectSafe)
    return ReconnectSafe


def test_a_new_session_asked_for_a_fragment_it_never_drew_runs_the_whole_page(reconnect_safe):
    session = reconnect_safe()
    session.request_rerun(rerun_of("the-map"))
    assert session.requests == [""]


def test_a_session_that_has_run_its_page_still_drops_a_stale_fragment_rerun(reconnect_safe):
    session = reconnect_safe()
    session.request_rerun(rerun_of())
    session.request_rerun(rerun_of("a-fragment-from-another-page"))
    assert session.requests == ["", "a-fragment-from-another-page"]  # Streamlit then drops it


def test_a_fragment_the_session_holds_is_rerun_alone(reconnect_safe):
    session = reconnect_safe(fragments={"the-map"})
    session.request_rerun(rerun_of("the-map"))
    assert session.requests == ["the-map"]


def test_a_rerun_without_client_state_is_passed_on_unchanged(reconnect_safe):
    session = reconnect_safe()
    session.request_rerun()
    assert session.requests == [None]
