"""Starting the server: Streamlit's listening socket gets TCP_NODELAY, so its connections
send each small websocket message at once instead of waiting for the reader's delayed ACK."""

from __future__ import annotations

import socket

from streamlit.web.server.starlette import starlette_server

from ui.serve import patch_streamlit_listener, without_nagle


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
