"""CSRF tokens (jobboard/hr/csrf.py)."""

from flask import session

from jobboard.hr import csrf


def test_token_is_stable_within_a_session_and_rotates(app):
    with app.test_request_context():
        first = csrf.token()
        assert csrf.token() == first and len(first) >= 40
        assert csrf.valid(first)
        csrf.rotate()
        assert csrf.token() != first and not csrf.valid(first)


def test_invalid_tokens(app):
    with app.test_request_context():
        assert not csrf.valid(None) and not csrf.valid("")  # no token in the session yet
        token = csrf.token()
        assert not csrf.valid(token[:-1]) and not csrf.valid(None)
        assert session[csrf.SESSION_KEY] == token


def test_field_is_a_hidden_input_with_the_token(app):
    with app.test_request_context():
        assert csrf.field() == f'<input type="hidden" name="csrf_token" value="{csrf.token()}">'
